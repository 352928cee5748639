"""Numbers in free text (pure): "5k", "2.5M", "5,000", "two million", "a few hundred",
"tens of thousands", "ten", "thirty-five"; a quantity denied by its quantifier ("zero", "not a
single", "we don't have any") as the number 0; and rates: "per day", "a week", "/month",
"daily", "qps" -> per day."""

from __future__ import annotations

import re
from dataclasses import dataclass

_MULTIPLIERS = {
    "k": 1e3,
    "thousand": 1e3,
    "grand": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "mn": 1e6,
    "mil": 1e6,
    "million": 1e6,
    "millions": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "hundred": 1e2,
    "lakh": 1e5,
}
_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a couple of": 2,
    "a couple": 2,
    "couple of": 2,
    "couple": 2,
    "a few": 3,
    "few": 3,
    "several": 5,
    "half a": 0.5,
    "a quarter of a": 0.25,
    "three quarters of a": 0.75,
}
_VAGUE = [
    ("hundreds of thousands", 300_000.0),
    ("tens of thousands", 30_000.0),
    ("a few thousand", 3_000.0),
    ("a few hundred", 300.0),
    ("several thousand", 5_000.0),
    ("several hundred", 500.0),
    ("millions", 3_000_000.0),
    ("thousands", 3_000.0),
    ("hundreds", 300.0),
    ("dozens", 36.0),
    ("a dozen", 12.0),
    ("a handful", 5.0),
]

_DIGITS = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\d])")
_MULT_AFTER = re.compile(
    r"\s*(k|mm|mn|mil|m|bn|b|thousand|million|millions|billion|hundred|lakh|grand)\b", re.I
)
_WORD_NUM = re.compile(
    r"\b(" + "|".join(sorted((re.escape(w) for w in _WORDS), key=len, reverse=True)) + r")\s+"
    r"(thousand|million|billion|hundred)\b",
    re.I,
)
_UNITS = {w: v for w, v in _WORDS.items() if " " not in w and w not in {"a", "an", "few", "several", "couple"}}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_NUM_WORD = "(?:" + "|".join(sorted(_UNITS, key=len, reverse=True)) + ")(?:-(?:" + "|".join(_UNITS) + "))?"
# a spelled-out compound: "two thousand five hundred", "twenty-five thousand", "one hundred and twenty"
_COMPOUND = re.compile(
    r"\b" + _NUM_WORD + r"(?:\s+(?:and\s+)?(?:" + _NUM_WORD + "|" + "|".join(_SCALES) + r"))+\b", re.I
)
_TENS = {w: v for w, v in _UNITS.items() if v >= 20}
_SMALL = {w: v for w, v in _UNITS.items() if 2 <= v < 20}
# a spelled-out number on its own ("in ten days", "thirty five reasons", "twenty-five"): a number
# as digits would be. "one" is left out: it is a pronoun or an article far more often ("one of",
# "no one", "one base model") than a count
_SPELLED = re.compile(
    r"\b(?:(" + "|".join(_TENS) + r")(?:[\s-]+(" + "|".join(_SMALL | {"one": 1}) + r"))?"
    r"|(" + "|".join(sorted(_SMALL, key=len, reverse=True)) + r"))\b(?!-)",
    re.I,
)
# "within a month", "in a week", "in a day or two": one period, counted by its article
_ONE_PERIOD = re.compile(r"\b(?:in|within|under)\s+((?:a|an|one))\s+(?=(?:day|week|month|quarter|year)s?\b)", re.I)
# ... unless "in" is the particle of a verb of arriving: "200k notes come in a month", "calls pour in a
# day" count per period (a rate), no deadline
_ARRIVING_IN = re.compile(
    r"\b(?:come|comes|came|coming|pour(?:s|ed|ing)?|flood(?:s|ed|ing)?|roll(?:s|ed|ing)?|trickle[sd]?|"
    r"stream(?:s|ed|ing)?|send|sends|sent|call(?:s|ed)?|check(?:s|ed)?|log(?:s|ged)?|phone[sd]?|writes?|wrote)\s+$",
    re.I,
)
_VAGUE_RE = re.compile(r"\b(" + "|".join(re.escape(v) for v, _ in _VAGUE) + r")\b", re.I)

