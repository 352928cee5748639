from __future__ import annotations

import pytest

from handlers.ask.asked_term import asked_concept, asked_term, term_pattern


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("what is data bias in the context of fine-tuning?", "data bias"),
        ("What do people mean by prompt sprawl?", "prompt sprawl"),
        ("what's meant by context window limits for prompts?", "context window limits"),
        ("in plain terms, what are soft prompts?", "soft prompts"),
        ("what does catastrophic forgetting actually mean?", "catastrophic forgetting"),
        ("define a so-called foundation model", "foundation model"),
        ("what is it?", ""),
        ("how do we start with LoRA?", ""),
    ],
)
def test_the_asked_term_is_the_phrase_after_the_opener(question: str, term: str) -> None:
    assert asked_term(question) == term


def test_the_term_matches_its_plural_and_either_spelling() -> None:
    pattern = term_pattern("context window limit")
    assert pattern.search("Context window limits are a pitfall")
    assert pattern.search("a context-window limit")
    assert not pattern.search("the context of a window")


def test_an_asked_term_is_a_focus_only_where_the_sources_name_it() -> None:
    sentences = ["Data bias is a fine-tuning risk in which the model amplifies biases."]
    concept = asked_concept("what is data bias in the context of fine-tuning?", sentences)
    assert concept is not None and concept.label == "data bias" and not concept.generic
    assert asked_concept("what is prompt drift in fine-tuning?", sentences) is None
    # a listed concept keeps its own spellings
    assert asked_concept("what is LoRA?", ["LoRA is a PEFT method."]) is None
