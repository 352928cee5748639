"""Request volume told as people times how often they use the thing (pure): "an internal tool maybe
20 ppl use a couple times a week", "about 50 people will use it twice a day", "used by 30 analysts a
few times a month" -> a `request_volume` per day of N x K / the unit's days.

No number in such a sentence is a volume by itself: the count is of people, and the frequency
("a couple times a week") is how often each of them asks, so the rule-based readers leave both
alone (a count of people is no count of examples; a pace with no change verb changes nothing).
Their product is what the rubric asks: how many requests a day, which is what decides whether
prompting's per-request cost or a trained model's upfront cost is cheaper at that scale
(SkillWisor: lower-volume applications favour prompt engineering).
"""

from __future__ import annotations

import re

from handlers.assess.frequency import UNIT_DAYS
from handlers.assess.number_cues import as_number
from handlers.assess.patterns import Candidate

REQUEST_VOLUME = "request_volume"

_TIMES = {"once": 1.0, "twice": 2.0, "a couple": 2.0, "a couple of": 2.0, "couple": 2.0, "a few": 3.0, "few": 3.0,
          "several": 4.0, "a handful of": 4.0}  # fmt: skip
_PEOPLE = (
    r"(?:people|persons|ppl|folks|users|staff|employees|colleagues|agents|analysts|lawyers|clinicians|"
    r"nurses|doctors|engineers|developers|reps|managers|members|students|teachers|customers|clients)"
)
_HOW_OFTEN = (
    r"(?P<k>\d+|" + "|".join(sorted(map(re.escape, _TIMES), key=len, reverse=True)) + r")"
    r"(?:\s+times?)?\s+(?:a|an|per|each|every)\s+(?P<unit>day|week|month|hour)\b"
)
# "20 people use it twice a day", "maybe 20 ppl use a couple times a week", "50 staff will use it ..."
_USE = re.compile(
    r"(?<![\w.,])(?P<n>\d[\d,]*)\s+(?:\w+\s+)?" + _PEOPLE + r"\s+(?:(?:will|would|might|could|may|to)\s+)?"
    r"(?:use|uses|using|query|ask|open|check|try)\s+(?:it|this|that|the (?:tool|bot|assistant|app)\s+)?\s*"
    + _HOW_OFTEN
)
# "used by 30 analysts a few times a month"
_USED_BY = re.compile(r"\bused\s+by\s+(?P<n>\d[\d,]*)\s+(?:\w+\s+)?" + _PEOPLE + r"\s+" + _HOW_OFTEN)


def usage_volume(clause: str, offset: int) -> list[Candidate]:
    """The requests a day that people times their pace of use states in `clause`."""
    out: list[Candidate] = []
    for pattern in (_USE, _USED_BY):
        for m in pattern.finditer(clause):
            people = float(m.group("n").replace(",", ""))
            k = m.group("k")
            times = float(k) if k.isdigit() else _TIMES[k]
            per_day = people * times / UNIT_DAYS[m.group("unit")]
            out.append(Candidate(REQUEST_VOLUME, as_number(per_day), offset + m.start(), len(m.group(0)), m.group(0)))
    return out
