from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from handlers.digest.models import Rule
from handlers.digest.schedule import due_period, next_fire, parse_rule, previous_fire
from handlers.errors import BadInput

BERLIN = ZoneInfo("Europe/Berlin")


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


def test_parse_defaults_and_any_order() -> None:
    assert parse_rule([]) == Rule(cadence="weekly", day="mon", time="09:00", tz="UTC")
    assert parse_rule(["europe/berlin", "17:30", "Friday"]) == Rule(
        cadence="weekly", day="fri", time="17:30", tz="Europe/Berlin"
    )
    assert parse_rule(["daily", "8:05"], default_tz="America/New_York") == Rule(
        cadence="daily", day=None, time="08:05", tz="America/New_York"
    )


@pytest.mark.parametrize(
    "tokens",
    [["daily", "mon"], ["weekly", "weekly"], ["25:00"], ["mars/olympus"], ["mon", "tue"], ["soon"], ["9:7"]],
)
def test_parse_rejects_bad_rules_with_a_usage_hint(tokens: list[str]) -> None:
    with pytest.raises(BadInput):
        parse_rule(tokens)


def test_weekly_fires_at_local_time_across_spring_forward() -> None:
    rule = Rule(cadence="weekly", day="mon", time="09:00", tz="Europe/Berlin")
    first = next_fire(rule, local(2026, 3, 20))
    second = next_fire(rule, first)
    third = next_fire(rule, second)
    assert [f.astimezone(BERLIN).strftime("%a %d %H:%M") for f in (first, second, third)] == [
        "Mon 23 09:00",
        "Mon 30 09:00",
        "Mon 06 09:00",
    ]
    # the UTC hour moves with DST (CET -> CEST on Sunday 29 March 2026)
    assert first.astimezone(UTC).hour == 8 and second.astimezone(UTC).hour == 7
    assert second - first == timedelta(days=7, hours=-1)


def test_weekly_fires_at_local_time_across_fall_back() -> None:
    rule = Rule(cadence="weekly", day="mon", time="09:00", tz="Europe/Berlin")
    before = next_fire(rule, local(2026, 10, 13))
    after = next_fire(rule, before)
    assert before.astimezone(UTC).hour == 7 and after.astimezone(UTC).hour == 8
    assert after.astimezone(BERLIN).strftime("%a %d %b %H:%M") == "Mon 26 Oct 09:00"


def test_nonexistent_and_ambiguous_local_times_fire_once() -> None:
    spring = Rule(cadence="daily", day=None, time="02:30", tz="Europe/Berlin")
    fire = next_fire(spring, local(2026, 3, 29, 0, 0))
    assert fire == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # 03:30 CEST: the gap is skipped forward
    assert next_fire(spring, fire) == datetime(2026, 3, 30, 0, 30, tzinfo=UTC)
    autumn = Rule(cadence="daily", day=None, time="02:30", tz="Europe/Berlin")
    fire = next_fire(autumn, local(2026, 10, 25, 0, 0))
    assert fire == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # first 02:30 (CEST)
    assert next_fire(autumn, fire) == datetime(2026, 10, 26, 1, 30, tzinfo=UTC)  # not the repeated 02:30


def test_previous_fire_and_due_period() -> None:
    rule = Rule(cadence="weekly", day="mon", time="09:00", tz="Europe/Berlin")
    fire = local(2026, 3, 30, 9, 0)
    assert previous_fire(rule, fire) == fire
    assert previous_fire(rule, fire - timedelta(seconds=1)) == local(2026, 3, 23, 9, 0)
    period = due_period(rule, local(2026, 4, 2, 12, 0))
    assert (period.start, period.end) == (local(2026, 3, 23, 9, 0), fire)


def test_daily_period_is_one_local_day() -> None:
    rule = Rule(cadence="daily", day=None, time="18:00", tz="America/New_York")
    ny = ZoneInfo("America/New_York")
    period = due_period(rule, datetime(2026, 3, 8, 20, 0, tzinfo=ny))  # US DST starts 8 March 2026
    assert period.start == datetime(2026, 3, 7, 18, 0, tzinfo=ny)
    assert period.end == datetime(2026, 3, 8, 18, 0, tzinfo=ny)
    assert period.end - period.start == timedelta(hours=23)
