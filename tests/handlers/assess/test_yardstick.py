"""Budgets told by an everyday yardstick (handlers/assess/yardstick.py), alone and through the
rule-based extractor (no embedding matcher: the rules' readings)."""

from __future__ import annotations

import pytest

from handlers.assess.extract import RuleExtractor
from handlers.assess.yardstick import everyday_budget
from knowledge.rubric.model import shipped_rubric

X = RuleExtractor(shipped_rubric())


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("whatever we do has to cost about what a coffee subscription costs", "about what a coffee"),
        ("the spend should be in the range of our music streaming plan", "in the range of our music streaming plan"),
        ("it must stay cheaper than a gym membership", "cheaper than a gym membership"),
        ("no more than we spend on tea and biscuits", "no more than we spend on tea and biscuits"),
        ("running it costs about the price of a pizza a month", "the price of a pizza"),
        ("honestly it's pocket money", "pocket money"),
        ("it gets paid out of petty cash", "petty cash"),
        ("we pay peanuts for hosting", "peanuts"),
        ("the budget is basically the chat subscription we pay for", "budget is basically the chat subscription"),
    ],
)
def test_spending_measured_against_an_everyday_expense_is_low(text: str, said: str) -> None:
    assert [(c.criterion, c.value, c.snippet) for c in everyday_budget(text, 0)] == [("budget", "low", said)]


@pytest.mark.parametrize(
    "text",
    [
        "a support bot for a coffee chain",  # an expense named for another reason, no spending
        "we spend more than our phone bill on it",  # a floor, no cap
        "customers pay about what a netflix subscription costs",  # the market's price
        "the price of our product is about a coffee",  # what the team charges
        "it should cost less than our enterprise azure subscription",  # no household expense
        "they eat peanuts at their desks",  # the snack, not a sum
        "the cost is our product subscription",  # what the team sells
    ],
)
def test_other_mentions_of_everyday_things_state_no_budget(text: str) -> None:
    assert everyday_budget(text, 0) == []


def test_the_extractor_reads_it_and_a_stated_amount_still_wins() -> None:
    assert X.extract("Whatever we build has to cost about what a coffee subscription costs.").answers == {
        "budget": "low"
    }
    # "$20k" states the level itself; the yardstick is another clause's aside
    got = X.extract("We can spend $20k on this. Hosting is about what a phone plan costs.").answers
    assert got["budget"] == "medium"
