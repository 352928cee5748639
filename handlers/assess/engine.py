"""The scoring engine (pure): answers -> per-approach scores -> ranking, reasons, confidence.

Every rule whose conditions hold adds its score deltas; `hybrid` is derived from the best
complementary pair of base approaches (see `HybridPolicy`). Ties go to the approach listed first
in the rubric (the cheaper one). "What would flip it" lives in `handlers.assess.flip`.
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.rubric.model import BASE_APPROACHES, Answers, HybridPair, Rubric, Rule


@dataclass(frozen=True)
class Scoring:
    """Scores of all six approaches for one set of answers, and the rules that produced them."""

    scores: dict[str, float]
    fired: tuple[Rule, ...]
    hybrid_pair: HybridPair  # the best complementary pair (whether or not it is strong enough)
    hybrid_active: bool  # both members reach `hybrid.strong`: hybrid is a real contender
    order: tuple[str, ...]  # approach ids in rubric order (tie-break)

    @property
    def ranked(self) -> list[str]:
        return sorted(self.order, key=lambda a: (-self.scores[a], self.order.index(a)))

    @property
    def top(self) -> str:
        return self.ranked[0]

    @property
    def margin(self) -> float:
        """Lead of the top approach over the best real alternative (for `hybrid`: over the best
        approach that is not one of the two it combines)."""
        top = self.top
        members = self.hybrid_pair.pair if top == "hybrid" else ()
        rest = [a for a in self.ranked[1:] if a not in members]
        return self.scores[top] - self.scores[rest[0]]

    @property
    def hybrid_of(self) -> tuple[str, str] | None:
        """The two approaches combined, when the recommendation is `hybrid`."""
        return self.hybrid_pair.pair if self.top == "hybrid" else None


def base_scores(rubric: Rubric, answers: Answers) -> tuple[dict[str, float], tuple[Rule, ...]]:
    scores = dict.fromkeys(BASE_APPROACHES, 0.0)
    fired: list[Rule] = []
    for rule in rubric.rules:
        if rule.fires(answers):
            fired.append(rule)
            for approach, delta in rule.scores.items():
                scores[approach] += delta
    return scores, tuple(fired)


def pair_value(rubric: Rubric, scores: dict[str, float], pair: tuple[str, str]) -> tuple[float, bool]:
    """Hybrid score offered by one pair, and whether both members are strongly indicated."""
    policy = rubric.hybrid
    a, b = scores[pair[0]], scores[pair[1]]
    if min(a, b) >= policy.strong:
        return max(a, b) + policy.bonus, True
    return min(a, b) - policy.penalty, False


def score(rubric: Rubric, answers: Answers) -> Scoring:
    scores, fired = base_scores(rubric, answers)
    best: tuple[float, bool, HybridPair] | None = None
    for hp in rubric.hybrid.pairs:
        value, active = pair_value(rubric, scores, hp.pair)
        if best is None or value > best[0]:
            best = (value, active, hp)
    assert best is not None  # the schema requires at least one pair
    scores["hybrid"] = best[0]
    order = tuple(a.id for a in rubric.approaches)
    return Scoring(scores=scores, fired=fired, hybrid_pair=best[2], hybrid_active=best[1], order=order)


def confidence(rubric: Rubric, scoring: Scoring) -> float:
    """0..1 from the margin (see `Scoring.margin`): margin / (margin + scale), rounded to 2 places."""
    margin = max(0.0, scoring.margin)
    scale = rubric.confidence_scale
    return round(margin / (margin + scale), 2) if margin > 0 else 0.0


def supporting_rules(scoring: Scoring, approach: str) -> list[Rule]:
    """Rules that raised `approach`, strongest first (for `hybrid`: those of either member)."""
    if approach == "hybrid":
        a, b = scoring.hybrid_pair.pair
        first, second = supporting_rules(scoring, a), supporting_rules(scoring, b)
        merged: list[Rule] = []
        for rule in _interleave(first, second):
            if rule not in merged:
                merged.append(rule)
        return merged
    rules = [r for r in scoring.fired if r.scores.get(approach, 0.0) > 0]
    return sorted(rules, key=lambda r: -r.scores[approach])


def opposing_rules(scoring: Scoring, approach: str) -> list[Rule]:
    """Rules that lowered `approach`, strongest first."""
    rules = [r for r in scoring.fired if r.scores.get(approach, 0.0) < 0]
    return sorted(rules, key=lambda r: r.scores[approach])


def missing(rubric: Rubric, answers: Answers) -> list[str]:
    """Askable criteria without an answer, in rubric order (skipped ones included: still unknown)."""
    return [c for c in rubric.askable if c not in answers]


def _interleave(first: list[Rule], second: list[Rule]) -> list[Rule]:
    out: list[Rule] = []
    for i in range(max(len(first), len(second))):
        if i < len(first):
            out.append(first[i])
        if i < len(second):
            out.append(second[i])
    return out
