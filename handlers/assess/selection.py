"""Which reading of a criterion wins (pure): the extractor's passes propose candidates, this module
picks one per criterion.

Kept apart from the passes (`handlers.assess.extract`) because the choice is one policy over all
of them: numbers beat phrases beat synonyms beat embedding matches; of two statements of how often
something changes the faster governs; an embedding match gives no second answer for a statement a
rule already read whole; readings that only fill a criterion nothing else read (a team that writes
no code, material called confidential) come last.
"""

from __future__ import annotations

import re

from handlers.assess.change_requests import REQUIREMENTS_CHANGE, WEEKLY, adjustment_requests
from handlers.assess.confidential import DATASETS, PRIVATE_DATA, confidential_material
from handlers.assess.kept_prompts import KEPT, PROMPT_LAYER, kept_prompts
from handlers.assess.patterns import FACTS, Candidate
from handlers.assess.prompt_limits import PLATEAUED, PROMPT_RESULTS, prompting_short
from handlers.assess.staff import ML_EXPERTISE, NO_ML, non_ml_staff
from knowledge.rubric.model import Rubric

WHOLE = 0.6  # share of a statement's characters a rule's match covers when it reads the statement


def unread(semantic: list[Candidate], rules: list[Candidate]) -> list[Candidate]:
    """The embedding matches whose statement no phrase, synonym or number rule has read as
    something else already: one statement says one thing, so a clause that a rule reads almost
    whole ("we can't afford mistakes": high accuracy stakes; "we have a data scientist": some
    ML) gives no second answer by similarity (a tight budget, because "afford" sits close to
    money; private datasets, because "data" does)."""
    return [s for s in semantic if not any(_reads_whole(r, s) for r in rules)]


def _reads_whole(rule: Candidate, statement: Candidate) -> bool:
    """`rule` read another criterion from (nearly) all of `statement`'s words."""
    end = statement.start + len(statement.snippet)
    return (
        rule.criterion != statement.criterion
        and statement.start <= rule.start < end
        and len(rule.snippet) >= WHOLE * len(statement.snippet.strip())
    )


def rank(rubric: Rubric, cand: Candidate) -> tuple[int, int, int, int]:
    """Numbers beat phrases beat synonyms beat embedding matches; of two statements of how
    often something changes, the faster one governs (if some facts change daily, the
    knowledge must be refreshed daily); then the longer match, then the later one."""
    crit = rubric.criterion(cand.criterion)
    # likewise the furthest stage of experience: "prompting works, but the JSON breaks" plateaued
    staged = crit.subjects or crit.experience
    pace = crit.choice_index(cand.value) if staged and isinstance(cand.value, str) else 0
    return (cand.priority, pace, cand.length, cand.start)


def best_readings(rubric: Rubric, candidates: list[Candidate], inputs: list[tuple[int, int]]) -> dict[str, Candidate]:
    """The winning candidate per criterion (`rank`); a pace of the facts read inside the task's
    own inputs (`inputs`: "new products come in daily, each gets a description") is no fact."""
    best: dict[str, Candidate] = {}
    for cand in candidates:
        if cand.criterion == FACTS and any(a <= cand.start < b for a, b in inputs):
            continue
        cur = best.get(cand.criterion)
        if cur is None or rank(rubric, cand) >= rank(rubric, cur):
            best[cand.criterion] = cand
    return best


def fill_fallbacks(rubric: Rubric, best: dict[str, Candidate], text: str) -> None:
    """Readings that only answer a criterion nothing else read, added to `best` in place."""
    known = {c.id for c in rubric.criteria}
    if ML_EXPERTISE in known and ML_EXPERTISE not in best:
        staff = non_ml_staff(text)  # "IT can give us one developer": no one trains models
        if staff is not None:
            best[ML_EXPERTISE] = Candidate(ML_EXPERTISE, NO_ML, staff.start(), len(staff.group(0)), staff.group(0))
    if PRIVATE_DATA in known and PRIVATE_DATA not in best and rubric.criterion(PRIVATE_DATA).choice(DATASETS):
        secret = confidential_material(text)  # "the material is confidential": proprietary data
        if secret is not None:
            best[PRIVATE_DATA] = Candidate(PRIVATE_DATA, DATASETS, secret[0], len(secret[1]), secret[1])
    if PROMPT_LAYER in known and PROMPT_LAYER not in best:
        kept = kept_prompts(text)  # "train on them, and still keep prompts for the odd variants"
        if kept is not None:
            best[PROMPT_LAYER] = Candidate(PROMPT_LAYER, KEPT, kept.start(), len(kept.group(0)), kept.group(0))
    if PROMPT_RESULTS in known and PROMPT_RESULTS not in best:
        short = prompting_short(text)  # "consistency the prompt alone can't give", "prompting keeps misreading"
        if short is not None:
            best[PROMPT_RESULTS] = Candidate(PROMPT_RESULTS, PLATEAUED, short[0], len(short[1]), short[1])
    if REQUIREMENTS_CHANGE in known and REQUIREMENTS_CHANGE not in best:
        asked = adjustment_requests(text, fact_names(rubric))  # "teachers keep asking for the feedback to be adjusted"
        if asked is not None:
            best[REQUIREMENTS_CHANGE] = Candidate(REQUIREMENTS_CHANGE, WEEKLY, asked[0], len(asked[1]), asked[1])


def fact_names(rubric: Rubric) -> re.Pattern[str] | None:
    """The rubric's names of facts (the subjects of `facts_change`), whose adjustment is knowledge to
    look up rather than a change of requirements (compiled once: `re` caches the pattern)."""
    crit = rubric.criteria_by_id.get(FACTS)
    if crit is None or not crit.subjects:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(crit.subjects) + r")(?![\w-])", re.I)
