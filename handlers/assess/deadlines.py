"""A deadline named by its day (pure): "Ship Friday", "a demo on Friday", "the board meets
tomorrow". A named day is at most a week away, so the timeline is days; a pace ("every Friday",
"on Fridays") or a past day ("last Monday", "since Tuesday") names no deadline.
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


def named_day(clause: str, offset: int) -> list[Candidate]:
    """The days a clause names as lying ahead, each a deadline of days."""
    return [
        Candidate(TIMELINE, DAYS, offset + m.start(), len(m.group(0)), m.group(0))
        for m in _DAY.finditer(clause)
        if not _NOT_AHEAD.search(clause[: m.start()])
    ]
