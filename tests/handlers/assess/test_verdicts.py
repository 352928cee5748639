"""A verdict on prompting in everyday words: lukewarm words and partial usable shares read as
plateaued where they judge prompting, and nothing where they judge something else."""

from __future__ import annotations

from handlers.assess.extract import RuleExtractor
from handlers.assess.verdicts import prompting_verdicts
from knowledge.rubric.model import shipped_rubric

RULES = RuleExtractor(shipped_rubric())


def reading(text: str) -> object:
    return RULES.extract(text).answers.get("prompt_results")


def test_a_lukewarm_verdict_in_the_clause_that_names_prompting() -> None:
    assert reading("Few-shot prompts have been hit or miss.") == "plateaued"
    assert reading("We tried ChatGPT on the intake forms and it's so-so at best.") == "plateaued"
    assert reading("prompting is 'ok-ish' for now") == "plateaued"
    assert reading("the prompted model is not quite there yet") == "plateaued"


def test_a_verdict_alone_leans_on_the_clause_before() -> None:
    assert reading("prompts tried, meh") == "plateaued"
    assert reading("We gave GPT-4 a go on the quotes, honestly pretty underwhelming.") == "plateaued"
    assert prompting_verdicts("meh", 15, "prompts tried")[0].value == "plateaued"


def test_a_usable_share_short_of_all_is_partial() -> None:
    assert reading("We prompt Claude for the summaries, like 70% usable without edits.") == "plateaued"
    assert reading("the prompts get it right 60% of the time") == "plateaued"
    assert reading("prompting gets us maybe 60% of the way") == "plateaued"
    assert reading("the prompts get it right 97% of the time") is None


def test_a_partial_verdict_outranks_a_report_that_prompting_works() -> None:
    assert reading("prompting works, but it's hit or miss on long forms") == "plateaued"


def test_a_lukewarm_word_about_something_else_says_nothing_of_prompting() -> None:
    assert reading("Our current helpdesk tool is meh and we're replacing it.") is None
    assert reading("The budget is meh, we'll see.") is None
    assert reading("our fine-tuned model is so-so") is None
    assert prompting_verdicts("budget meh", 20, "prompting works great") == []


def test_untried_prompting_has_no_verdict() -> None:
    assert reading("we haven't tried prompts, meh") == "not_tried"
    assert reading("we haven't tried prompts and the budget is meh") == "not_tried"
