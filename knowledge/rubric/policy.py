"""The rubric's decision policy beyond the scoring rules: conditions on answers, the hybrid
policy, hard constraints on the verdict and confidence caps.

- A `Condition` is one test on one criterion (a set of choices, or a numeric range).
- `HybridPolicy`: when two complementary approaches are both strongly indicated, their
  combination (`hybrid`) is a contender worth their mean plus a bonus.
- A `Constraint` is a hard requirement ("facts that change weekly need retrieval"): while it is
  active the verdict must include (or must not include) one approach, whatever the scores say.
- A `ConfidenceCap` limits how confident a verdict that includes some approaches can be in a
  situation ("no ML expertise and a tight budget": never high confidence in training anything).
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from knowledge.rubric.types import Answers, AnswerValue

_CITE = re.compile(r"^[a-z0-9][a-z0-9-]*#[a-z0-9][a-z0-9-]*$")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def check_cite(value: str) -> str:
    if not _CITE.match(value):
        raise ValueError(f"cite {value!r} is not a passage id '<doc_id>#<heading-slug>'")
    return value


def one_line(value: str) -> str:
    value = " ".join(value.split())
    if not value or len(value) > 200:
        raise ValueError("a reason is one line of at most 200 characters")
    return value


class Condition(Strict):
    """`criterion` in a set of choices, or a numeric range `gte <= value < lt`."""

    criterion: str
    in_: list[str] | None = Field(default=None, alias="in")
    gte: float | None = None
    lt: float | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Condition:
        numeric = self.gte is not None or self.lt is not None
        if self.in_ is not None and numeric:
            raise ValueError(f"condition on {self.criterion}: use either `in` or `gte`/`lt`")
        if self.in_ is None and not numeric:
            raise ValueError(f"condition on {self.criterion}: needs `in` or `gte`/`lt`")
        return self

    def holds(self, value: AnswerValue) -> bool:
        if self.in_ is not None:
            return isinstance(value, str) and value in self.in_
        if isinstance(value, str):
            return False
        if self.gte is not None and value < self.gte:
            return False
        return not (self.lt is not None and value >= self.lt)

    def thresholds(self) -> list[float]:
        return [t for t in (self.gte, self.lt) if t is not None]


def all_hold(conditions: list[Condition], answers: Answers) -> bool:
    return all(c.criterion in answers and c.holds(answers[c.criterion]) for c in conditions)


def _as_list(v: object) -> object:
    return [v] if isinstance(v, dict) else v


class HybridPair(Strict):
    pair: tuple[str, str]
    label: str  # "PEFT/LoRA + RAG"
    reason: str
    cite: str

    _cite = field_validator("cite")(check_cite)


class HybridPolicy(Strict):
    """A pair whose members both reach `strong` scores (a + b) / 2 + bonus (it covers both needs,
    so it wins while the halves are comparably indicated); otherwise min(a, b) - penalty (ranked,
    not a contender). While any `unless` condition holds no pair is a contender: a hybrid costs
    both halves and every pair trains a model, so it needs the resources for both."""

    strong: float
    bonus: float
    penalty: float
    pairs: list[HybridPair] = Field(min_length=1)
    unless: list[Condition] = Field(default_factory=list)
    unless_reason: str = ""
    unless_cite: str = ""

    _unless = field_validator("unless", mode="before")(_as_list)

    @model_validator(mode="after")
    def _explained(self) -> HybridPolicy:
        if self.unless and not (self.unless_reason and self.unless_cite):
            raise ValueError("hybrid: `unless` needs `unless_reason` and `unless_cite`")
        if self.unless_cite:
            check_cite(self.unless_cite)
        return self

    def blocked(self, answers: Answers) -> bool:
        """Whether the answers rule out any hybrid as a contender (an `unless` condition holds)."""
        return any(c.criterion in answers and c.holds(answers[c.criterion]) for c in self.unless)


class Constraint(Strict):
    """While every `when` condition holds and no `unless` condition does, the verdict must
    include `require` and must not include `exclude` (a hybrid includes both its members)."""

    id: str
    when: list[Condition] = Field(min_length=1)
    unless: list[Condition] = Field(default_factory=list)
    require: str | None = None
    exclude: str | None = None
    reason: str
    cite: str

    _when = field_validator("when", "unless", mode="before")(_as_list)
    _cite = field_validator("cite")(check_cite)
    _reason = field_validator("reason")(one_line)

    @model_validator(mode="after")
    def _does_something(self) -> Constraint:
        if (self.require is None) == (self.exclude is None):
            raise ValueError(f"constraint {self.id}: give exactly one of `require` or `exclude`")
        return self

    @property
    def criteria(self) -> list[str]:
        return [c.criterion for c in [*self.when, *self.unless]]

    def active(self, answers: Answers) -> bool:
        blocked = any(c.criterion in answers and c.holds(answers[c.criterion]) for c in self.unless)
        return all_hold(self.when, answers) and not blocked

    def allows(self, members: tuple[str, ...]) -> bool:
        """Whether a verdict made of `members` satisfies this constraint (when it is active)."""
        if self.require is not None and self.require not in members:
            return False
        return not (self.exclude is not None and self.exclude in members)


class ConfidenceCap(Strict):
    """While every `when` condition holds, a verdict that includes any of `approaches` gets at
    most `max_confidence`; the reason is shown among the verdict's trade-offs."""

    id: str
    when: list[Condition] = Field(min_length=1)
    approaches: list[str] = Field(min_length=1)
    max_confidence: float = Field(ge=0.0, le=1.0)
    reason: str
    cite: str

    _when = field_validator("when", mode="before")(_as_list)
    _cite = field_validator("cite")(check_cite)
    _reason = field_validator("reason")(one_line)

    def applies(self, answers: Answers, members: tuple[str, ...]) -> bool:
        return all_hold(self.when, answers) and any(a in self.approaches for a in members)
