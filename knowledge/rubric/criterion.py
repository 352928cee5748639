"""The rubric's criteria: what the assessment asks and how an answer to each question is read.

A criterion is one question of the interview (its choices, or the number it takes) together with
the reading hints the rule-based and embedding extractors use on free text (synonyms, negations,
example sentences, cues, fixed phrases, the words before or after a synonym that change what it
says). Kept apart from `knowledge.rubric.model`, which assembles criteria, rules and policies into
the rubric and checks them against each other; `check_conditions` is the one check that needs
both, a condition read against the criterion it names.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, model_validator

from knowledge.rubric.policy import Condition, Strict

CriterionType = Literal["choice", "count", "rate", "tokens"]
NUMERIC_TYPES: frozenset[str] = frozenset({"count", "rate", "tokens"})

_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class Choice(Strict):
    """One answer option: a button, plus the phrases the rule-based extractor recognises."""

    id: str
    label: str
    value: float | None = None  # numeric criteria: the number this button stands for
    synonyms: list[str] = Field(default_factory=list)  # lower-case regex fragments
    negated: str | None = None  # choice meant when a synonym is negated ("no ML people" -> none)
    # how people describe this situation in their own words: matched by embedding similarity
    examples: list[str] = Field(default_factory=list)


class Phrase(Strict):
    """A fixed phrase that sets a numeric criterion ("not much data" -> 50)."""

    pattern: str
    value: float


class Criterion(Strict):
    id: str
    label: str  # short name for summaries ("ML expertise")
    question: str
    type: CriterionType
    unit: str = ""  # numeric criteria: what the number counts ("requests per day")
    choices: list[Choice] = Field(default_factory=list)
    ordinal: bool = True  # choices are ordered (flip distance = steps between them)
    ask: bool = True  # False: an optional parameter (break-even inputs), never asked, never "missing"
    subjects: list[str] = Field(default_factory=list)  # frequency criteria: what changes ("docs", "specs")
    cues: list[str] = Field(default_factory=list)  # numeric criteria: words that mark a number as ours
    phrases: list[Phrase] = Field(default_factory=list)
    # what a sentence about this criterion talks about (frequency criteria: what changes); used
    # by the embedding matcher to tell whose change a "changes daily" clause reports
    about: list[str] = Field(default_factory=list)
    # choice synonyms followed by one of these words name who someone is, not the task's language
    # ("our legal team revises the handbook" says nothing about a legal task)
    owner_nouns: list[str] = Field(default_factory=list)
    # frequency criteria: who, changing a thing of their own, makes it this criterion's ("the courts
    # amend their rules": an outside body's rules are facts to look up, not the task's requirements)
    agents: list[str] = Field(default_factory=list)
    # True: the criterion reports experience so far ("prompting works"); a wish or plan ("we'd
    # like a tuned prompt per customer") states none, so the embedding matcher skips such clauses
    experience: bool = False
    # a synonym right after one of these (regex fragments, matched on the words just before it)
    # says something else: "every 3 months" is a pace and "tried it for months" a past duration,
    # not a deadline
    not_after: list[str] = Field(default_factory=list)
    # a synonym right before one of these (regex fragments, matched on the words just after it)
    # qualifies what is at stake, not the task: "a serious compliance problem", "legal
    # consequences" say a mistake is costly (accuracy stakes), not that the model must speak the field
    not_before: list[str] = Field(default_factory=list)

    @property
    def numeric(self) -> bool:
        return self.type in NUMERIC_TYPES

    def choice(self, choice_id: str) -> Choice | None:
        return next((c for c in self.choices if c.id == choice_id), None)

    def choice_index(self, choice_id: str) -> int:
        return next(i for i, c in enumerate(self.choices) if c.id == choice_id)

    @model_validator(mode="after")
    def _check(self) -> Criterion:
        if not _ID.match(self.id):
            raise ValueError(f"criterion id {self.id!r} must be snake_case")
        ids = [c.id for c in self.choices]
        if len(ids) != len(set(ids)):
            raise ValueError(f"criterion {self.id}: duplicate choice ids")
        if self.type == "choice" and len(self.choices) < 2:
            raise ValueError(f"criterion {self.id}: a choice criterion needs at least two choices")
        for c in self.choices:
            if self.numeric and c.value is None:
                raise ValueError(f"criterion {self.id}: choice {c.id} needs a numeric `value`")
            if c.negated is not None and c.negated not in ids:
                raise ValueError(f"criterion {self.id}: choice {c.id} negates to unknown {c.negated!r}")
        if self.phrases and not self.numeric:
            raise ValueError(f"criterion {self.id}: `phrases` are for numeric criteria")
        return self


def check_conditions(owner: str, conditions: list[Condition], by_id: dict[str, Criterion]) -> set[str]:
    """Each condition names a real criterion and fits its type; returns the criteria named."""
    for cond in conditions:
        crit = by_id.get(cond.criterion)
        if crit is None:
            raise ValueError(f"{owner}: unknown criterion {cond.criterion!r}")
        if cond.in_ is not None:
            if crit.numeric:
                raise ValueError(f"{owner}: {crit.id} is numeric; use gte/lt")
            bad = [v for v in cond.in_ if crit.choice(v) is None]
            if bad:
                raise ValueError(f"{owner}: {crit.id} has no choice {bad}")
        elif not crit.numeric:
            raise ValueError(f"{owner}: {crit.id} is a choice; use `in`")
    return {c.criterion for c in conditions}
