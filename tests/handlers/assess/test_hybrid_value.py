"""What a hybrid pair is worth (`handlers.assess.hybrid_value`), on the shipped rubric."""

from __future__ import annotations

from handlers.assess.engine import base_scores
from handlers.assess.hybrid_value import best_pair, half_strength, need_readers, pair_value
from knowledge.rubric.model import Answers, shipped_rubric

SHIPPED = shipped_rubric()
# a learned core at volume, and output specs that keep changing: fine-tune the core, prompt the rest
CORE_AND_SPECS: Answers = {"labelled_examples": 50000, "request_volume": 40000, "requirements_change": "weekly"}


def _pair_with_prompts() -> tuple[str, str]:
    return next(hp.pair for hp in SHIPPED.hybrid.pairs if "prompt_engineering" in hp.pair)


def test_a_blocked_pair_is_worth_its_weaker_half_less_the_penalty_and_no_contender() -> None:
    scores, fired = base_scores(SHIPPED, CORE_AND_SPECS)
    pair = _pair_with_prompts()
    value, contender = pair_value(SHIPPED, scores, pair, CORE_AND_SPECS, blocked=True, fired=fired)
    assert not contender
    assert value == min(scores[m] for m in pair) - SHIPPED.hybrid.penalty


def test_a_pair_whose_halves_are_both_carried_is_worth_its_better_half_plus_the_bonus() -> None:
    scores, fired = base_scores(SHIPPED, CORE_AND_SPECS)
    pairs = list(SHIPPED.hybrid.pairs)
    value, contender, hp = best_pair(SHIPPED, scores, CORE_AND_SPECS, pairs, blocked=False, fired=fired)
    assert contender and "prompt_engineering" in hp.pair
    assert value == max(scores[m] for m in hp.pair) + SHIPPED.hybrid.bonus


def test_a_half_is_not_charged_with_what_its_partners_need_took_from_it() -> None:
    scores, fired = base_scores(SHIPPED, CORE_AND_SPECS)
    trained = next(m for m in _pair_with_prompts() if m != "prompt_engineering")
    readers = need_readers(SHIPPED, "prompt_engineering")
    assert readers  # the prompt half's own need is read by some rules
    taken = sum(min(0.0, r.scores.get(trained, 0.0)) for r in fired if r.id in readers)
    assert taken < 0  # changing requirements lowered the trained half ...
    strength = half_strength(SHIPPED, scores, fired, trained, "prompt_engineering", CORE_AND_SPECS)
    assert strength == scores[trained] - taken
    # ... but only while the partner is carried by that need
    stable = {**CORE_AND_SPECS, "requirements_change": "rarely"}
    s2, f2 = base_scores(SHIPPED, stable)
    assert half_strength(SHIPPED, s2, f2, trained, "prompt_engineering", stable) == s2[trained]
