"""Budgets told by a word of size or sufficiency (handlers/assess/budget_size.py), alone and
through the rule-based extractor (no embedding matcher: the rules' readings)."""

from __future__ import annotations

import pytest

from handlers.assess.budget_size import sized_budget
from handlers.assess.extract import RuleExtractor
from knowledge.rubric.model import shipped_rubric

X = RuleExtractor(shipped_rubric())


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("our budget for this is paltry", "low"),
        ("spending is modest", "low"),
        ("cash is limited", "low"),
        ("a measly cloud budget", "low"),
        ("there's a decent budget", "medium"),
        ("budget's fine", "medium"),
        ("the budget is middling", "medium"),
        ("we have a medium budget", "medium"),
        ("funding is adequate", "medium"),
        ("the budget isn't tight", "medium"),  # denied scarcity: enough
        ("a budget that is sensible rather than huge", "medium"),  # denied abundance: middling
        ("a reasonable but not lavish cloud budget", "medium"),
        ("budget isn't all that generous", "medium"),
        ("a substantial training budget", "high"),
        ("money is no object", "high"),
        ("budget is not a constraint for us", "high"),
        ("cost isn't an issue", "high"),
        ("the budget for large multi-week training runs", "high"),
        ("funding for this runs into the millions", "high"),
    ],
)
def test_a_word_of_size_on_money_sets_the_budget(text: str, level: str) -> None:
    assert {c.value for c in sized_budget(text, 0)} == {level}


@pytest.mark.parametrize(
    "text",
    [
        "we have a fine model already",  # no money word
        "a decent team of engineers",
        "our deep learning budget",  # "deep" qualifies learning, not the money
        "we don't have a big budget",  # money the team lacks
        "we can't afford the budget for multi-week training runs",
        "a normal it budget",  # ordinary, not a size
    ],
)
def test_no_size_of_the_teams_money_reads_nothing(text: str) -> None:
    assert sized_budget(text, 0) == []


@pytest.mark.parametrize(
    "text",
    [
        "a couple of rented GPUs for a month is fine, a six-figure training budget is not.",
        "a huge budget is out of the question",
        "a big compute budget isn't an option, sadly",
    ],
)
def test_a_size_turned_down_right_after_it_is_a_middling_budget(text: str) -> None:
    assert {c.value for c in sized_budget(text, 0)} == {"medium"}


@pytest.mark.parametrize(
    "text",
    [
        "we have a six-figure training budget and it is not going away",  # the denial is of something else
        "a big budget is not a problem for us",
    ],
)
def test_a_size_not_turned_down_stays_high(text: str) -> None:
    assert {c.value for c in sized_budget(text, 0)} == {"high"}


def test_the_extractor_reads_the_sized_budget_with_its_evidence() -> None:
    found = X.extract("Two data scientists and a budget that is sensible rather than huge.")
    assert found.answers["budget"] == "medium"
    assert found.evidence["budget"] == "budget that is sensible rather than huge"
