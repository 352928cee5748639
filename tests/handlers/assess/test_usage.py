"""People times their pace of use is a request volume (handlers.assess.usage)."""

from __future__ import annotations

import pytest

from handlers.assess.usage import usage_volume


def volume(clause: str) -> float | None:
    found = usage_volume(clause, 0)
    return float(found[0].value) if found else None


@pytest.mark.parametrize(
    ("clause", "per_day"),
    [
        ("an internal tool maybe 20 ppl use a couple times a week", 20 * 2 / 7),
        ("about 50 people will use it twice a day", 100.0),
        ("it will be used by 30 analysts a few times a month", 30 * 3 / 30),
        ("1,200 agents use the tool 5 times a day", 6000.0),
    ],
)
def test_people_times_their_pace_is_requests_a_day(clause: str, per_day: float) -> None:
    assert volume(clause) == pytest.approx(per_day, rel=0.01)


@pytest.mark.parametrize(
    "clause",
    [
        "20 people work here and the prices change a couple of times a week",  # a team's size and a pace of change
        "we have 20 people in the team",
        "the rules change twice a month",
    ],
)
def test_a_count_of_people_or_a_pace_alone_is_no_volume(clause: str) -> None:
    assert volume(clause) is None
