"""What a list question asks to be listed: its topic, its plural head noun, a named collection."""

from __future__ import annotations

import pytest

from handlers.ask.list_asks import list_topic, plural_head, requests_list


def test_list_topics() -> None:
    assert list_topic("what can go wrong with prompts?") == "risks"
    assert list_topic("which KPIs should we track?") == "metrics"
    assert list_topic("any tooling for managing prompts?") == "tools"
    assert list_topic("give me real-world use cases") == "examples"
    assert list_topic("which knobs exist?") == "parameters"
    assert list_topic("what variants of adapters are there?") == "methods"


def test_what_something_is_used_for_asks_for_examples() -> None:
    assert list_topic("what do teams use prompting for?") == "examples"
    assert list_topic("is prompting cheap?") == ""


@pytest.mark.parametrize(
    ("question", "head"),
    [
        ("what trends should we keep an eye on?", "trends"),
        ("what other hybrid setups exist?", "setups"),  # modifiers before the noun are skipped
        ("which are the most common failure patterns?", "patterns"),
        ("give me a rundown of the ways to phrase an instruction", "ways"),
        ("we use LoRA already. which metrics should we track?", "metrics"),  # the asking clause names it
        ("which approach gives the biggest performance gain?", ""),  # a verb after a singular noun
        ("what is the process for this?", ""),  # "is" ends the opening before any plural
        ("what does focus mean here?", ""),
        ("how do adapters work?", ""),  # no "what/which" opening
    ],
)
def test_plural_head_is_the_plural_noun_an_asking_clause_opens_with(question: str, head: str) -> None:
    assert plural_head(question) == head


def test_a_request_names_the_collection_it_wants() -> None:
    assert requests_list("shortlist of libraries for adapter training pls")
    assert requests_list("name three risks")
    assert not requests_list("which options fit us?")
