"""What a general model produces, told as a shortfall: output that varies from run to run, output
that looks right and does not work, output that reads like something else. Each reads plateaued
when a general model produced it, and nothing as a wish, a denial, or about the team's own model."""

from __future__ import annotations

from handlers.assess.extract import RuleExtractor
from handlers.assess.shortfalls import prompting_shortfalls
from knowledge.rubric.model import shipped_rubric

RULES = RuleExtractor(shipped_rubric())


def reading(text: str) -> object:
    return RULES.extract(text).answers.get("prompt_results")


def test_output_that_varies_from_one_run_to_the_next() -> None:
    assert reading("With a prompted GPT-4 the tone swings from one reply to the next.") == "plateaued"
    assert reading("We prompt a hosted model, the length varies wildly between runs.") == "plateaued"
    assert reading("Claude writes the summaries and every summary comes out structured differently.") == "plateaued"


def test_output_that_looks_right_and_does_not_work() -> None:
    assert reading("ChatGPT writes SQL that doesn't run against our schema.") == "plateaued"
    assert reading("The coding assistants give us scripts that seem fine but fail to execute.") == "plateaued"
    assert prompting_shortfalls("fail to run", 40, "generic llms write configs that look valid")[0].value == "plateaued"


def test_output_that_reads_like_something_else() -> None:
    assert reading("Off-the-shelf models make our release notes read like an ad.") == "plateaued"
    assert reading("Prompted models draft the letters, but they read nothing like our solicitors.") == "plateaued"


def test_a_wish_a_denial_or_the_teams_own_model_reads_nothing() -> None:
    assert reading("We want the model to sound like a seasoned editor.") is None
    assert reading("The prompted bot sounds like a real person.") is None
    assert reading("Prompting doesn't drift from one answer to the next.") is None
    assert reading("Our fine-tuned model's output varies from run to run.") is None
    assert reading("Our app won't run on old phones, but the copy looks fine.") is None
    assert reading("GPT-4 looks fine but it doesn't run on our laptops.") is None
    assert reading("Claude sounds like a good fit for the drafts.") is None
