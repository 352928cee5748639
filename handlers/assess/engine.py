"""The scoring engine (pure): answers -> per-approach scores -> verdict, honest reasons, confidence.

Every rule whose conditions hold adds its score deltas; `hybrid` is derived from the best
complementary pair of base approaches (see `hybrid_value.pair_value`). The verdict is the best-scoring
approach that meets the rubric's hard constraints (e.g. facts that change weekly need retrieval).

Hybrids are decided by one principle: a combination is the answer when EACH half is carried by
a need of its own that the other half does not meet - a behaviour, format, style or domain
language learned from plenty of examples (the trained half), knowledge that changes or must be
cited (retrieval), requirements that keep changing (prompts); the rubric's `hybrid.needs` says
which answers are which need. Both halves must also be strongly indicated by the rules
(`hybrid.strong`: resources, time and data included), except a half that trains nothing and
needs no labelled data (prompts, retrieval: `needs_strength: false`), which is strong enough once
carried - no trained half meets its need, and in a two-part task the rules that lower it speak
of the part the trained half takes. Likewise a
half's strength leaves out what the rules reading its partner's carried need took from it
(`hybrid_value.half_strength`: requirements that change often lower a trained model, but prompts take them;
facts that move make a tuned model stale, but retrieval holds them). Then the
pair is worth its better half plus the bonus: it does all that half does and meets the other
need too, so however unevenly the rules weigh the two halves, it beats either alone. When one
need is only hinted (examples without a named behaviour, a deep domain without examples), the
pair is worth the mean of its halves plus the bonus - it wins only while they are comparably
strong - unless the hinted half is the better one and its partner is carried: the rules already
put that half first, so the pair is worth it plus the bonus (thousands of examples of a stable
core task, formats that authorities revise monthly: fine-tune the core, prompt the formats).
A half with no need of its own never makes a hybrid win, and no hybrid is a contender
while the hybrid policy's `unless` holds (no ML expertise, a tight budget): a combination costs
both halves, and every pair trains a model.
Ties are broken by one principle: the cheapest approach wins (each approach's `cost` in the
rubric; a hybrid costs what its two members cost together) - never by list order. Of pairs worth
the same, the one whose weaker half is better indicated wins, then the cheaper.

A rule is a reason *for* a verdict only when it favours no other approach over it; every other
rule that fired and touches the verdict is a trade-off (`handlers.assess.rule_roles`). "What would
flip it" lives in `handlers.assess.flip`, the wording in `handlers.assess.explain`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from handlers.assess.hybrid_value import TIE, best_pair
from knowledge.rubric.model import (
    BASE_APPROACHES,
    Answers,
    ConfidenceCap,
    Constraint,
    HybridPair,
    Rubric,
    Rule,
)


def _rank_key(
    scores: dict[str, float], allowed: dict[str, bool], costs: dict[str, int]
) -> Callable[[str], tuple[bool, float, int]]:
    """The order of approaches: allowed ones first, then by score, ties to the cheaper approach."""
    return lambda a: (not allowed.get(a, True), -round(scores[a], TIE), costs[a])


@dataclass(frozen=True)
class Scoring:
    """Scores of all six approaches for one set of answers, and what produced them."""

    scores: dict[str, float]
    fired: tuple[Rule, ...]
    hybrid_pair: HybridPair  # the best complementary pair (whether or not it is strong enough)
    hybrid_active: bool  # the pair is a real contender (see `hybrid_value.pair_value`)
    costs: dict[str, int]  # the tie-break: of equal scores the cheapest wins
    allowed: dict[str, bool] = field(default_factory=dict)  # meets every active constraint
    constraints: tuple[Constraint, ...] = ()  # the active hard constraints
    caps: tuple[ConfidenceCap, ...] = ()  # confidence caps that apply to the verdict
    hybrid_blocked: bool = False  # the hybrid policy's `unless` holds: no pair is a contender
    hybrid_held_back: bool = False  # blocked, although a pair would be a contender without the block
    # what the margin (confidence) is measured against: `allowed`, except where only a `default`
    # constraint rules an approach out and the verdict is the one it would be without it (see
    # `margin`); empty: `allowed`
    rivals_allowed: dict[str, bool] = field(default_factory=dict)

    @property
    def ranked(self) -> list[str]:
        """Allowed approaches first, then by score, ties to the cheaper approach."""
        return sorted(self.scores, key=_rank_key(self.scores, self.allowed, self.costs))

    @property
    def top(self) -> str:
        return self.ranked[0]

    def members(self, approach: str) -> tuple[str, ...]:
        return self.hybrid_pair.pair if approach == "hybrid" else (approach,)

    @property
    def overruled(self) -> str | None:
        """The best approach a hard constraint ruled out although it scored above the verdict."""
        top = self.top
        above = [a for a in self.ranked if not self.allowed.get(a, True) and self.scores[a] > self.scores[top]]
        return above[0] if above else None

    @property
    def margin(self) -> float:
        """Lead of the verdict over the best allowed alternative (for `hybrid`: over the best
        approach that is not one of the two it combines). A `default` constraint (a starting point
        that a stated fact lifts) counts here only where it decided the verdict: one that leaves
        the verdict as it was changes nothing about how sure it is."""
        top = self.top
        members = self.members(top) if top == "hybrid" else ()
        allowed = self.rivals_allowed or self.allowed
        ranked = sorted(self.scores, key=_rank_key(self.scores, allowed, self.costs))
        rest = [a for a in ranked if a != top and a not in members and allowed.get(a, True)]
        if not rest:
            rest = [a for a in ranked if a != top and a not in members]
        return self.scores[top] - self.scores[rest[0]]

    @property
    def hybrid_of(self) -> tuple[str, str] | None:
        """The two approaches combined, when the recommendation is `hybrid`."""
        return self.hybrid_pair.pair if self.top == "hybrid" else None


def base_scores(rubric: Rubric, answers: Answers) -> tuple[dict[str, float], tuple[Rule, ...]]:
    fired = tuple(rule for rule in rubric.rules if rule.fires(answers))
    return summed(fired), fired


def summed(fired: tuple[Rule, ...]) -> dict[str, float]:
    """The base approaches' scores from the rules that fired, added in rubric order."""
    scores = dict.fromkeys(BASE_APPROACHES, 0.0)
    for rule in fired:
        for approach, delta in rule.scores.items():
            scores[approach] += delta
    return scores


