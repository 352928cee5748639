"""What would change the verdict (pure): flip analysis, "can it still flip?", question value.

- `flips`: for each criterion, the smallest single answer change that changes the top approach
  (answered criteria first, then unanswered ones), measured in steps between ordered choices or
  between the numeric buckets the rules distinguish.
- `can_flip`: whether any way of answering the still-unknown criteria could change the top
  approach. A sound upper bound: exact for rules on one unknown criterion, and rules on several
  unknown criteria are assumed free to fire or not. False means the verdict is settled.
- `question_value`: how much answering one criterion could move the verdict (the interview asks
  the most valuable question next).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import BaseModel

from handlers.assess.engine import Scoring, base_scores, fired_after_change, score, top_with
from handlers.assess.hybrid_value import need_readers
from knowledge.rubric.model import BASE_APPROACHES, Answers, AnswerValue, Condition, Constraint, Rubric
from knowledge.rubric.policy import any_hold

_EPS = 1e-9


class Flip(BaseModel):
    criterion: str
    to: AnswerValue
    recommendation: str
    steps: int
    answered: bool  # the criterion had an answer that would change (else: a new answer)


def candidate_values(rubric: Rubric, criterion_id: str) -> list[AnswerValue]:
    """One value per distinguishable answer: choice ids, or one number per numeric bucket."""
    crit = rubric.criterion(criterion_id)
    if not crit.numeric:
        return [c.id for c in crit.choices]
    thresholds = rubric.thresholds(criterion_id)
    if not thresholds:
        return []
    values: list[AnswerValue] = [_number(thresholds[0] / 2)]
    values.extend(_number(t) for t in thresholds)
    return values


def bucket(rubric: Rubric, criterion_id: str, value: AnswerValue) -> int:
    if isinstance(value, str):
        crit = rubric.criterion(criterion_id)
        return crit.choice_index(value) if crit.choice(value) is not None else 0
    return sum(1 for t in rubric.thresholds(criterion_id) if value >= t)


def steps(rubric: Rubric, criterion_id: str, old: AnswerValue, new: AnswerValue) -> int:
    crit = rubric.criterion(criterion_id)
    if not crit.numeric and not crit.ordinal:
        return 0 if old == new else 1
    return abs(bucket(rubric, criterion_id, old) - bucket(rubric, criterion_id, new))


def flips(rubric: Rubric, answers: Answers, *, limit: int | None = None) -> list[Flip]:
    """Per criterion, the smallest single change that changes the recommendation; smallest first."""
    _, fired = base_scores(rubric, answers)
    current = top_with(rubric, answers, fired)
    found: list[Flip] = []
    for crit in rubric.criteria:
        if not crit.ask:
            continue
        old = answers.get(crit.id)
        best: Flip | None = None
        for value in candidate_values(rubric, crit.id):
            if old is not None and steps(rubric, crit.id, old, value) == 0:
                continue
            changed = {**answers, crit.id: value}  # only the rules that read this criterion are re-checked
            rec = top_with(rubric, changed, fired_after_change(rubric, changed, fired, crit.id))
            if rec == current:
                continue
            n = steps(rubric, crit.id, old, value) if old is not None else 1
            if best is None or n < best.steps:
                best = Flip(
                    criterion=crit.id, to=value, recommendation=rec, steps=n, answered=old is not None
                )
        if best is not None:
            found.append(best)
    order = {c: i for i, c in enumerate(rubric.askable)}
    found.sort(key=lambda f: (f.steps, not f.answered, order[f.criterion]))
    return found[:limit] if limit is not None else found


def question_value(rubric: Rubric, answers: Answers, criterion_id: str) -> tuple[int, float]:
    """(how many possible answers flip the verdict, how close the closest answer comes to it)."""
    base = score(rubric, answers)
    flipping, closest = 0, -float("inf")
    for value in candidate_values(rubric, criterion_id):
        s = score(rubric, {**answers, criterion_id: value})
        if s.top != base.top:
            flipping += 1
        gap = max(v for a, v in s.scores.items() if a != base.top) - s.scores[base.top]
        closest = max(closest, gap)
    return flipping, closest


# --- "can the verdict still flip?" --------------------------------------------------------------
@dataclass(frozen=True)
class _Groups:
    """Score deltas still possible from unknown criteria: one option list per independent group."""

    options: list[list[dict[str, float]]]

    def max_diff(self, y: str, x: str) -> float:
        if y == x:
            return 0.0
        return sum(max(o.get(y, 0.0) - o.get(x, 0.0) for o in group) for group in self.options)

    def max_gain(self, a: str) -> float:
        return sum(max(o.get(a, 0.0) for o in group) for group in self.options)

    def min_gain(self, a: str) -> float:
        return sum(min(o.get(a, 0.0) for o in group) for group in self.options)


def _groups(rubric: Rubric, answers: Answers, unknown: set[str]) -> _Groups:
    single: dict[str, list[int]] = {}  # unknown criterion -> rules depending on it alone
    multi: list[dict[str, float]] = []
    for i, rule in enumerate(rubric.rules):
        open_crits = {c.criterion for c in rule.when if c.criterion in unknown}
        if not open_crits:
            continue
        known_ok = all(
            c.criterion in unknown or (c.criterion in answers and c.holds(answers[c.criterion]))
            for c in rule.when
        )
        if not known_ok:
            continue
        if len(open_crits) == 1:
            single.setdefault(next(iter(open_crits)), []).append(i)
        else:
            multi.append(dict(rule.scores))
    options: list[list[dict[str, float]]] = []
    for crit_id, rule_ids in single.items():
        group: list[dict[str, float]] = [{}]  # the criterion may stay unanswered
        for value in candidate_values(rubric, crit_id):
            deltas: dict[str, float] = {}
            for i in rule_ids:
                rule = rubric.rules[i]
                if all(c.holds(value) for c in rule.when if c.criterion == crit_id):
                    for a, d in rule.scores.items():
                        deltas[a] = deltas.get(a, 0.0) + d
            group.append(deltas)
        options.append(group)
    options.extend([{}, deltas] for deltas in multi)
    return _Groups(options)


def can_flip(rubric: Rubric, answers: Answers, unknown: Iterable[str] | None = None) -> bool:
    """Whether answering some of `unknown` (default: every unanswered askable criterion) could
    change the recommendation. False is a guarantee; True may be conservative."""
    open_set = set(unknown) if unknown is not None else {c for c in rubric.askable if c not in answers}
    open_set -= set(answers)
    if not open_set:
        return False
    scoring = score(rubric, answers)
    members = scoring.members(scoring.top)
    for con in rubric.constraints:
        if set(con.criteria) & open_set and not con.allows(members) and _may_activate(rubric, con, answers, open_set):
            return True  # an answer could switch on a constraint the verdict breaks
    groups = _groups(rubric, answers, open_set)
    # an active constraint no open criterion reads stays active whatever the answers, so it fixes
    # which verdicts may contend; one an answer could lift (a `default`, or `unless` still open)
    # is left out, so every verdict it rules out is a contender. One an answer could switch on
    # and that allows the verdict only takes rivals away (checked above when it does not).
    settled = tuple(c for c in scoring.constraints if not set(c.criteria) & open_set)
    active = settled if any(scoring.allowed.values()) else ()
    if scoring.top == "hybrid":
        return _hybrid_can_lose(rubric, scoring, groups, active, _may_block(rubric, open_set), answers)
    carry = {hp.pair: all(_may_carry(rubric, m, answers, open_set) for m in hp.pair) for hp in rubric.hybrid.pairs}
    # a half that needs no strength (prompts, retrieval) gates the pair wherever it may be carried
    free = {m: rubric.hybrid.exempt(m) and _may_carry(rubric, m, answers, open_set) for m in BASE_APPROACHES}
    # answers only add conditions, but one may lift a block (`hybrid.lifted_by`: a budget stated later)
    lift = any(
        c.criterion in open_set and any(map(c.holds, candidate_values(rubric, c.criterion)))
        for c in rubric.hybrid.lifted_by
    )
    return _base_can_lose(rubric, scoring, groups, active, carry, free, blocked=scoring.hybrid_blocked and not lift)


def _may_activate(rubric: Rubric, con: Constraint, answers: Answers, open_set: set[str]) -> bool:
    """Some answer to the open criteria could make `con` active: none of its `unless` conditions
    holds already (an answered one stays answered), and every `when` condition may hold (open
    `unless` conditions assumed not to hold)."""
    if any_hold(con.unless, answers):
        return False
    for cond in con.when:
        if cond.criterion in open_set:
            if not any(cond.holds(v) for v in candidate_values(rubric, cond.criterion)):
                return False
        elif cond.criterion not in answers or not cond.holds(answers[cond.criterion]):
            return False
    return True


def _may_block(rubric: Rubric, open_set: set[str]) -> bool:
    """Some answer to the open criteria could make the hybrid policy's `unless` hold."""
    return any(
        c.criterion in open_set and any(c.holds(v) for v in candidate_values(rubric, c.criterion))
        for c in rubric.hybrid.unless
    )


