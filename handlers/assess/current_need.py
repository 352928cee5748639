"""A need for current facts said of the answers (pure): "answers must be current", "replies have
to stay up to date", "we don't want a model that's out of date the day after someone edits a
protocol".

`ChangeReader.current` reads "the latest filings", "today's fares": a current word before the facts.
Teams as often say it of the OUTPUT, as a predicate: the answers (or the assistant giving them) must
be current, or must never be out of date. Only knowledge that moves can make an answer stale, so the
need says the facts change, at a pace the text does not give: `facts_change` at `VALUE`, ranked
below every stated pace (`PRIORITY`) so that "handbook redone every term" or "prices change daily"
still sets the pace. A current word before a noun ("our current answers are too long", "the current
model") is an attribute, no need, and is left out; so is the currency of what is not the answers
("the prompt has to stay current with the brand").
"""

from __future__ import annotations

import re

from handlers.assess.patterns import FACTS, Candidate

VALUE = "weekly"  # facts that move, pace unsaid
PRIORITY = -1  # below the phrase rules' stated paces (0), as an embedding match
# what gives the answers: the answers themselves, or the assistant, bot or model that gives them
_ANSWERS = (
    r"(?:(?:the\s+|its\s+|our\s+|their\s+|all\s+)?(?:answers?|replies|responses|information|info|advice|"
    r"bot|chatbot|assistant|model|system|tool)|what\s+it\s+(?:says|tells\s+(?:them|people|users)))"
)
_MODAL = r"(?:must|should|needs?\s+to|has\s+to|have\s+to|got\s+to|gotta|ought\s+to|(?:is|are)\s+expected\s+to)"
_CURRENT = r"(?:current|up[- ]to[- ]date|fresh|accurate\s+as\s+of\s+(?:today|now))(?![\w-])"
_STALE = r"(?:out[- ]of[- ]date|outdated|stale)(?![\w-])"
_NEED = re.compile(
    r"(?<![\w-])" + _ANSWERS + r"\s+(?:(?:always|really|all)\s+)?" + _MODAL + r"\s+(?:"
    + r"(?:always\s+)?(?:be|stay|remain|be\s+kept)\s+(?:(?:always|fully|completely|really|strictly)\s+)?" + _CURRENT
    + r"|(?:never|not)\s+(?:be|go|get|become)\s+" + _STALE + r")",
    re.IGNORECASE,
)
# "we don't want a model that's out of date", "can't have answers going stale"
_REFUSED = re.compile(
    r"(?<![\w-])(?:don'?t|do\s+not|can'?t|cannot|won'?t|never)\s+(?:want|afford|accept|have)\s+(?:a\s+|an\s+|any\s+)?"
    + _ANSWERS
    + r"\s+(?:that(?:'s|\s+is|\s+are|\s+goes|\s+go|\s+gets?)?|which(?:\s+is|\s+are)?|being|going|to\s+go)?\s*"
    + _STALE,
    re.IGNORECASE,
)


def current_needs(clause: str, offset: int) -> list[Candidate]:
    """The needs for current facts said of the answers in `clause` (see the module docstring)."""
    return [
        Candidate(FACTS, VALUE, offset + m.start(), len(m.group(0)), m.group(0), priority=PRIORITY)
        for pattern in (_NEED, _REFUSED)
        for m in pattern.finditer(clause)
    ]
