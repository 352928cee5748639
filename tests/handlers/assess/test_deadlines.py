"""A deadline named by its day: a day ahead is days; a pace or a day gone by is no deadline."""

from __future__ import annotations

import pytest

from handlers.assess.deadlines import named_day


@pytest.mark.parametrize("clause", ["ship friday", "a demo on friday of the assistant", "the board meets tomorrow"])
def test_a_day_ahead_is_a_deadline_of_days(clause: str) -> None:
    assert [(c.criterion, c.value) for c in named_day(clause, 0)] == [("timeline", "days")]


@pytest.mark.parametrize(
    "clause",
    [
        "we release every friday",
        "the digest goes out on mondays",
        "it broke last tuesday",
        "friday's standup",
        "since monday",
        "descriptions for black friday and the spring sale",
        "a cyber monday campaign",
    ],
)
def test_a_pace_or_a_past_day_is_no_deadline(clause: str) -> None:
    assert named_day(clause, 0) == []


def test_offsets_are_in_the_whole_text() -> None:
    (found,) = named_day("demo on friday", 10)
    assert found.start == 18 and found.snippet == "friday"
