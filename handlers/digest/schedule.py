"""When digests fire: parsing a rule (`[daily|weekly] [day] [HH:MM] [timezone]`), the fire times
of a rule and the period each fire closes. Pure and DST-correct (zoneinfo).

A rule fires at local wall-clock time `time` in `tz`. On the spring-forward day a time that does
not exist (02:30 in Berlin on the last Sunday of March) fires at the same instant the clock
process's cron trigger uses (the pre-transition offset, i.e. 03:30 local); on the fall-back day
an ambiguous time fires once, at its first occurrence. A fire at instant F closes the period
[previous fire, F): that period is what the digest ledger keys on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from handlers.digest.models import WEEKDAYS, Cadence, Period, Rule, Weekday
from handlers.errors import BadInput

SYNTAX = "digest subscribe [daily|weekly] [day] [HH:MM] [timezone]"
USAGE = f"{SYNTAX}, e.g. `digest subscribe weekly mon 09:00 Europe/Berlin`"

_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_DAYS: dict[str, Weekday] = {}
for _d, _full in zip(
    WEEKDAYS, ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"), strict=True
):
    _DAYS[_d] = _d
    _DAYS[_full] = _d
    _DAYS[_full + "s"] = _d  # "mondays"
_DAYS["tues"] = "tue"
_DAYS["thur"] = "thu"
_DAYS["thurs"] = "thu"


@lru_cache(maxsize=1)
def _zone_names() -> dict[str, str]:
    """Lower-cased IANA names -> canonical spelling (so `europe/berlin` works too)."""
    names = {n.lower(): n for n in available_timezones()}
    names.setdefault("utc", "UTC")
    return names


def canonical_timezone(name: str) -> str:
    """The IANA spelling of `name`, or BadInput when it is not a time zone."""
    canonical = _zone_names().get(name.strip().lower())
    if canonical is None:
        raise BadInput(f"`{name}` is not a time zone I know; use an IANA name such as Europe/Berlin or UTC.")
    try:
        ZoneInfo(canonical)
    except (ZoneInfoNotFoundError, ValueError):
        raise BadInput(f"`{name}` is not a usable time zone.") from None
    return canonical


def parse_rule(tokens: Sequence[str], *, default_tz: str = "UTC") -> Rule:
    """Parse `[daily|weekly] [day] [HH:MM] [timezone]`, in any order. Defaults: weekly, Monday,
    09:00, `default_tz`. Raises BadInput with the usage on anything else."""
    cadence: Cadence | None = None
    day: Weekday | None = None
    at: str | None = None
    tz: str | None = None
    for raw in tokens:
        token = raw.strip().strip(",")
        low = token.lower()
        if not token:
            continue
        if low in ("daily", "weekly"):
            if cadence is not None:
                raise BadInput(f"Give the cadence once (daily or weekly). Usage: {USAGE}")
            cadence = "daily" if low == "daily" else "weekly"
        elif low in _DAYS:
            if day is not None:
                raise BadInput(f"Give one day of the week. Usage: {USAGE}")
            day = _DAYS[low]
        elif _TIME.match(token):
            if at is not None:
                raise BadInput(f"Give one time of day (HH:MM). Usage: {USAGE}")
            hh, mm = _TIME.match(token).groups()  # type: ignore[union-attr]
            at = f"{int(hh):02d}:{mm}"
        elif ":" in token and token.replace(":", "").isdigit():
            raise BadInput(f"`{token}` is not a time of day; use 24-hour HH:MM such as 09:00 or 17:30.")
        elif "/" in token or low in _zone_names():
            if tz is not None:
                raise BadInput(f"Give one time zone. Usage: {USAGE}")
            tz = canonical_timezone(token)
        else:
            raise BadInput(f"I did not understand `{token}`. Usage: {USAGE}")
    cadence = cadence or "weekly"
    if cadence == "daily" and day is not None:
        raise BadInput("A daily digest has no day of the week; drop the day or say `weekly`.")
    return Rule(
        cadence=cadence,
        day=None if cadence == "daily" else (day or "mon"),
        time=at or "09:00",
        tz=canonical_timezone(tz or default_tz),
    )


def _zone(rule: Rule) -> ZoneInfo:
    return ZoneInfo(rule.tz)


def _fires_on(rule: Rule, day: date) -> bool:
    return rule.cadence == "daily" or WEEKDAYS[day.weekday()] == rule.day


def _fire_on(rule: Rule, day: date) -> datetime:
    """The UTC instant of the rule's local time on `day` (fold=0: see the module docstring)."""
    hh, mm = (int(x) for x in rule.time.split(":"))
    return datetime.combine(day, time(hh, mm), tzinfo=_zone(rule)).astimezone(UTC)


def previous_fire(rule: Rule, at: datetime) -> datetime:
    """The latest fire time <= `at` (UTC)."""
    local_day = at.astimezone(_zone(rule)).date()
    for back in range(-1, 16):
        day = local_day - timedelta(days=back)
        if _fires_on(rule, day):
            fire = _fire_on(rule, day)
            if fire <= at:
                return fire
    raise AssertionError("a rule fires at least once a week")  # pragma: no cover


def next_fire(rule: Rule, after: datetime) -> datetime:
    """The earliest fire time > `after` (UTC)."""
    local_day = after.astimezone(_zone(rule)).date()
    for ahead in range(-1, 16):
        day = local_day + timedelta(days=ahead)
        if _fires_on(rule, day):
            fire = _fire_on(rule, day)
            if fire > after:
                return fire
    raise AssertionError("a rule fires at least once a week")  # pragma: no cover


def due_period(rule: Rule, now: datetime) -> Period:
    """The scheduled period closed by the latest fire <= `now`: [fire before it, that fire)."""
    end = previous_fire(rule, now)
    return Period(start=previous_fire(rule, end - timedelta(microseconds=1)), end=end)


def format_local(rule: Rule, at: datetime) -> str:
    """`Mon 30 Mar 09:00 CEST` in the rule's time zone."""
    local = at.astimezone(_zone(rule))
    return local.strftime("%a %d %b %H:%M ") + (local.tzname() or rule.tz)
