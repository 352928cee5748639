"""The decision rubric's schema and loader: approaches, criteria, scoring rules, hybrid policy.

`rubric.yaml` is data; this module validates it at load (unknown criteria or choices in a rule,
duplicate ids, approach ids other than the contract ones, malformed citations all fail loudly)
and offers the lookups the assessment engine needs. Answers are `{criterion id: value}` where a
choice criterion holds a choice id and a numeric one (count / rate per day / tokens) a number.
A criterion's own schema (its choices and reading hints) is in `knowledge.rubric.criterion`;
`Criterion` is re-exported here for the modules that read it with the rubric.
"""

from __future__ import annotations

from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import Field, field_validator, model_validator

from knowledge.rubric.criterion import Criterion, check_conditions
from knowledge.rubric.policy import (
    Condition,
    ConfidenceCap,
    Constraint,
    HybridPair,
    HybridPolicy,
    Strict,
    all_hold,
    check_cite,
    one_line,
)
from knowledge.rubric.reading import Reading
from knowledge.rubric.types import Answers, AnswerValue

RUBRIC_PATH = Path(__file__).resolve().parent / "rubric.yaml"
# libyaml's safe loader when available: parsing the rubric drops from ~150 ms to ~10 ms
SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

ApproachId = Literal["prompt_engineering", "rag", "prompt_tuning", "peft", "full_fine_tuning", "hybrid"]
APPROACH_IDS: tuple[str, ...] = (
    "prompt_engineering",
    "rag",
    "prompt_tuning",
    "peft",
    "full_fine_tuning",
    "hybrid",
)
BASE_APPROACHES: tuple[str, ...] = APPROACH_IDS[:-1]  # scored by rules; `hybrid` is derived from them

__all__ = [
    "AnswerValue",
    "Answers",
    "Condition",
    "ConfidenceCap",
    "Constraint",
    "Criterion",
    "HybridPair",
    "HybridPolicy",
]

_Strict = Strict


class Approach(_Strict):
    id: ApproachId
    label: str
    short: str  # "PEFT/LoRA": for flips, runner-up mentions, tables
    summary: str
    next_steps: list[str] = Field(min_length=1)
    # relative effort (resources, time, skills) for the tie-break: of two approaches that score
    # the same, the cheaper one wins; a hybrid costs what its two members cost together
    cost: int | None = Field(default=None, ge=1)


class Rule(_Strict):
    """When every condition holds, add `scores` to the approaches; `reason` + `cite` explain why."""

    id: str
    when: list[Condition] = Field(default_factory=list)  # empty = always (a prior)
    scores: dict[str, float]
    reason: str
    cite: str

    @field_validator("when", mode="before")
    @classmethod
    def _single(cls, v: object) -> object:
        return [v] if isinstance(v, dict) else v

    _cite = field_validator("cite")(check_cite)
    _reason = field_validator("reason")(one_line)

    @property
    def criteria(self) -> list[str]:
        return [c.criterion for c in self.when]

    def fires(self, answers: Answers) -> bool:
        return all_hold(self.when, answers)


