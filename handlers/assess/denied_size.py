"""Compute or money denied only its size (pure): "no big GPU cluster", "no huge cluster", "nothing like
a GPU cluster", "no serious GPU budget", "no large training budget" -> `budget` medium.

A team that says it has no *big* cluster denies the abundance, not the resource: it has limited
resources, not none (the G table: PEFT is domain specialisation "with limited resources"; the
rubric's medium budget is "some training budget, rented GPUs", its low one "API calls only, no
GPUs"). The rubric's synonyms read "GPU cluster" and "large budget" as the high budget, and a
negation before them only drops that reading, so such a clause read nothing about the budget.
The same holds for a facility that is itself large ("nothing like a GPU cluster", "not exactly a
data centre"): the comparison denies the scale, not the compute.

Told here: the determiner "no", "nothing like a", "not (exactly) a" or "without a" before a word of
abundance ("big", "huge", "serious", "dedicated") and a noun of compute or money ("no big GPU
cluster", "no serious GPU budget"); or "nothing like / not (exactly) a" before a large facility
("nothing like a GPU cluster"). Left alone: the bare denial of a resource ("no GPUs", "no budget":
the rubric's low budget), a denial that names no resource ("no big deal", "no huge rush"), a
budget that is no *problem* ("no big budget issue"), and a verb's denial ("we don't have a big
budget", which `handlers.assess.budget_size` deliberately reads as nothing). "No real budget" and "no
proper compute" deny the resource itself, not its size, and are left to the rubric's low budget.
"""

from __future__ import annotations

import re

from handlers.assess.patterns import BUDGET, Candidate

MEDIUM = "medium"

_BIG = (
    r"(?:big|bigger|large|larger|huge|massive|giant|enormous|serious|dedicated|fancy|"
    r"sizeable|sizable|substantial|generous|hefty|lavish|deep)"
    # "no big deal", "no huge rush on compute": the size of something other than the resource
    r"(?!\s+(?:deal|rush|hurry|issues?|problems?|concerns?|worr(?:y|ies)|fan|surprise|difference|changes?|need|reason)\b)"
)
_DEGREE = r"(?:(?:very|really|particularly|super|that|so)\s+)"
# what the money or compute is for, or what kind it is ("a GPU budget", "an on-prem cluster")
_KIND = r"(?:(?:[\w-]+\s+){0,2}?)"
_MONEY = r"(?:budgets?|funding|funds|spend|money|pockets)"
_COMPUTE = (
    r"(?:compute|hardware|infrastructure|infra|clusters?|gpu farms?|server farms?|farms?|supercomputers?|"
    r"data ?cent(?:er|re)s?|gpu fleets?|fleets?|gpu servers?|gpu rigs?|gpus|tpus|accelerators|machines|servers|"
    r"training runs?)"
)
# a facility that is large in itself: "nothing like a GPU cluster"
_FACILITY = r"(?:(?:gpu|compute|training|hpc|tpu)\s+)?(?:clusters?|farms?|supercomputers?|data ?cent(?:er|re)s?|pods?)"
_NO_SIZE = r"(?:no|nothing like (?:a|an|any)|not (?:exactly |quite )?(?:a|an|any)|without (?:a|an|any))"
_NO_FACILITY = r"(?:nothing like (?:a|an|any)|not (?:exactly |quite )?(?:a|an)|far from (?:a|an))"
# a budget that is no problem is plenty ("no big budget issue"): left to `budget_size`
_PROBLEM = r"(?!\s+(?:issues?|problems?|concerns?|worr(?:y|ies)|constraints?|questions?|deal)\b)"

DENIED_SIZE = re.compile(
    rf"(?<![\w-]){_NO_SIZE}\s+{_DEGREE}?{_BIG}\s+{_KIND}(?:{_MONEY}|{_COMPUTE})(?![\w-]){_PROBLEM}"
    rf"|(?<![\w-]){_NO_FACILITY}\s+(?:{_BIG}\s+)?{_FACILITY}(?![\w-]){_PROBLEM}",
    re.I,
)


def denied_size(clause: str, offset: int) -> list[Candidate]:
    """`budget` medium for each resource in `clause` (at `offset`) denied only its size."""
    return [
        Candidate(BUDGET, MEDIUM, offset + m.start(), len(m.group(0)), m.group(0)) for m in DENIED_SIZE.finditer(clause)
    ]
