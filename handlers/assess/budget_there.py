"""A budget said plainly to exist (pure): "Budget is there", "the funding is in place", "money is
available for this", "we've got the budget", "budget has been approved" -> `budget` high.

A team that only says its money is there, with no size, says money is not what limits it - the
rubric's "money isn't an issue" (high: AndData, "organizations with the budget for high-performance
computing ... can invest in fine-tuning"). The grammar: a money noun (budget, funding, funds, money,
cash, resources for training) as the subject of "is there / is available / is in place / is approved /
is secured / is no problem", or as the definite object of "we have / we've got / there is" ("we have
the budget", "there's funding for it").

Restricted money is not plenty: a complement that limits it ("budget is there for next year only",
"funding is available for a pilot", "money is there but only for API calls", "the budget is in place
until March") states no budget here, and neither does a denial ("budget isn't there", "we don't have
the funding"); a sized budget ("the budget is there but tiny") is read by `handlers.assess.budget_size`.
"""

from __future__ import annotations

import re

from handlers.assess.patterns import BUDGET, Candidate
from handlers.assess.text_cues import negated

_KIND = r"(?:compute|gpu|training|cloud|infrastructure|infra|ml|ai|it|project|hardware|r&d|tech|engineering)"
_MONEY = rf"(?:(?:{_KIND}\s+)?(?:budgets?|funding|funds|money|cash|financing))"
# said to exist, with no size: "fine", "no problem" are sizes of sufficiency (`handlers.assess.budget_size`)
_THERE = r"(?:there|available|in\s+place|approved|secured|committed|allocated|signed\s+off)"
_BE = r"(?:\s+(?:is|are|was|has\s+been|have\s+been|will\s+be)|'s|'re)"
# what the money is for, when it does not limit it: "for this", "for it", "for training", "for the project"
_FOR_ANY = (
    r"(?:\s+for\s+(?:this|it|that|training|fine-tuning|gpus|compute|the\s+(?:project|work|training|job|"
    r"fine-tuning|compute|gpus)))?"
)
# the predicate closes there (a limiting complement would follow otherwise): end, punctuation, "and"
_CLOSED = r"(?=\s*$|\s*[,.;:!?)]|\s+-\s|\s+(?:and|but|though|although|yet)\b)"
_IS_THERE = re.compile(
    rf"(?<![\w-])(?:the\s+|our\s+)?{_MONEY}{_FOR_ANY}{_BE}\s+(?:(?:all|already|definitely|really|also)\s+)?"
    rf"{_THERE}{_FOR_ANY}{_CLOSED}"
)
_HAVE_IT = re.compile(
    rf"(?<![\w-])(?:we\s+have|we've\s+got|we\s+have\s+got|we\s+got|there\s+is|there's|we\s+do\s+have)\s+"
    rf"(?:the|enough)\s+{_MONEY}{_FOR_ANY}{_CLOSED}"
)


# a restriction in the rest of its sentence: "money is there, but only for API calls", "budget is there,
# though small", "funding is in place for this year"
_RESTRICTED_AFTER = re.compile(
    r"^[^.;!?\n]{0,40}?\b(?:only|just|until|till|through|for\s+now|this\s+year|next\s+year|pilot|trial|"
    r"(?:but|though|although|yet)\s+(?:\w+\s+)?(?:small|tiny|limited|tight|modest|low|not|capped))\b"
)


def budget_there(text: str) -> list[Candidate]:
    """`budget` high from money said to be there, unrestricted, in the (normalised) `text` (module
    docstring). Read on the whole text, not per clause: the restriction may follow a comma or "but"."""
    out: list[Candidate] = []
    for pattern in (_IS_THERE, _HAVE_IT):
        for m in pattern.finditer(text):
            begin = max(text.rfind(end, 0, m.start()) for end in ".!?;\n") + 1
            if negated(text[begin : m.start()]) or re.search(r"\b(?:not|n't|never)\b", m.group(0)):
                continue  # "we don't have the budget", "budget isn't there"
            if _RESTRICTED_AFTER.match(text[m.end() :]):
                continue  # "budget is there for next year only", "money is there, but only for API calls"
            out.append(Candidate(BUDGET, "high", m.start(), len(m.group(0)), m.group(0)))
    return out
