"""A budget said plainly to exist (handlers/assess/budget_there.py), alone and through the rule-based
extractor (no embedding matcher)."""

from __future__ import annotations

import pytest

from handlers.assess.budget_there import budget_there
from handlers.assess.extract import RuleExtractor
from handlers.assess.text_cues import normalise
from knowledge.rubric.model import shipped_rubric

X = RuleExtractor(shipped_rubric())


def _values(text: str) -> set[str]:
    return {str(c.value) for c in budget_there(normalise(text))}


@pytest.mark.parametrize(
    "text",
    [
        "Budget is there, ML team in place.",
        "money is available and we have engineers",
        "we have the budget for this",
        "the funding is in place.",
        "we've got the money for training",
        "the GPU budget has been approved",
    ],
)
def test_money_said_to_be_there_is_a_high_budget(text: str) -> None:
    assert _values(text) == {"high"}


@pytest.mark.parametrize(
    "text",
    [
        "The budget is there for next year only; this year it's our chat subscription.",
        "funding is available for a pilot",
        "money is there, but only for API calls",
        "the budget is there but tiny",  # a size: budget_size reads it
        "funding is in place until March",
        "budget isn't there",
        "we don't have the budget",
        "budget's fine",  # a word of sufficiency: budget_size's medium
        "is there a budget?",
    ],
)
def test_restricted_denied_or_sized_money_is_not_read_here(text: str) -> None:
    assert _values(text) == set()


def test_the_extractor_reads_budget_is_there() -> None:
    assert X.extract("Power distribution company. Budget is there, ML team in place.").answers["budget"] == "high"


def test_the_extractor_reads_no_plenty_from_next_years_budget() -> None:
    ex = X.extract("The budget is there for next year only. We'd like to start next week.")
    assert ex.answers.get("budget") != "high"
