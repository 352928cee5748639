"""How often, from counted phrases (pure): "twice a year", "a few times a month", "3 times a day",
"every 2 weeks", "every other day", arrivals ("3 new bulletins a day") and recurring events ("with
every campaign", "each time a client renews") -> a period in days, which the rubric's
`frequency_periods` turn into a choice (daily, weekly, monthly, rarely).

The rubric's `frequency_words` list fixed phrases ("weekly", "every day"); a counted phrase says
how many times per unit, so no list can hold them all: "a few times a month" is about weekly,
"twice a year" rare. Arrivals are read only for nouns the caller names (the facts subjects), so
that "400k new listings a day" stays a request volume.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNIT_DAYS = {
    "second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "night": 1.0,
    "week": 7.0, "month": 30.0, "quarter": 91.0, "year": 365.0, "decade": 3650.0,
}  # fmt: skip
_COUNT_WORDS = {
    "once": 1.0,
    "twice": 2.0,
    "thrice": 3.0,
    "one": 1.0,
    "two": 2.0,
    "three": 3.0,
    "four": 4.0,
    "five": 5.0,
    "six": 6.0,
    "seven": 7.0,
    "eight": 8.0,
    "nine": 9.0,
    "ten": 10.0,
    "a couple of": 2.0,
    "a couple": 2.0,
    "couple of": 2.0,
    "a few": 3.0,
    "few": 3.0,
    "several": 4.0,
    "multiple": 3.0,
    "many": 5.0,
    "dozens of": 36.0,
    "a dozen": 12.0,
    "other": 2.0,
}
_COUNT = r"(?P<n>\d+(?:\.\d+)?|" + "|".join(sorted(map(re.escape, _COUNT_WORDS), key=len, reverse=True)) + ")"
_UNIT = r"(?P<unit>second|minute|hour|day|night|week|month|quarter|year|decade)s?"
_PER = r"(?:a|an|per|each|every|a single)"
# "twice a year", "3 times per day", "a few times a month", "once every two weeks" (see _EVERY)
_TIMES = re.compile(r"(?<![\w-])" + _COUNT + r"(?:\s+times?)?\s+" + _PER + r"\s+" + _UNIT + r"\b")
# "every 2 weeks", "every other day", "every few months", "every couple of days"
_EVERY = re.compile(r"(?<![\w-])(?:every|each)\s+" + _COUNT + r"\s+" + _UNIT + r"\b")
# "3 new regulatory bulletins a day", "a few new docs every week": the noun is checked by the caller
_ARRIVALS = re.compile(
    r"(?<![\w-])" + _COUNT + r"\s+(?:k\s+)?new\s+(?P<noun>(?:[\w-]+\s+){0,2}?[\w-]+)\s+" + _PER + r"\s+" + _UNIT + r"\b"
)

# "hasn't changed in a year", "have not been touched for two years", "hasn't moved in 18 months": a
# denied change over a span says the thing stays as it is for at least that long, a pace of one
# change per span (a span of a week says little; one of a year says rarely)
_UNCHANGED_SPAN = re.compile(
    r"(?:n't|\bnot|\bnever)\s+(?:(?:been|really|actually|even|once|ever|much|significantly)\s+)*"
    r"[a-z]+(?:ed|en)\s+(?:(?:at all|much|a bit)\s+)?(?:in|for|over)\s+"
    r"(?:(?:the\s+)?(?:past|last)\s+|over\s+|more than\s+)?"
    r"(?:(?:a|an)\s+|" + _COUNT + r"\s+)?" + _UNIT + r"\b"
)

# A change tied to an event that recurs is a frequency: "the style changes with every campaign",
# "the manuals are reissued for each firmware drop", "the checklist is redone each time a client
# renews", "whenever we sign a new client", "it differs from one client to the next", "from patient
# to patient"; a bare "every time" is each time the task is done, one item at a time.
# The rubric's own words put the events it lists ("every release", "every sprint", "every deploy") at a
# week, so an event whose pace is not stated is read at that pace; a pace stated in the same clause
# governs instead (see `frequency_mentions`).
EVENT_PERIOD_DAYS = 7.0
_EVENT = re.compile(
    r"(?<![\w-])(?:"
    r"(?P<time>(?:every|each)\s+(?:single\s+)?time)(?=\s*(?:$|[,.;:!?)]|(?:and|but|so|or)\b))"
    r"|from\s+one\s+(?P<next>[a-z][\w-]*)\s+to\s+(?:the\s+)?(?:next|another|other)\b"
    r"|from\s+(?P<pair>[a-z][\w-]*)\s+to\s+(?P=pair)\b"
    r"|(?:with|for|after|at|before|upon)\s+(?:every|each|any)\s+(?:new\s+|single\s+)?(?P<noun>[a-z][\w-]*)"
    r"|(?:every|each)\s+new\s+(?P<new>[a-z][\w-]*)"
    r"|(?:every time|each time|any ?time|whenever)\s+(?:[\w'-]+\s+){0,5}?[\w'-]+"
    r")"
)
# Events that happen many times a day in any business. A change tied to each of them is faster
# than daily ("records change with every transaction", "prices move with each order"); work done
# for each of them is the task, handled one item at a time, not a change ("an add-on loaded for
# each request", "summaries produced for every ticket": see `ChangeReader`).
ITEM_EVENTS = frozenset({
    "request", "query", "question", "call", "message", "email", "ticket", "chat", "conversation",
    "transaction", "order", "purchase", "sale", "payment", "booking", "reservation", "trade", "click",
    "visit", "login", "session", "search", "lookup", "interaction", "shipment", "delivery", "prompt",
})  # fmt: skip
ITEM_PERIOD_DAYS = 1 / 24
# what follows "with every" but is no event: a time unit (a fixed or counted frequency reads those),
# a number ("every 2 weeks"), or "every one of them"
_NOT_EVENT = frozenset([*UNIT_DAYS, *(f"{u}s" for u in UNIT_DAYS), "other", "one", "of", "so", "bit", "single"])


def recurring_events(clause: str) -> list[tuple[int, int]]:
    """Spans of the recurring events in `clause` that a change may be tied to (see `_EVENT`)."""
    return [(start, end) for start, end, _ in _events(clause)]


def item_events(clause: str) -> list[tuple[int, int]]:
    """Spans of the recurring events in `clause` that happen many times a day (`ITEM_EVENTS`)."""
    return [(start, end) for start, end, item in _events(clause) if item]


def _events(clause: str) -> list[tuple[int, int, bool]]:
    out: list[tuple[int, int, bool]] = []
    for m in _EVENT.finditer(clause):
        noun = m.group("noun") or m.group("next") or m.group("pair")
        if noun is not None and noun.lower() in _NOT_EVENT:
            continue
        word = (noun or m.group("new") or "").lower()
        item = m.group("time") is not None or word in ITEM_EVENTS or word.rstrip("s") in ITEM_EVENTS
        out.append((m.start(), m.end(), item))
    return out


@dataclass(frozen=True)
class Counted:
    period_days: float  # one change every this many days
    start: int
    end: int
    noun: str = ""  # for arrivals: what arrives


def _count(text: str) -> float:
    text = text.lower()
    return _COUNT_WORDS[text] if text in _COUNT_WORDS else float(text)


def counted_frequencies(clause: str) -> list[Counted]:
    """Every counted frequency in `clause`; an "N times" or "every N" phrase needs its "times"
    or its "every" (a bare "3 a day" is a volume, which `number_cues` reads)."""
    out: list[Counted] = []
    for m in _EVERY.finditer(clause):
        out.append(Counted(_count(m.group("n")) * UNIT_DAYS[m.group("unit")], m.start(), m.end()))
    for m in _TIMES.finditer(clause):
        if "time" not in m.group(0) and m.group("n").lower() not in {"once", "twice", "thrice"}:
            continue
        if any(c.start <= m.start() < c.end for c in out):
            continue
        out.append(Counted(UNIT_DAYS[m.group("unit")] / max(_count(m.group("n")), 1e-9), m.start(), m.end()))
    for m in _UNCHANGED_SPAN.finditer(clause):
        if any(c.start <= m.start() < c.end for c in out):
            continue
        n = _count(m.group("n")) if m.group("n") else (2.0 if m.group(0).endswith("s") else 1.0)
        out.append(Counted(n * UNIT_DAYS[m.group("unit")], m.start(), m.end()))
    return out


def arrivals(clause: str, nouns: re.Pattern[str]) -> list[Counted]:
    """"N new <noun> a <unit>" where `nouns` matches the noun: N changes per unit."""
    out: list[Counted] = []
    for m in _ARRIVALS.finditer(clause):
        noun = m.group("noun")
        if not nouns.search(noun):
            continue
        n = _count(m.group("n")) * (1000 if re.search(r"\sk\s", m.group(0)) else 1)
        out.append(Counted(UNIT_DAYS[m.group("unit")] / max(n, 1e-9), m.start(), m.end(), noun))
    return out


def period_choice(period_days: float, periods: dict[str, float]) -> str | None:
    """The first choice (fastest first) whose longest period holds `period_days`."""
    for choice_id, longest in sorted(periods.items(), key=lambda kv: kv[1]):
        if period_days <= longest:
            return choice_id
    return None


def frequency_mentions(
    clause: str,
    periods: dict[str, float],
    fixed: list[tuple[str, re.Pattern[str]]],
    rate: re.Pattern[str],
    *,
    events: bool = True,
) -> list[tuple[str, int, int]]:
    """(choice id, start, end) of every statement of how often in `clause`: counted phrases
    ("a few times a month", read by `periods`) and the rubric's `fixed` phrases. A counted phrase
    hides the fixed ones inside it ("a month") and a vague one just before it ("sometimes several
    times a month"), and a count just before a fixed phrase makes it a
    rate ("100 requests a day", `rate`), not a change. With `events`, a clause that states no pace
    reads its recurring events ("with every campaign") at `EVENT_PERIOD_DAYS`, and those that happen
    many times a day ("with every transaction") at `ITEM_PERIOD_DAYS`."""
    counted: list[tuple[str, int, int]] = []
    for c in counted_frequencies(clause):
        choice = period_choice(c.period_days, periods) if periods else None
        if choice is not None:
            counted.append((choice, c.start, c.end))
    found = list(counted)
    for choice_id, pattern in fixed:
        for fm in pattern.finditer(clause):
            if any(s <= fm.start() < e for _, s, e in counted) or rate.search(clause[: fm.start()]):
                continue
            # a vague word just before a counted pace hedges it: "sometimes several times a month"
            if any(not clause[fm.end() : s].strip() for _, s, _ in counted if s >= fm.end()):
                continue
            found.append((choice_id, fm.start(), fm.end()))
    event = period_choice(EVENT_PERIOD_DAYS, periods) if periods and events else None
    if not found and event is not None:  # a pace stated in the clause governs its events
        item = period_choice(ITEM_PERIOD_DAYS, periods) or event
        found.extend((item if is_item else event, start, end) for start, end, is_item in _events(clause))
    return found
