"""Requests to adjust the output that keep coming (handlers/assess/change_requests.py), alone and
through the rule-based extractor and the shipped rubric's hybrid needs."""

from __future__ import annotations

import pytest

from handlers.assess.change_requests import adjustment_requests
from handlers.assess.engine import score
from handlers.assess.extract import RuleExtractor
from handlers.assess.selection import fact_names
from handlers.assess.text_cues import normalise
from knowledge.rubric.model import shipped_rubric

RUBRIC = shipped_rubric()
X = RuleExtractor(RUBRIC)
KNOWLEDGE = fact_names(RUBRIC)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "On top of that, teachers keep asking for the feedback to be adjusted: shorter for year 9.",
            "keep asking for the feedback to be adjusted",
        ),
        ("Account managers are always asking us to tweak the wording.", "are always asking us to tweak"),
        ("We keep getting requests for changes to the report layout.", "keep getting requests for changes"),
        ("Clinic heads constantly request small tweaks to the summaries.", "constantly request small tweaks"),
    ],
)
def test_recurring_requests_to_adjust_the_output(text: str, said: str) -> None:
    found = adjustment_requests(normalise(text), KNOWLEDGE)
    assert found is not None and found[1] == said


@pytest.mark.parametrize(
    "text",
    [
        "Customers keep asking for refunds.",  # a request for something else
        "New students keep asking which version of the protocol is current.",  # a question
        "Customers keep asking about changes to their orders.",
        "The board asked once for the summary to be shortened.",  # a single request
        "Nobody keeps asking for changes, the format is settled.",  # denied
        "Sales keep asking for the prices to be updated in the bot.",  # facts, not requirements
        "We keep getting requests for changes to the price list.",
    ],
)
def test_other_requests_read_nothing(text: str) -> None:
    assert adjustment_requests(normalise(text), KNOWLEDGE) is None


def test_the_requests_carry_the_prompt_half_of_a_hybrid() -> None:
    text = (
        "We score essays against a marking scheme and have 50k marked essays; prompting plateaued on consistency. "
        "Teachers keep asking for the feedback to be adjusted for their classes. Two ML engineers."
    )
    answers = X.extract(text).answers
    assert answers["requirements_change"] == "weekly"
    assert score(RUBRIC, answers).top == "hybrid"
    answers.pop("requirements_change")
    assert score(RUBRIC, answers).top != "hybrid"


def test_a_stated_pace_of_requirements_is_not_overwritten() -> None:
    text = "Our requirements are stable. Teachers keep asking for the feedback to be adjusted."
    assert X.extract(text).answers.get("requirements_change") == "rarely"