def _may_carry(rubric: Rubric, member: str, answers: Answers, open_set: set[str]) -> bool:
    """Some answer to the open criteria could make `member` a carried half (see `HalfNeed`)."""
    need = rubric.hybrid.need(member)
    if need is None:
        return False

    def may(cond: Condition) -> bool:
        if cond.criterion in open_set:
            return any(cond.holds(v) for v in candidate_values(rubric, cond.criterion))
        return cond.criterion in answers and cond.holds(answers[cond.criterion])

    material = need.learned_from is None or may(need.learned_from)
    return material and any(may(c) for c in [*need.own, *need.shared])


def _ok(active: tuple[Constraint, ...], members: tuple[str, ...]) -> bool:
    return all(c.allows(members) for c in active)


def _base_can_lose(
    rubric: Rubric,
    scoring: Scoring,
    groups: _Groups,
    active: tuple[Constraint, ...],
    carry: dict[tuple[str, str], bool],
    free: dict[str, bool],
    blocked: bool,
) -> bool:
    s, top = scoring.scores, scoring.top
    for y in BASE_APPROACHES:
        if y != top and _ok(active, (y,)) and s[y] - s[top] + groups.max_diff(y, top) >= -_EPS:
            return True
    policy = rubric.hybrid
    for hp in policy.pairs:
        if not _ok(active, hp.pair):
            continue
        a, b = hp.pair
        lead_a = s[a] - s[top] + groups.max_diff(a, top)  # bound on a' - top'
        lead_b = s[b] - s[top] + groups.max_diff(b, top)
        # a hybrid blocked for good (`blocked`) stays blocked; a half's strength may
        # also get back what the rules reading its partner's need take from it (`half_strength`)
        gateable = all(
            s[m] + groups.max_gain(m) + _taken_bound(rubric, m, p) >= policy.strong or free[m]
            for m, p in (hp.pair, hp.pair[::-1])
        )
        gateable = gateable and not blocked
        carried = carry.get(hp.pair, True)  # both halves could end up carried by needs of their own
        # hybrid' <= max(a', b') + bonus when it may be carried, mean(a', b') + bonus when only
        # the mean rule can gate it, min(a', b') - penalty when nothing can
        gated = max(lead_a, lead_b) if carried else (lead_a + lead_b) / 2
        bound = gated + policy.bonus if gateable else min(lead_a, lead_b) - policy.penalty
        if bound >= -_EPS:
            return True
    return False