def fired_after_change(
    rubric: Rubric, answers: Answers, fired: tuple[Rule, ...], criterion: str
) -> tuple[Rule, ...]:
    """The rules that fire on `answers`, given `fired`: those that fired on answers differing from
    `answers` in `criterion` alone (rules that do not read `criterion` fire as they did). In rubric
    order, so the scores add up exactly as `base_scores` adds them."""
    was = {rule.id for rule in fired}
    reading = rubric.rules_reading(criterion)
    return tuple(rule for rule in rubric.rules if (rule.fires(answers) if rule.id in reading else rule.id in was))


def _allows(constraints: tuple[Constraint, ...], members: tuple[str, ...]) -> bool:
    return all(c.allows(members) for c in constraints)


@dataclass(frozen=True)
class _Verdict:
    """What decides the verdict, besides the base scores (see `score`)."""

    scores: dict[str, float]  # the base scores and hybrid's
    pair: HybridPair
    contender: bool
    active: tuple[Constraint, ...]
    candidates: list[HybridPair]
    blocked: bool
    allowed: dict[str, bool]
    costs: dict[str, int]
    top: str
    rivals_allowed: dict[str, bool]  # see `Scoring.rivals_allowed`


def _allowed(constraints: tuple[Constraint, ...], pair: HybridPair) -> dict[str, bool]:
    allowed = {a: _allows(constraints, (a,)) for a in BASE_APPROACHES}
    allowed["hybrid"] = _allows(constraints, pair.pair)
    if not any(allowed.values()):  # contradictory constraints: fall back to the scores alone
        allowed = dict.fromkeys(allowed, True)
    return allowed


def _verdict(rubric: Rubric, answers: Answers, base: dict[str, float], fired: tuple[Rule, ...]) -> _Verdict:
    scores = dict(base)
    active = tuple(c for c in rubric.constraints if c.active(answers))
    hard = tuple(c for c in active if not c.default)
    # the pairs the constraints allow; where none is, those the hard ones allow (a default that
    # rules out every pair leaves the hybrid ranked as without it), else every pair
    candidates = (
        [hp for hp in rubric.hybrid.pairs if _allows(active, hp.pair)]
        or [hp for hp in rubric.hybrid.pairs if _allows(hard, hp.pair)]
        or list(rubric.hybrid.pairs)
    )
    blocked = rubric.hybrid.blocked(answers)
    value, contender, pair = best_pair(rubric, scores, answers, candidates, blocked=blocked, fired=fired)
    scores["hybrid"] = value
    allowed = _allowed(active, pair)
    costs = {a: rubric.cost((a,)) for a in BASE_APPROACHES}
    costs["hybrid"] = rubric.cost(pair.pair)
    top = min(scores, key=_rank_key(scores, allowed, costs))  # = Scoring.top
    rivals: dict[str, bool] = {}
    if len(hard) < len(active):
        hard_allowed = _allowed(hard, pair)
        if min(scores, key=_rank_key(scores, hard_allowed, costs)) == top:
            rivals = hard_allowed
    return _Verdict(scores, pair, contender, active, candidates, blocked, allowed, costs, top, rivals)


def score(rubric: Rubric, answers: Answers) -> Scoring:
    base, fired = base_scores(rubric, answers)
    v = _verdict(rubric, answers, base, fired)
    held_back = v.blocked and best_pair(rubric, base, answers, v.candidates, blocked=False, fired=fired)[1]
    members = v.pair.pair if v.top == "hybrid" else (v.top,)
    caps = tuple(c for c in rubric.caps if c.applies(answers, members))
    return Scoring(
        scores=v.scores, fired=fired, hybrid_pair=v.pair, hybrid_active=v.contender, costs=v.costs,
        allowed=v.allowed, constraints=v.active, caps=caps, hybrid_blocked=v.blocked, hybrid_held_back=held_back,
        rivals_allowed=v.rivals_allowed,
    )


def top_with(rubric: Rubric, answers: Answers, fired: tuple[Rule, ...]) -> str:
    """`score(rubric, answers).top` when `fired` are the rules that fire on `answers` (the flip
    search re-scores one changed answer at a time: `fired_after_change`)."""
    return _verdict(rubric, answers, summed(fired), fired).top


def confidence(rubric: Rubric, scoring: Scoring) -> float:
    """0..1 from the margin (see `Scoring.margin`): margin / (margin + scale), rounded to 2
    places; then limited by the caps that apply, and by `override_confidence` when a hard
    constraint overruled a better-scoring approach."""
    margin = max(0.0, scoring.margin)
    scale = rubric.confidence_scale
    value = round(margin / (margin + scale), 2) if margin > 0 else 0.0
    limits = [c.max_confidence for c in scoring.caps]
    if scoring.overruled is not None:
        limits.append(rubric.override_confidence)
    return min([value, *limits])


def missing(rubric: Rubric, answers: Answers) -> list[str]:
    """Askable criteria without an answer, in rubric order (skipped ones included: still unknown)."""
    return [c for c in rubric.askable if c not in answers]
