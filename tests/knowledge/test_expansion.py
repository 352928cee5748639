from __future__ import annotations

from knowledge.expansion import expand, expansion_words


def test_everyday_words_get_the_articles_terms() -> None:
    assert "runtime parameters" in expand("which knobs can we tweak?")
    assert "pitfalls" in expand("what can go wrong with prompts?")
    assert "financial institutions" in expand("how do banks use it?")
    assert expand("how do banks use it?").startswith("how do banks use it?")


def test_only_bridges_form_the_third_list() -> None:
    assert "runtime parameters" in expansion_words("which knobs can we tweak?")
    assert expansion_words("what does it cost?") == ""  # a synonym, not a bridge
    assert "cost" in expand("what does it cost?")


def test_unrelated_query_is_unchanged() -> None:
    assert expand("what is the capital of France") == "what is the capital of France"
    assert expansion_words("what is the capital of France") == ""


def test_everyday_cost_idioms_get_the_cost_words() -> None:
    assert "cost" in expand("what will a training run set us back, ballpark?")
    assert "cost" in expand("what's the price tag on a fine-tune?")
    assert expand("set the model back to its defaults") == "set the model back to its defaults"


def test_every_form_of_a_bridged_verb_matches() -> None:
    for question in ("the bot makes things up", "the bot keeps making things up", "it made stuff up"):
        assert "hallucinations" in expansion_words(question)
    for question in ("what goes wrong", "what went wrong", "what is going wrong"):
        assert "pitfalls" in expansion_words(question)
    assert expansion_words("the makers of things") == ""
