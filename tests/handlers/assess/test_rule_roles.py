"""Which fired rules are reasons for a verdict and which are trade-offs (handlers.assess.rule_roles)."""

from __future__ import annotations

from handlers.assess.engine import score
from handlers.assess.rule_roles import favours, supporting_rules, tradeoff_rules
from knowledge.rubric.model import Rule, shipped_rubric

CITE = "gupta-customizing-ai#decision-table-rag"


def rule(rule_id: str, **scores: float) -> Rule:
    return Rule(id=rule_id, scores=scores, reason="why", cite=CITE)


def test_a_reason_raises_the_verdict_or_lowers_another_and_favours_nothing_more() -> None:
    assert favours(rule("r", rag=1.0), ("rag",))
    assert favours(rule("r", peft=-1.0), ("rag",))  # tells rag apart by lowering another
    assert not favours(rule("r", rag=1.0, peft=2.0), ("rag",))  # favours peft more
    assert not favours(rule("r", rag=-0.5, prompt_engineering=1.0), ("rag",))  # lowers the verdict
    assert not favours(rule("r"), ("rag",))  # tells nothing apart
    # a hybrid's reason may raise either member
    assert favours(rule("r", peft=1.0, rag=0.5), ("peft", "rag"))


def test_reasons_and_tradeoffs_of_a_real_scoring_do_not_overlap() -> None:
    rubric = shipped_rubric()
    s = score(rubric, {"facts_change": "daily", "labelled_examples": 20000, "ml_expertise": "strong"})
    top = s.top
    reasons, tradeoffs = supporting_rules(s, top), tradeoff_rules(s, top)
    assert reasons and not {r.id for r in reasons} & {r.id for r in tradeoffs}
    assert all(favours(r, s.members(top)) for r in reasons)
    strengths = [max(r.scores.get(m, 0.0) for m in s.members(top)) for r in reasons]
    assert strengths == sorted(strengths, reverse=True)
