"""What a hybrid pair is worth (pure): the strength of each half and the value of the best pair.

The engine (`handlers.assess.engine`) asks this module for the hybrid's score; the principle it
applies (each half carried by a need of its own, strong enough once what its partner's need took
from it is left out, the better half plus the bonus) is told in the engine's docstring. Kept apart
so that the engine module holds the verdict and this one the arithmetic of pairs.
"""

from __future__ import annotations

from knowledge.rubric.model import Answers, HybridPair, Rubric, Rule

TIE = 6  # scores are compared rounded to this many decimals (sums of halves: exact anyway)


def half_strength(
    rubric: Rubric, scores: dict[str, float], fired: tuple[Rule, ...], member: str, partner: str, answers: Answers
) -> float:
    """`member`'s score for the hybrid's strength gate: while the partner is carried by its own
    need, without what the rules reading that need took from `member` - in a two-part task they
    speak of the part the partner takes (requirements that change often lower a trained model,
    but the prompt half takes them; facts that move make a tuned model stale, but retrieval holds
    them). Never below the score."""
    need = rubric.hybrid.need(partner)
    if need is None or not need.carried(answers):
        return scores[member]
    reading = need_readers(rubric, partner)
    taken = sum(min(0.0, r.scores.get(member, 0.0)) for r in fired if r.id in reading)
    return scores[member] - taken


def need_readers(rubric: Rubric, approach: str) -> frozenset[str]:
    """The ids of the rules reading a criterion of `approach`'s own hybrid need (`Rubric.rules_reading`):
    what `half_strength` leaves out of its partner's strength while that need carries it."""
    need = rubric.hybrid.need(approach)
    if need is None:
        return frozenset()
    return frozenset().union(*(rubric.rules_reading(c.criterion) for c in need.own))


def pair_value(
    rubric: Rubric,
    scores: dict[str, float],
    pair: tuple[str, str],
    answers: Answers,
    *,
    blocked: bool = False,
    fired: tuple[Rule, ...] = (),
) -> tuple[float, bool]:
    """Hybrid score offered by one pair, and whether it is a contender (see the module
    docstring). Both halves at least `strong` (`half_strength`, from the rules that `fired`) and
    not `blocked` (the resources for both): carried by needs of their own -> the better half plus
    the bonus; indicated -> their mean plus the bonus, or the better half plus the bonus when the
    weaker is carried (a half that needs no strength counts as strong when carried). Otherwise the
    weaker half minus the penalty."""
    policy = rubric.hybrid
    a, b = scores[pair[0]], scores[pair[1]]
    strength = {
        pair[0]: half_strength(rubric, scores, fired, pair[0], pair[1], answers),
        pair[1]: half_strength(rubric, scores, fired, pair[1], pair[0], answers),
    }
    if not blocked and all(policy.strong_enough(m, strength[m], answers) for m in pair):
        if all(policy.carried(m, answers) for m in pair):
            return max(a, b) + policy.bonus, True
        if all(policy.indicated(m, answers) for m in pair):
            # the better-scoring half only hinted, the weaker carried by a need of its own: the
            # rules already put the better half first, and the pair also meets the other need
            weaker = pair[1] if a >= b else pair[0]
            if policy.carried(weaker, answers):
                return max(a, b) + policy.bonus, True
            return (a + b) / 2 + policy.bonus, True
    return min(a, b) - policy.penalty, False


def best_pair(
    rubric: Rubric,
    scores: dict[str, float],
    answers: Answers,
    candidates: list[HybridPair],
    *,
    blocked: bool,
    fired: tuple[Rule, ...],
) -> tuple[float, bool, HybridPair]:
    """The pair worth most; of pairs worth the same, the one whose weaker half scores higher,
    then the cheaper one."""

    def key(item: tuple[float, bool, HybridPair]) -> tuple[float, float, int]:
        value, _, hp = item
        return (round(value, TIE), round(min(scores[m] for m in hp.pair), TIE), -rubric.cost(hp.pair))

    valued = [(*pair_value(rubric, scores, hp.pair, answers, blocked=blocked, fired=fired), hp) for hp in candidates]
    return max(valued, key=key)