def _taken_bound(rubric: Rubric, member: str, partner: str) -> float:
    """The most that the rules reading `partner`'s own need can take from `member`: what
    `half_strength` may give back to it, whatever the answers."""
    reading = need_readers(rubric, partner)
    return -sum(min(0.0, r.scores.get(member, 0.0)) for r in rubric.rules if r.id in reading)


def _hybrid_can_lose(
    rubric: Rubric,
    scoring: Scoring,
    groups: _Groups,
    active: tuple[Constraint, ...],
    may_block: bool,
    answers: Answers,
) -> bool:
    s, policy = scoring.scores, rubric.hybrid
    a, b = scoring.hybrid_pair.pair
    # a need that holds keeps holding (answers only add conditions), so while both halves stay
    # strong and nothing can block, hybrid' >= mean(a', b') + bonus (the better-half value is higher)
    gate_holds = all(policy.strong_enough(m, s[m] + groups.min_gain(m), answers) for m in (a, b))
    gate_holds = gate_holds and not may_block and scoring.hybrid_active
    for y in BASE_APPROACHES:
        if not _ok(active, (y,)):
            continue
        over_a = s[y] - s[a] + groups.max_diff(y, a)  # bound on y' - a'
        over_b = s[y] - s[b] + groups.max_diff(y, b)
        # this pair alone keeps hybrid at >= mean(a', b') + bonus while gated, else min(a', b') - penalty
        bound = (over_a + over_b) / 2 - policy.bonus if gate_holds else max(over_a, over_b) + policy.penalty
        if bound >= -_EPS:
            return True
    return False


def _number(value: float) -> AnswerValue:
    return int(value) if float(value).is_integer() else round(value, 3)
