"""How much is at stake, told by an obligation on correctness (pure): "it must be really accurate",
"it has to be spot-on", "the codes need to be dead right", "answers should be accurate" -> the
reading of `accuracy_stakes`.

The rubric's synonyms name a few degree words ("must be exactly/completely accurate"); a team puts
any intensifier there (really, super, very, highly, incredibly, rock-solid...) or none, and uses any
adjective of correctness (accurate, correct, precise, right, exact, spot-on, error-free, flawless,
reliable, trustworthy). The grammar is: a subject's modal of obligation (must, has to, needs to,
got to, cannot afford not to) + "be" + degree words + an adjective of correctness; a strong
obligation is the rubric's high stakes (AndData: "high-stakes applications where precision is
paramount"; Gupta: full fine-tuning for critical applications), "should" its medium one ("errors
annoy customers").

Not stakes: the same adjective outside an obligation ("our old FAQ isn't accurate any more", "the
leaflets are never accurate for long": a complaint about facts going stale), "right" as a noun or a
place ("the right tool", "right now", "right away"), "accurate to the minute" (a precision of a
value), and a denied obligation ("it doesn't have to be accurate", "needn't be perfect" -> low).
"""

from __future__ import annotations

import re

from handlers.assess.patterns import Candidate

ACCURACY_STAKES = "accuracy_stakes"

_STRONG = (
    r"(?:must|has\s+to|have\s+to|had\s+to|needs\s+to|need\s+to|got\s+to|gotta|is\s+required\s+to|are\s+required\s+to|"
    r"will\s+have\s+to|absolutely\s+(?:must|has\s+to|needs\s+to))"
)
_WEAK = r"(?:should|ought\s+to|would\s+ideally|ideally\s+should)"
_DENIED = (
    r"(?:(?:doesn't|don't|does\s+not|do\s+not)\s+(?:have|need)\s+to|needn't|need\s+not|"
    r"(?:isn't|aren't|is\s+not|are\s+not)\s+required\s+to)"
)
_DEGREE = (
    r"(?:(?:really|very|super|highly|extremely|incredibly|exceptionally|truly|genuinely|properly|seriously|damn|"
    r"dead|bang|pretty|utterly|totally|completely|absolutely|always|fully|perfectly|entirely|strictly|exactly|"
    r"consistently|reliably|100%|near(?:ly)?|almost|as)\s+)"
)
_CORRECT = (
    r"(?:accurate|correct|precise|right|exact|spot-on|spot\s+on|error-free|flawless|faultless|perfect|"
    r"reliable|trustworthy|dependable|bulletproof|watertight|airtight|infallible|on\s+the\s+money|bang\s+on)"
)
_OBLIGED = re.compile(
    rf"(?<![\w-])(?P<modal>{_DENIED}|{_STRONG}|{_WEAK})\s+(?:also\s+|still\s+|really\s+|just\s+|always\s+)?be\s+"
    rf"{_DEGREE}*(?P<adj>{_CORRECT})(?![\w-])"
    # "accurate to the minute", "right now/away/there", "as accurate as the old one": a value's precision or a place
    r"(?!\s+(?:to\s+the|to\s+within|within|now|away|there|here)\b)"
)


def obliged_accuracy(clause: str, offset: int) -> list[Candidate]:
    """`accuracy_stakes` from an obligation on correctness in one (normalised) clause (module docstring)."""
    out: list[Candidate] = []
    for m in _OBLIGED.finditer(clause):
        modal = m.group("modal")
        if re.fullmatch(_DENIED, modal):
            value = "low"
        elif re.fullmatch(_WEAK, modal):
            value = "medium"
        else:
            value = "high"
        out.append(Candidate(ACCURACY_STAKES, value, offset + m.start(), len(m.group(0)), m.group(0)))
    return out