PER_DAY = {
    "second": 86_400.0,
    "sec": 86_400.0,
    "s": 86_400.0,
    "minute": 1_440.0,
    "min": 1_440.0,
    "hour": 24.0,
    "hr": 24.0,
    "h": 24.0,
    "day": 1.0,
    "d": 1.0,
    "night": 1.0,
    "week": 1 / 7,
    "wk": 1 / 7,
    "w": 1 / 7,
    "month": 1 / 30,
    "mo": 1 / 30,
    "mth": 1 / 30,
    "quarter": 1 / 91,
    "year": 1 / 365,
    "yr": 1 / 365,
    "y": 1 / 365,
}
_ADVERBS = {
    "hourly": 24.0,
    "daily": 1.0,
    "nightly": 1.0,
    "weekly": 1 / 7,
    "monthly": 1 / 30,
    "quarterly": 1 / 91,
    "yearly": 1 / 365,
    "annually": 1 / 365,
}
_RATE = re.compile(
    r"(?:\b(?:per|a|an|each|every)\s+|/\s*)"
    r"(second|sec|s|minute|min|hour|hr|h|day|d|night|week|wk|w|month|mo|mth|quarter|year|yr|y)s?\b"
    r"|\b(hourly|daily|nightly|weekly|monthly|quarterly|yearly|annually)\b"
    r"|\b(qps|rps|req/s|rpm|tps)\b",
    re.I,
)


@dataclass(frozen=True)
class Number:
    value: float
    start: int
    end: int
    spelled: bool = False  # a small number written as one word ("ten", "thirty-five")


def parse_number(text: str) -> float | None:
    """The first number in `text` ("5k" -> 5000.0, "two million" -> 2e6), else None."""
    found = find_numbers(text)
    return found[0].value if found else None


def find_numbers(text: str) -> list[Number]:
    """Every number mention, in order; overlapping forms ("a few hundred", "2 million") win whole."""
    found: list[Number] = []
    taken: list[tuple[int, int]] = []

    def add(value: float, start: int, end: int, spelled: bool = False) -> None:
        if any(start < e and end > s for s, e in taken):
            return
        taken.append((start, end))
        found.append(Number(value, start, end, spelled))

    for m in _VAGUE_RE.finditer(text):
        value = dict(_VAGUE)[m.group(1).lower()]
        tail = _MULT_AFTER.match(text, m.end())
        if tail and m.group(1).lower() in {"a few", "several", "a couple"}:
            value = _WORDS[m.group(1).lower()] * _MULTIPLIERS[tail.group(1).lower()]
        add(value, m.start(), m.end())
    for m in _COMPOUND.finditer(text):
        spelled = _compound_value(m.group(0))
        if spelled is not None:
            add(spelled, m.start(), m.end())
    for m in _WORD_NUM.finditer(text):
        add(_WORDS[m.group(1).lower()] * _MULTIPLIERS[m.group(2).lower()], m.start(), m.end())
    for m in _ONE_PERIOD.finditer(text):
        if m.group(0).lower().startswith("in") and _ARRIVING_IN.search(text, 0, m.start()):
            continue
        add(1.0, m.start(1), m.end(1))
    for m in _SPELLED.finditer(text):
        if m.group(1):
            tens, unit = _UNITS[m.group(1).lower()], _UNITS[m.group(2).lower()] if m.group(2) else 0
            add(float(tens + unit), m.start(), m.end(), spelled=True)
        else:
            add(float(_UNITS[m.group(3).lower()]), m.start(), m.end(), spelled=True)
    for m in _DIGITS.finditer(text):
        whole = m.group(1).replace(",", "")
        value = float(f"{whole}.{m.group(2)}") if m.group(2) else float(whole)
        end = m.end()
        tail = _MULT_AFTER.match(text, end)
        if tail:
            value *= _MULTIPLIERS[tail.group(1).lower()]
            end = tail.end()
        add(value, m.start(), end)
    found.sort(key=lambda n: n.start)
    return _ranges(text, found)


