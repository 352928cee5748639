"""Which fired rules explain a verdict (pure): a rule is a reason *for* a verdict only when it
favours no other approach over it (`favours`); the rest that pull elsewhere are trade-offs.

Kept apart from the scoring engine (handlers.assess.engine), which decides the verdict: this module
only sorts the rules that fired into reasons and trade-offs for the explanation
(handlers.assess.explain) and the property tests, so "no reason listed under why favours another
approach" is one function.
"""

from __future__ import annotations

from handlers.assess.engine import Scoring
from knowledge.rubric.model import Rule


def favours(rule: Rule, members: tuple[str, ...]) -> bool:
    """Whether `rule` is an honest reason for a verdict made of `members`: it lowers none of
    them, favours no other approach over the best of them, and tells them apart from something
    (raises a member or lowers another approach)."""
    own = [rule.scores.get(m, 0.0) for m in members]
    others = [d for a, d in rule.scores.items() if a not in members]
    if min(own) < 0 or max(own) < max(others, default=0.0):
        return False
    return max(own) > 0 or min(others, default=0.0) < 0


def supporting_rules(scoring: Scoring, approach: str) -> list[Rule]:
    """Rules that raised `approach` (for `hybrid`: either member) and favour nothing else over it,
    strongest first."""
    members = scoring.members(approach)
    rules = [
        r for r in scoring.fired if favours(r, members) and max(r.scores.get(m, 0.0) for m in members) > 0
    ]
    return sorted(rules, key=lambda r: -max(r.scores.get(m, 0.0) for m in members))


def tradeoff_rules(scoring: Scoring, approach: str) -> list[Rule]:
    """Rules that fired and are not reasons for `approach`: they lower one of its members or
    favour another approach more. Most telling first."""
    members = scoring.members(approach)

    def pull(rule: Rule) -> float:
        own = [rule.scores.get(m, 0.0) for m in members]
        others = [d for a, d in rule.scores.items() if a not in members]
        return max(max(others, default=0.0) - max(own), -min(own))

    rules = [r for r in scoring.fired if not favours(r, members) and pull(r) > 0]
    return sorted(rules, key=lambda r: -pull(r))
