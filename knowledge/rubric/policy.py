"""The rubric's decision policy beyond the scoring rules: conditions on answers, the hybrid
policy, hard constraints on the verdict and confidence caps.

- A `Condition` is one test on one criterion (a set of choices, or a numeric range).
- `HybridPolicy`: when each of two complementary approaches has a need of its own, their
  combination (`hybrid`) is a contender (see `HalfNeed` for what each half is for).
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


def any_hold(conditions: list[Condition], answers: Answers) -> bool:
    return any(c.criterion in answers and c.holds(answers[c.criterion]) for c in conditions)


def _as_list(v: object) -> object:
    return [v] if isinstance(v, dict) else v


class HybridPair(Strict):
    pair: tuple[str, str]
    label: str  # "PEFT/LoRA + RAG"
    reason: str
    cite: str

    _cite = field_validator("cite")(check_cite)


class HalfNeed(Strict):
    """What one kind of half does in a combination that the other half does not.

    `own`: needs that only this kind of half meets (any one is enough). `shared`: needs that
    another approach can also meet (a prompt carries a style, retrieval grounds accuracy), so
    they count only together with `learned_from`. `learned_from`: what a trained half learns
    its behaviour from (plenty of labelled examples); none for halves that train nothing.

    - `indicated`: an `own` need holds, or the material to learn from is there (thousands of
      examples of a behaviour are themselves a reason to learn it).
    - `carried`: a need (`own` or `shared`) holds and, for a trained half, so does
      `learned_from`: the half is for something the other half cannot do, and can be built.

    `needs_strength`: whether the half must also be strongly indicated by the rules (the
    policy's `strong`). A half that trains nothing and needs no labelled data (prompts,
    retrieval) does not: carried by its own need, it can be built wherever the policy's
    `unless` does not hold, no trained half meets that need (prompts follow requirements that
    keep changing; retrieval keeps moving facts current without retraining), and the rules that
    lower it in a two-part task speak of the other part, the one the trained half takes (deep
    domain, strict format, high stakes).
    """

    approaches: list[str] = Field(min_length=1)
    own: list[Condition] = Field(min_length=1)
    shared: list[Condition] = Field(default_factory=list)
    learned_from: Condition | None = None
    needs_strength: bool = True

    def _material(self, answers: Answers) -> bool:
        return self.learned_from is None or all_hold([self.learned_from], answers)

    def indicated(self, answers: Answers) -> bool:
        own = any(all_hold([c], answers) for c in self.own)
        return own or (self.learned_from is not None and all_hold([self.learned_from], answers))

    def carried(self, answers: Answers) -> bool:
        need = any(all_hold([c], answers) for c in [*self.own, *self.shared])
        return need and self._material(answers)

    @property
    def conditions(self) -> list[Condition]:
        return [*self.own, *self.shared, *([self.learned_from] if self.learned_from else [])]


class HybridPolicy(Strict):
    """How much a pair of complementary approaches is worth as one verdict (`hybrid`).

    A combination builds and runs both halves, so it is a contender only when both halves
    reach `strong` (the rules that fired, resources included, strongly indicate each) and each
    has a need of its own that the other half does not meet (Gupta: complementary tools;
    SkillWisor: fine-tune the foundation, prompt for what changes; RAG for knowledge that changes):
    - both halves `carried` (see `HalfNeed`): worth the better half plus the bonus - it does
      everything that half does and also meets the other half's need, so it beats either half
      alone however unevenly the rules weigh them;
    - both halves `indicated`, one need only hinted: worth their mean plus the bonus (it wins
      only while the halves are comparably indicated), or the better half plus the bonus when
      the hinted half is the better one and the weaker is carried;
    - a half whose need says it `needs_strength: false` (prompts, retrieval) counts as strong
      whenever it is carried;
    - otherwise, or while any `unless` condition holds (a hybrid costs both halves and every pair
      trains a model, so it needs the resources for both): min(a, b) - penalty, ranked but no
      contender.
    An approach no `needs` entry covers counts as indicated and never as carried (the mean rule
    alone). A half with no need of its own never makes a hybrid win."""

    strong: float
    bonus: float
    penalty: float
    pairs: list[HybridPair] = Field(min_length=1)
    needs: list[HalfNeed] = Field(default_factory=list)
    unless: list[Condition] = Field(default_factory=list)
    unless_reason: str = ""
    unless_cite: str = ""
    # resources that buy what an `unless` condition says the team lacks: while one holds, no `unless`
    # blocks (a budget for the work hires or rents the training skill the team does not have)
    lifted_by: list[Condition] = Field(default_factory=list)

    _unless = field_validator("unless", "lifted_by", mode="before")(_as_list)

    @model_validator(mode="after")
    def _explained(self) -> HybridPolicy:
        if self.unless and not (self.unless_reason and self.unless_cite):
            raise ValueError("hybrid: `unless` needs `unless_reason` and `unless_cite`")
        if self.unless_cite:
            check_cite(self.unless_cite)
        covered = [a for n in self.needs for a in n.approaches]
        if len(covered) != len(set(covered)):
            raise ValueError("hybrid needs: an approach is described twice")
        return self

    def blocked(self, answers: Answers) -> bool:
        """Whether the answers rule out any hybrid as a contender (an `unless` condition holds and no
        `lifted_by` one does)."""
        return any_hold(self.unless, answers) and not any_hold(self.lifted_by, answers)

    def need(self, approach: str) -> HalfNeed | None:
        return next((n for n in self.needs if approach in n.approaches), None)

    def indicated(self, approach: str, answers: Answers) -> bool:
        need = self.need(approach)
        return need is None or need.indicated(answers)

    def carried(self, approach: str, answers: Answers) -> bool:
        need = self.need(approach)
        return need is not None and need.carried(answers)

    def exempt(self, approach: str) -> bool:
        """Whether `approach` as a half needs no strength from the rules once carried."""
        need = self.need(approach)
        return need is not None and not need.needs_strength

    def strong_enough(self, approach: str, score: float, answers: Answers) -> bool:
        """The half is strongly indicated (`strong`), or carried and needs no strength."""
        return score >= self.strong or (self.exempt(approach) and self.carried(approach, answers))


class Constraint(Strict):
    """While every `when` condition holds and no `unless` condition does, the verdict must
    include `require` and must not include `exclude` (a hybrid includes both its members).

    A constraint without `when` holds until one of its `unless` conditions does: a default that
    only a stated fact lifts ("no reason to train stated: the verdict trains nothing"). `default`
    marks such a starting point: it decides the verdict like any constraint, but where the verdict
    is the one it would be without it, it does not change how sure the verdict is (the margin is
    measured as if it were not there: `handlers.assess.engine.Scoring.margin`)."""

    id: str
    when: list[Condition] = Field(default_factory=list)
    unless: list[Condition] = Field(default_factory=list)
    require: str | None = None
    exclude: list[str] = Field(default_factory=list)  # one approach or several ("training ruled out")
    default: bool = False  # a starting point, not a limit the team stated (see the docstring)
    reason: str
    cite: str

    _when = field_validator("when", "unless", mode="before")(_as_list)
    _exclude = field_validator("exclude", mode="before")(lambda v: [v] if isinstance(v, str) else v)
    _cite = field_validator("cite")(check_cite)
    _reason = field_validator("reason")(one_line)

    @model_validator(mode="after")
    def _does_something(self) -> Constraint:
        if (self.require is None) == (not self.exclude):
            raise ValueError(f"constraint {self.id}: give exactly one of `require` or `exclude`")
        if not self.when and not self.unless:
            raise ValueError(f"constraint {self.id}: give `when`, `unless` or both")
        return self

    @property
    def criteria(self) -> list[str]:
        return [c.criterion for c in [*self.when, *self.unless]]

    def active(self, answers: Answers) -> bool:
        return all_hold(self.when, answers) and not any_hold(self.unless, answers)

    def allows(self, members: tuple[str, ...]) -> bool:
        """Whether a verdict made of `members` satisfies this constraint (when it is active)."""
        if self.require is not None and self.require not in members:
            return False
        return not any(a in members for a in self.exclude)


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