class Rubric(_Strict):
    version: str
    approaches: list[Approach]
    criteria: list[Criterion]
    rules: list[Rule]
    hybrid: HybridPolicy
    constraints: list[Constraint] = Field(default_factory=list)
    caps: list[ConfidenceCap] = Field(default_factory=list)
    override_confidence: float = 0.45  # most confidence when a constraint overrules the scores
    frequency_words: dict[str, list[str]] = Field(default_factory=dict)  # choice id -> phrases
    change_words: list[str] = Field(default_factory=list)  # "change", "update", ... (literal)
    # verbs of change in their base form ("revise"); the extractor also reads every regular
    # inflection ("revises", "revised", "revising")
    change_verbs: list[str] = Field(default_factory=list)
    # counted frequencies ("a few times a month", "every 2 weeks"): choice id -> the longest
    # period between changes, in days, that still counts as that choice
    frequency_periods: dict[str, float] = Field(default_factory=dict)
    # "the latest filings", "today's fares": the facts as they are now (regex fragments)
    current_words: list[str] = Field(default_factory=list)
    # "whatever is in stock today", "the timetable as it stands at that minute": the facts as they
    # are now, said after them at the end of a clause (regex fragments)
    now_words: list[str] = Field(default_factory=list)
    confidence_scale: float = 3.0  # margin at which confidence reaches 0.5
    reading: Reading = Field(default_factory=Reading)  # answer lists and money (see reading.py)

    @model_validator(mode="after")
    def _consistent(self) -> Rubric:
        got = [a.id for a in self.approaches]
        if sorted(got) != sorted(APPROACH_IDS) or len(got) != len(set(got)):
            raise ValueError(f"approaches must be exactly {list(APPROACH_IDS)}, got {got}")
        crit_ids = [c.id for c in self.criteria]
        if len(crit_ids) != len(set(crit_ids)):
            raise ValueError("duplicate criterion ids")
        by_id = {c.id: c for c in self.criteria}
        rule_ids = [r.id for r in self.rules]
        if len(rule_ids) != len(set(rule_ids)):
            raise ValueError("duplicate rule ids")
        used: set[str] = set()
        for a in self.approaches:
            if (a.cost is None) != (a.id == "hybrid"):
                raise ValueError(f"approach {a.id}: base approaches need a `cost`; hybrid's is derived")
        for rule in self.rules:
            for approach in rule.scores:
                if approach not in BASE_APPROACHES:
                    raise ValueError(f"rule {rule.id}: cannot score {approach!r} (hybrid is derived)")
            used.update(check_conditions(f"rule {rule.id}", rule.when, by_id))
        for con in self.constraints:
            check_conditions(f"constraint {con.id}", [*con.when, *con.unless], by_id)
            if any(a is not None and a not in BASE_APPROACHES for a in (con.require, *con.exclude)):
                raise ValueError(f"constraint {con.id}: require/exclude must name a base approach")
        for cap in self.caps:
            check_conditions(f"cap {cap.id}", cap.when, by_id)
            if any(a not in BASE_APPROACHES for a in cap.approaches):
                raise ValueError(f"cap {cap.id}: approaches must be base approaches")
        unused = [c.id for c in self.criteria if c.ask and c.id not in used]
        if unused:
            raise ValueError(f"criteria without any rule: {unused}")
        check_conditions("hybrid unless", self.hybrid.unless, by_id)
        check_conditions("hybrid lifted_by", self.hybrid.lifted_by, by_id)
        for need in self.hybrid.needs:
            check_conditions("hybrid needs", need.conditions, by_id)
            if any(a not in BASE_APPROACHES for a in need.approaches):
                raise ValueError(f"hybrid needs {need.approaches}: must name base approaches")
        for hp in self.hybrid.pairs:
            if any(a not in BASE_APPROACHES for a in hp.pair) or hp.pair[0] == hp.pair[1]:
                raise ValueError(f"hybrid pair {hp.pair} must name two different base approaches")
        for crit in self.criteria:
            if crit.subjects:
                missing = [c.id for c in crit.choices if c.id not in self.frequency_words and c.id != "none"]
                if missing:
                    raise ValueError(f"criterion {crit.id}: no frequency_words for {missing}")
        self.reading.check({c.id: None if c.numeric else [x.id for x in c.choices] for c in self.criteria})
        return self

    # --- lookups --------------------------------------------------------------------------------
    @cached_property
    def criteria_by_id(self) -> dict[str, Criterion]:
        return {c.id: c for c in self.criteria}

    @cached_property
    def approaches_by_id(self) -> dict[str, Approach]:
        return {a.id: a for a in self.approaches}

    @cached_property
    def askable(self) -> list[str]:
        return [c.id for c in self.criteria if c.ask]

    @cached_property
    def rule_ids_by_criterion(self) -> dict[str, frozenset[str]]:
        """Criterion id -> the ids of the rules with a condition on it."""
        found: dict[str, set[str]] = {}
        for rule in self.rules:
            for criterion in rule.criteria:
                found.setdefault(criterion, set()).add(rule.id)
        return {c: frozenset(ids) for c, ids in found.items()}

    def rules_reading(self, criterion_id: str) -> frozenset[str]:
        """The ids of the rules an answer to `criterion_id` can switch on or off."""
        return self.rule_ids_by_criterion.get(criterion_id, frozenset())

    def criterion(self, criterion_id: str) -> Criterion:
        try:
            return self.criteria_by_id[criterion_id]
        except KeyError:
            raise KeyError(f"unknown criterion {criterion_id!r}") from None

    def approach(self, approach_id: str) -> Approach:
        return self.approaches_by_id[approach_id]

    @cached_property
    def thresholds_by_criterion(self) -> dict[str, tuple[float, ...]]:
        """Criterion id -> the sorted distinct numeric thresholds of the conditions on it."""
        needs = [c for n in self.hybrid.needs for c in n.conditions]
        found: dict[str, set[float]] = {}
        for c in [*(c for r in self.rules for c in r.when), *self.hybrid.unless, *needs]:
            found.setdefault(c.criterion, set()).update(c.thresholds())
        return {criterion: tuple(sorted(values)) for criterion, values in found.items()}

    def thresholds(self, criterion_id: str) -> list[float]:
        """Sorted distinct numeric thresholds the rules (and the hybrid policy) use for a criterion."""
        return list(self.thresholds_by_criterion.get(criterion_id, ()))

    @cached_property
    def approach_costs(self) -> dict[str, int]:
        """Approach id -> its `cost` (0 for hybrid, whose cost is its members')."""
        return {a.id: a.cost or 0 for a in self.approaches}

    def cost(self, members: tuple[str, ...]) -> int:
        """Relative effort of a verdict made of `members` (the tie-break: cheapest first)."""
        costs = self.approach_costs
        return sum(costs[a] for a in members)

    def citations(self) -> list[str]:
        extra = [c.cite for c in self.constraints] + [c.cite for c in self.caps] + [self.hybrid.unless_cite]
        return [r.cite for r in self.rules] + [p.cite for p in self.hybrid.pairs] + [c for c in extra if c]


def load_rubric(path: Path | None = None) -> Rubric:
    """Load and validate a rubric file (the shipped one by default); raises ValueError if invalid."""
    target = path or RUBRIC_PATH
    data = yaml.load(target.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    return Rubric.model_validate(data)


@lru_cache(maxsize=1)
def shipped_rubric() -> Rubric:
    return load_rubric()
