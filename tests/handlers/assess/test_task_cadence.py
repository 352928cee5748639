"""Paces that are no pace of facts or requirements (handlers/assess/task_cadence.py): a new unit
of work arriving is a task cadence; a statement of the model's set-up states no pace."""

from __future__ import annotations

import pytest

from handlers.assess.patterns import Candidate
from handlers.assess.task_cadence import task_cadence


def _pace(snippet: str, crit: str = "facts_change", value: str = "monthly", start: int = 0) -> Candidate:
    return Candidate(crit, value, start, len(snippet), snippet)


@pytest.mark.parametrize(
    "snippet",
    [
        "every month or so a new customer arrives with their own paperwork and we need a new extraction task",
        "another partner joins every few weeks",
        "we onboard a new client every week",
        "new tenants sign up every month",
    ],
)
def test_a_new_unit_arriving_is_a_task_cadence(snippet: str) -> None:
    out = task_cadence([_pace(snippet)])
    assert [(c.criterion, c.value) for c in out] == [("task_variants", "per_task")]


@pytest.mark.parametrize(
    "snippet",
    [
        "a new client joins every week and their price lists change daily",  # a change beside the arrival
        "the voice it writes in flips whenever we land a new account, which happens monthly",  # the voice changes
        "our tariff tables are revised every month",  # no new unit
        "we get new regulatory bulletins every day",  # bulletins are knowledge, not a unit of work
        "new products are added to the catalogue every day",  # products, not a unit of work
    ],
)
def test_other_paces_keep_their_reading(snippet: str) -> None:
    out = task_cadence([_pace(snippet)])
    assert [(c.criterion, c.value) for c in out] == [("facts_change", "monthly")]


def test_a_pace_read_from_the_model_set_up_is_dropped() -> None:
    snippet = "our platform group has frozen the backbone llm: teams may train something fed in before the input"
    frozen = Candidate("training", "weights_frozen", 20, 23, "has frozen the backbone")
    footprint = Candidate("trained_footprint", "smallest", 56, 44, snippet[56:])
    out = task_cadence([_pace(snippet, "requirements_change", "rarely"), frozen, footprint])
    assert [c.criterion for c in out] == ["training", "trained_footprint"]


def test_a_pace_beside_a_small_set_up_reading_stays() -> None:
    snippet = "our prices change every week, and the base model stays untouched"
    frozen = Candidate("training", "weights_frozen", 35, 30, "the base model stays untouched")
    out = task_cadence([_pace(snippet, value="weekly"), frozen])
    assert ("facts_change", "weekly") in [(c.criterion, c.value) for c in out]
