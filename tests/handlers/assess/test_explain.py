"""What an assessment says: "why" for a hybrid speaks for each half, and a hybrid the policy held
back is a trade-off (a tiny hand-built rubric, and the shipped one)."""

from __future__ import annotations

from handlers.assess.engine import score
from handlers.assess.explain import tradeoffs, why
from knowledge.rubric.model import Answers, shipped_rubric
from tests.handlers.assess.fakes import tiny_rubric

SHIPPED = shipped_rubric()


def test_a_carried_hybrid_explains_each_half() -> None:
    """The reasons take turns between the halves, the weaker half first: its need is not crowded
    out by the stronger half's heavier rules."""
    rubric = tiny_rubric(strong=2.0, needs=True)
    s = score(rubric, {"size": "m", "facts": "some", "volume": 150})  # peft 2, rag 4.5
    assert s.top == "hybrid"
    texts = [t for t, _ in why(rubric, s, "hybrid")]
    assert texts == ["Both.", "Medium tasks suit PEFT.", "Facts suit RAG.", "Busy and factual."]


def test_a_single_approach_keeps_its_strongest_reasons_first() -> None:
    rubric = tiny_rubric(needs=True)
    s = score(rubric, {"size": "l", "volume": 5000})
    assert [t for t, _ in why(rubric, s, "peft")][:2] == ["Large tasks suit PEFT.", "Volume suits PEFT."]


def test_a_hybrid_states_what_its_trained_half_is_for_before_its_material() -> None:
    """Retrieval is spoken for by the constraint; the trained half's first reason is the need
    that carries it (the strict format), not the examples it learns from."""
    answers: Answers = {
        "labelled_examples": 6000, "output_format": "strict", "facts_change": "daily",
        "ml_expertise": "strong", "private_data": "documents",
    }
    s = score(SHIPPED, answers)
    texts = [t for t, _ in why(SHIPPED, s, "hybrid")]
    constraint = next(c for c in SHIPPED.constraints if c.require == "rag")
    strict = next(r for r in SHIPPED.rules if r.id == "format_strict")
    assert texts[0] == constraint.reason and texts[1] == s.hybrid_pair.reason
    assert texts[2] == strict.reason


def test_a_hybrid_held_back_by_the_policy_is_a_tradeoff() -> None:
    """Both halves carried, but nobody knows ML: no hybrid, and the trade-offs say why."""
    answers: Answers = {
        "domain_specialisation": "deep", "labelled_examples": 6000, "output_format": "strict", "facts_change": "daily",
    }
    assert score(SHIPPED, answers).top == "hybrid"
    s = score(SHIPPED, {**answers, "ml_expertise": "none"})
    assert s.top != "hybrid" and s.hybrid_held_back
    assert (SHIPPED.hybrid.unless_reason, SHIPPED.hybrid.unless_cite) in tradeoffs(SHIPPED, s)