_RANGE_GAP = re.compile(r"\s*(?:-|\u2013|to|or)\s*$")


def _ranges(text: str, found: list[Number]) -> list[Number]:
    """ "300-800", "2 to 3k", "20 or 30": one number, the middle of the range (the first end
    takes the second's multiplier when it is far below it: "2-3k" is 2,000-3,000)."""
    out: list[Number] = []
    for num in found:
        prev = out[-1] if out else None
        if prev is not None and _RANGE_GAP.match(text[prev.end : num.start]) and 0 < prev.value < num.value:
            low = prev.value
            while low * 1000 <= num.value:
                low *= 1000
            out[-1] = Number((low + num.value) / 2, prev.start, num.end)
            continue
        out.append(num)
    return out


def _compound_value(words: str) -> float | None:
    """ "two thousand five hundred" -> 2500.0; None unless it holds a scale word ("two three")."""
    total, current, scaled = 0, 0, False
    for word in re.split(r"[\s-]+", words.lower()):
        if word == "and":
            continue
        if word in _SCALES:
            scaled = True
            if _SCALES[word] == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * _SCALES[word]
                current = 0
        else:
            current += int(_UNITS[word])
    return float(total + current) if scaled else None


# words that say how much there is, which a "don't have" denies only in part ("we don't have much
# data" is little data, not none)
_AMOUNT = (
    r"much|many|enough|a lot|lots|plenty|loads|tons|a ton|a few|a couple|a great deal|a huge|a large|a big|"
    r"as many|as much|that many|that much|more|nearly|quite|\d"
)
# a quantifier that says there are none of what follows: "zero labelled chats", "not a single
# example", "we don't have any Q&A pairs", "we don't have Q&A pairs", "there aren't any past
# answers", "we have no tickets";
# a bare "no" counts only where it opens the clause ("No labelled data, modest budget") or follows
# a verb of having, since "no records can leave the building" denies the leaving, not the records
_ZERO = re.compile(
    r"\b(?:zero|not a single|not one|not any|without any|without a single)\b"
    r"|\b(?:have|has|had|got|with|there'?s|there is|there are|there were)\s+(?:[a-z]+ly\s+)?(?:no|zero)\b"
    r"|n't\s+(?:[a-z]+\s+){0,2}?(?:any|a single)\b"
    r"|n't\s+(?:really\s+|yet\s+|even\s+)?(?:have|has|got|own|keep|possess)\b"
    r"(?!\s+(?:any|a single|to|been|" + _AMOUNT + r")\b)"
    r"|^\s*no\b(?!\s+(?:one|matter|doubt|longer|more|less|wonder)\b)",
    re.I,
)


def find_zeros(text: str) -> list[Number]:
    """Each quantifier in `text` that denies the quantity after it, as the number 0 spanning the
    quantifier; what the quantity counts is for `handlers.assess.number_cues` to tell."""
    return [Number(0.0, m.start(), m.end()) for m in _ZERO.finditer(text)]


def rate_per_day(window: str) -> float | None:
    """Factor that turns "N <unit>" into N per day, from the first rate phrase in `window`."""
    m = _RATE.search(window)
    if not m:
        return None
    if m.group(1):
        return PER_DAY[m.group(1).lower()]
    if m.group(2):
        return _ADVERBS[m.group(2).lower()]
    unit = m.group(3).lower()
    return 1_440.0 if unit == "rpm" else 86_400.0


def rate_match(window: str) -> re.Match[str] | None:
    return _RATE.search(window)
