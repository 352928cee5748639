"""A deadline named without a count (pure): by its day ("Ship Friday", "a demo on Friday", "the board
meets tomorrow") or by a bare span that the work must be ready within ("new tasks have to be ready in
days", "live within a few weeks").

A named day is at most a week away, so the timeline is days; a pace ("every Friday", "on Fridays") or
a past day ("last Monday", "since Tuesday") names no deadline. A bare span is a deadline when it
measures how soon something is ready, live or shipped: the unit is the timeline ("in days" -> days,
"within a few weeks" -> weeks). A span that measures a pace ("new tasks every couple of months") or
the past ("hasn't changed in months") says nothing of readiness and is left to other readers (the
rubric's `not_after` keeps "every couple of months" from reading as a timeline of months).
"""

from __future__ import annotations

import re

from handlers.assess.patterns import Candidate

TIMELINE = "timeline"
DAYS = "days"

_DAY = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight)\b(?!s\b|'s\b|-)")
# a pace or a day gone by: "every friday", "each monday", "last tuesday", "since monday"; an event
# named after a day ("Black Friday", "Cyber Monday", "Good Friday") is no deadline either
_NOT_AHEAD = re.compile(
    r"\b(?:(?:every|each|last|past|since|previous|until last)\s+(?:other\s+)?|"
    r"(?:black|cyber|good|giving|super|ash|holy|easter|fat|blue|travel|small business)\s+)$"
)

# being ready, live or shipped, and the bare span it must happen within ("ready in days", "live
# within a couple of weeks", "shipped in a matter of days"); a count ("in 3 days") is read by
# `handlers.assess.number_cues`
_READY = (
    r"(?:ready|live|up\s+and\s+running|in\s+production|operational|usable|ship(?:ped)?|launch(?:ed)?|"
    r"go\s+live|deploy(?:ed)?|roll(?:ed)?\s+out|turned\s+around|turn\s+(?:it|them)\s+around)"
)
_SPAN = (
    rf"\b{_READY}\b(?:\s+[\w-]+){{0,3}}?\s+(?:in|within)\s+"
    r"(?:(?:a\s+)?(?:few|couple(?:\s+of)?|matter\s+of)\s+|some\s+)?(hours|days|weeks|months)\b"
)
_SPAN_AHEAD = re.compile(_SPAN)
_UNIT = {"hours": DAYS, "days": DAYS, "weeks": "weeks", "months": "months"}


def named_day(clause: str, offset: int) -> list[Candidate]:
    """The days a clause names as lying ahead, each a deadline of days."""
    return [
        Candidate(TIMELINE, DAYS, offset + m.start(), len(m.group(0)), m.group(0))
        for m in _DAY.finditer(clause)
        if not _NOT_AHEAD.search(clause[: m.start()])
    ]


def ready_within(clause: str, offset: int) -> list[Candidate]:
    """The bare spans a clause says the work must be ready within, each a deadline of its unit."""
    return [
        Candidate(TIMELINE, _UNIT[m.group(1)], offset + m.start(), len(m.group(0)), m.group(0))
        for m in _SPAN_AHEAD.finditer(clause)
    ]
