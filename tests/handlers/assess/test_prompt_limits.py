"""Prompting named as what falls short (handlers/assess/prompt_limits.py), alone and through the
rule-based extractor."""

from __future__ import annotations

import pytest

from handlers.assess.extract import RuleExtractor
from handlers.assess.prompt_limits import prompting_short
from handlers.assess.text_cues import normalise
from knowledge.rubric.model import shipped_rubric

X = RuleExtractor(shipped_rubric())


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("We want marking consistency the prompt alone can't give.", "prompt alone can't give"),
        ("We have 25k reports, and prompting alone keeps misreading them.", "prompting alone keeps misreading"),
        ("Prompting gives a generic Wikipedia tone.", "prompting gives a generic"),
        ("The general models write generic textbook procedures.", "general models write generic"),
        ("No prompt we write gets the layout right.", "no prompt we write gets"),
        ("Few-shot prompts still get the codes wrong.", "few-shot prompts still get the codes wrong"),
        ("GPT-4 cannot follow our citation style.", "gpt-4 cannot follow"),
        ("Our desk notes are unreadable for off-the-shelf models.", "unreadable for off-the-shelf models"),
        ("The notation is lost on general models.", "lost on general models"),
    ],
)
def test_prompting_as_the_agent_of_a_shortfall(text: str, said: str) -> None:
    found = prompting_short(normalise(text))
    assert found is not None and found[1] == said


@pytest.mark.parametrize(
    "text",
    [
        "Prompting works well and gives us exactly what we need.",
        "If prompting can't give us the consistency, we'll train.",  # a condition
        "Can prompting alone get us there?",  # a question
        "Our fine-tuned model keeps misreading dates.",  # a model the team trained
        "We want the prompt to never miss a field.",  # a wish
        "The prompt doesn't need to change often.",
        "Prompts don't make any difference to the cost.",
        "Prompts don't get changed often.",  # a passive: no achievement denied
        "The prompt is fine; the database keeps missing records.",  # the failure is another agent's
        "Our shorthand isn't unreadable for the model at all.",  # denied
        "The scans are unreadable for our OCR tool.",  # no general model
        "The base model writes stock market summaries for us.",  # a word that also names a thing
        "We use the model to write boilerplate code.",
    ],
)
def test_other_statements_read_nothing(text: str) -> None:
    assert prompting_short(normalise(text)) is None


def test_the_extractor_reads_plateaued_only_where_nothing_else_read_prompt_results() -> None:
    assert X.extract("Prompting gives a generic tone. We have 6k texts.").answers["prompt_results"] == "plateaued"
    said = "Prompting works great for us. The general models write generic text sometimes."
    assert X.extract(said).answers.get("prompt_results") != "plateaued"
