"""Budgets stated as money: amounts, their period, the rubric's bands, and what is not a budget."""

from __future__ import annotations

import pytest

from handlers.assess.extract import RuleExtractor
from handlers.assess.money import Amount, budget_choice, find_amounts
from knowledge.rubric.model import shipped_rubric
from knowledge.rubric.reading import Money, MoneyBands

RUBRIC = shipped_rubric()
X = RuleExtractor(RUBRIC)
BANDS = Money(per_month=MoneyBands(low=100, medium=1000), total=MoneyBands(low=1000, medium=10000))


@pytest.mark.parametrize(
    ("text", "value", "per_month"),
    [
        ("budget for this is maybe $500/month all in", 500, 500),
        ("budget ~€300/month", 300, 300),
        ("we can spend 20k on this project", 20_000, None),
        ("we've got £80k for this", 80_000, None),
        ("approved for roughly $250k of gpu time this year", 250_000, 250_000 / 12),
        ("we've been given £12,000 for the year", 12_000, 1_000),
        ("we can put maybe 10 grand into it", 10_000, None),
        ("money: ~1.5k usd a month max", 1_500, 1_500),
    ],
)
def test_budgets_stated_as_money(text: str, value: float, per_month: float | None) -> None:
    [amount] = find_amounts(text)
    assert amount.budget and amount.value == value
    assert amount.per_month == pytest.approx(per_month) if per_month is not None else amount.per_month is None


@pytest.mark.parametrize(
    "text",
    [
        "we sell items from $5 to $500",
        "mistakes could cost us $1m in fines",
        "we raised $2m last year",
        "our customers spend about $50 a month on the app",
    ],
)
def test_prices_fines_and_revenue_are_money_but_no_budget(text: str) -> None:
    assert find_amounts(text) and not any(a.budget for a in find_amounts(text))


def test_numbers_without_money_are_left_alone() -> None:
    assert find_amounts("we spend 2 weeks on it") == [] == find_amounts("our users spend 50k a month in the app")
    assert find_amounts("we have 20k customers and 5k tickets a day") == []


def test_bands_per_month_and_in_total() -> None:
    assert budget_choice(Amount(99, 99, 0, 1), BANDS) == "low"
    assert budget_choice(Amount(100, 100, 0, 1), BANDS) == "medium"
    assert budget_choice(Amount(5000, 5000, 0, 1), BANDS) == "high"
    assert budget_choice(Amount(5000, None, 0, 1), BANDS) == "medium"


def test_the_extractor_reads_money_as_budget_and_never_as_volume() -> None:
    assert X.extract("Budget ~€300/month, no ML folks.").answers == {"budget": "low", "ml_expertise": "none"}
    assert X.extract("We can spend 20k on this.").answers == {"budget": "medium"}
    assert "request_volume" not in X.extract("Our plans cost $500/month.").answers
