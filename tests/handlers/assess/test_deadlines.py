"""A deadline named without a count: a day ahead is days; a pace or a day gone by is no deadline; a bare
span the work must be ready within is a deadline of its unit."""

from __future__ import annotations

import pytest

from handlers.assess.deadlines import named_day, ready_within
from handlers.assess.extract import RuleExtractor
from knowledge.rubric.model import shipped_rubric

X = RuleExtractor(shipped_rubric())


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


@pytest.mark.parametrize(
    ("clause", "value"),
    [
        ("new tasks have to be ready in days", "days"),
        ("it should be live within a few weeks", "weeks"),
        ("we want it in production within a couple of months", "months"),
        ("each report turned around in hours", "days"),
    ],
)
def test_a_bare_span_the_work_must_be_ready_within_is_a_deadline(clause: str, value: str) -> None:
    assert [(c.criterion, c.value) for c in ready_within(clause, 0)] == [("timeline", value)]


@pytest.mark.parametrize(
    "clause",
    [
        "new tasks get added every couple of months",  # a pace
        "the taxonomy hasn't changed in months",  # the past
        "we get requests in days of heavy rain",  # no readiness
        "ready in 3 days",  # a count: number_cues reads it
    ],
)
def test_a_pace_a_past_span_or_a_count_is_no_bare_deadline(clause: str) -> None:
    assert ready_within(clause, 0) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("New tasks get added every couple of months and have to be ready in days.", "days"),
        ("Each one has to be live within a week of being agreed.", "days"),
        ("Prices change every few months; we need it live within a few weeks.", "weeks"),
    ],
)
def test_the_extractor_reads_the_deadline_not_the_pace(text: str, value: str) -> None:
    assert dict(X.extract(text).answers).get("timeline") == value


@pytest.mark.parametrize(
    "text", ["Our price sheet is reissued every couple of months.", "We retrain each two or three months."]
)
def test_the_extractor_reads_no_timeline_from_a_pace(text: str) -> None:
    assert "timeline" not in dict(X.extract(text).answers)
