"""The rubric's listed wordings read in a clause (pure): its phrases (a fixed answer each) and its
choice synonyms, with the guards the rubric sets on them (who someone is, what a mistake costs,
what is no deadline) and negation. The readings every other pass of `handlers.assess.extract` adds
to or overrides; kept apart from the extractor's wiring so that each is read in one place.
"""

from __future__ import annotations

from handlers.assess.number_cues import as_number
from handlers.assess.patterns import BUDGET, Candidate, Patterns
from handlers.assess.text_cues import negated
from handlers.assess.variants import unaffordable


def phrase_readings(patterns: Patterns, clause: str, offset: int) -> list[Candidate]:
    """The rubric's listed phrases found in `clause` (a numeric or fixed answer each), ranked as rules."""
    out: list[Candidate] = []
    for crit_id, value, pattern in patterns.phrases:
        for m in pattern.finditer(clause):
            out.append(
                Candidate(crit_id, as_number(value), offset + m.start(), len(m.group(0)), m.group(0), 1)
            )
    return out


def choice_readings(patterns: Patterns, clause: str, offset: int) -> list[Candidate]:
    """The rubric's choice synonyms found in `clause`, each with its owner, `not_before` and
    `not_after` guards, and a negated synonym read as its `negated` target (or dropped)."""
    out: list[Candidate] = []
    for crit_id, choice_id, negated_to, pattern in patterns.choices:
        owner = patterns.owners.get(crit_id)
        not_after = patterns.not_after.get(crit_id)
        not_before = patterns.not_before.get(crit_id)
        for m in pattern.finditer(clause):
            if owner is not None and owner.match(clause, m.end()):
                continue  # "our legal team": who someone is, not what the task is
            if not_before is not None and not_before.match(clause, m.end()):
                continue  # "a compliance problem": what a mistake costs, not what the task is
            if not_after is not None and not_after.search(clause[max(0, m.start() - 40) : m.start()]):
                continue  # "every 3 months", "tried it for months": not a deadline
            value: str = choice_id
            if negated(clause[: m.start()]) or (crit_id == BUDGET and unaffordable(clause, m.start())):
                if negated_to is None:
                    continue
                value = negated_to
            out.append(Candidate(crit_id, value, offset + m.start(), len(m.group(0)), m.group(0)))
    return out
