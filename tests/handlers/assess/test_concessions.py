"""Prompting tried in vain: a concession of prompting effort with an outcome that fails, or a word
of futility said of prompting, reads as plateaued; the same concession with an outcome that works,
or about something other than prompting, reads nothing here."""

from __future__ import annotations

from handlers.assess.concessions import prompting_in_vain
from handlers.assess.extract import RuleExtractor
from knowledge.rubric.model import shipped_rubric

RULES = RuleExtractor(shipped_rubric())


def reading(text: str) -> object:
    return RULES.extract(text).answers.get("prompt_results")


def test_a_concession_of_prompting_with_a_failed_outcome_is_a_plateau() -> None:
    assert reading("The stock models misread them badly no matter how we phrase the prompt.") == "plateaued"
    assert reading("The general models don't understand our terms however we explain it in the prompt.") == (
        "plateaued"
    )
    assert reading("Despite weeks of prompt tweaking the outputs still drift from the template.") == "plateaued"
    assert reading("Whatever wording we use in the prompt, the assistant confuses the two forms.") == "plateaued"


def test_the_concession_may_stand_in_the_clause_before_the_outcome() -> None:
    assert reading("Even with carefully built few-shot prompts, the stock models still misunderstand them.") == (
        "plateaued"
    )
    assert prompting_in_vain("the model still mislabels them", 30, "even with dozens of examples in the prompt")
    # the concession closed on its own outcome: the next clause is not its outcome
    assert prompting_in_vain("the invoices arrive daily", 30, "even with examples the prompt fails") == []


def test_a_concession_with_an_outcome_that_works_reads_no_plateau() -> None:
    assert reading("Prompting works no matter who writes the question.") == "working"
    assert reading("No matter how busy we are, the prompt works.") == "working"
    assert reading("Our prompts work well even with very long calls.") == "working"
    assert prompting_in_vain("the model never gets them wrong no matter how we phrase the prompt", 0) == []


def test_an_effort_on_the_prompt_then_still_and_a_failure_is_a_plateau() -> None:
    assert reading("We've rewritten the instructions a dozen times and the bot still mixes up our names.") == (
        "plateaued"
    )
    # "still" about the instructions themselves, not about what the model gives
    assert prompting_in_vain("our instructions for the annotators are still not final", 0) == []


def test_a_concession_of_something_other_than_prompting_reads_nothing() -> None:
    assert prompting_in_vain("despite our tight budget the team fails to ship on time", 0) == []
    assert prompting_in_vain("even after fine-tuning with more examples it still drifts", 0) == []


def test_prompting_that_gets_nowhere_is_a_plateau() -> None:
    assert reading("Prompting gets us nowhere with these codes.") == "plateaued"
    assert reading("Few-shot prompting doesn't get us anywhere on the claims.") == "plateaued"
    assert reading("Honestly, prompt tweaking has been a waste of time.") == "plateaued"


def test_futility_that_is_not_said_of_prompting_reads_nothing() -> None:
    assert reading("Without prompts we get nowhere.") is None
    assert reading("The project went nowhere last year.") is None
    assert prompting_in_vain("our fine-tuned model got us nowhere", 0) == []
