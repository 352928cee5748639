"""What an assessment says in its "why" and its "trade-offs" (pure).

"Why" lists only honest reasons for the verdict: the hard constraint that shaped it, the hybrid
pair's rationale, rules that raise the verdict and favour nothing else over it, then rules that
count against the runner-up without favouring a third approach (see `engine.favours`). A
hybrid's reasons take turns between its halves, the half no constraint already speaks for
first, so each half shows what it is needed for however unevenly the rules weigh them. Anything
else that fired and touches the verdict - a rule that lowers one of its members, or one that
favours another approach more, and any confidence cap - is a trade-off, never a reason; so is
a hybrid the policy held back (no ML expertise, a tight budget) although both halves were strong.
"""

from __future__ import annotations

from handlers.assess.engine import Scoring
from handlers.assess.rule_roles import favours, supporting_rules, tradeoff_rules
from knowledge.rubric.model import Rubric, Rule

Explained = tuple[str, str]  # (text, passage id cited)


def short(rubric: Rubric, scoring: Scoring, approach: str) -> str:
    return scoring.hybrid_pair.label if approach == "hybrid" else rubric.approach(approach).short


def why(rubric: Rubric, scoring: Scoring, approach: str) -> list[Explained]:
    """Reasons for `approach`, most decisive first (the verdict: constraints lead)."""
    out: list[Explained] = []
    members = scoring.members(approach)
    if approach == scoring.top:
        out.extend(
            (c.reason, c.cite)
            for c in scoring.constraints
            if (c.require is not None and c.require in members) or scoring.overruled is not None
        )
    if approach == "hybrid":
        hp = scoring.hybrid_pair
        out.append((hp.reason, hp.cite))
    listed = approach == scoring.top  # the constraints above were listed: their halves are spoken for
    covered = {c.require for c in scoring.constraints if listed and c.require is not None and c.require in members}
    used: set[str] = set()
    for rule in _by_half(rubric, scoring, supporting_rules(scoring, approach), members, covered):
        used.add(rule.id)
        out.append((rule.reason, rule.cite))
    if approach == scoring.top:
        out.extend(_against_runner_up(rubric, scoring, members, used))
    return out


def _by_half(
    rubric: Rubric, scoring: Scoring, rules: list[Rule], members: tuple[str, ...], covered: set[str]
) -> list[Rule]:
    """`rules` (strongest first) taking turns between the members each one raises most: first
    the members no listed constraint speaks for, the weaker-scoring half before the stronger
    (its need is what the verdict adds); within a half, rules on what that half is for (the
    hybrid policy's needs) first. One member: unchanged."""
    if len(members) < 2:
        return rules
    order = sorted(members, key=lambda m: (m in covered, scoring.scores[m], scoring.costs[m]))

    def queue(member: str) -> list[Rule]:
        need = rubric.hybrid.need(member)
        about = {c.criterion for c in [*need.own, *need.shared]} if need else set()
        mine = [r for r in rules if max(members, key=lambda x: r.scores.get(x, 0.0)) == member]
        return sorted(mine, key=lambda r: not set(r.criteria) & about)  # stable: strongest first

    queues = {m: queue(m) for m in order}
    out: list[Rule] = []
    while any(queues.values()):
        for m in order:
            if queues[m]:
                out.append(queues[m].pop(0))
    return out


def _against_runner_up(
    rubric: Rubric, scoring: Scoring, members: tuple[str, ...], used: set[str]
) -> list[Explained]:
    rivals = [a for a in scoring.ranked if a not in ("hybrid", scoring.top, *members)]
    if not rivals:
        return []
    runner = rivals[0]
    label = short(rubric, scoring, runner)
    against: list[Rule] = [
        r
        for r in scoring.fired
        if r.id not in used and r.scores.get(runner, 0.0) < 0 and favours(r, members)
    ]
    against.sort(key=lambda r: r.scores[runner])
    return [(f"Against {label}: {r.reason}", r.cite) for r in against]


def hybrid_held_back(rubric: Rubric, scoring: Scoring) -> bool:
    """Whether a pair would have been a contender but the hybrid policy's `unless` kept the
    combination out of the running (worth saying as a trade-off)."""
    return scoring.hybrid_held_back and scoring.top != "hybrid"


def tradeoffs(rubric: Rubric, scoring: Scoring) -> list[Explained]:
    """What counts against the verdict or for something else: caps first, then rules."""
    top = scoring.top
    members = scoring.members(top)
    out: list[Explained] = [(c.reason, c.cite) for c in scoring.caps]
    if hybrid_held_back(rubric, scoring):
        out.append((rubric.hybrid.unless_reason, rubric.hybrid.unless_cite))
    for rule in tradeoff_rules(scoring, top):
        lowered = [m for m in members if rule.scores.get(m, 0.0) < 0]
        if lowered:
            worst = min(lowered, key=lambda m: rule.scores[m])
            out.append((f"Counts against {short(rubric, scoring, worst)}: {rule.reason}", rule.cite))
            continue
        others = {a: d for a, d in rule.scores.items() if a not in members}
        best = max(others, key=lambda a: (others[a], -scoring.costs[a]))
        out.append((f"Favours {short(rubric, scoring, best)}: {rule.reason}", rule.cite))
    return out
