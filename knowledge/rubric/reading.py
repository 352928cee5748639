"""How the offline extractor reads two things no single phrase list covers, as rubric data:

- **Answer lists.** Teams often answer a list of questions ("Budget? small. ML people? none.",
  "- ml skills: none", "budget meh"). `fields` names, per criterion, the field labels that ask
  about it (regex fragments matched against the whole label) and `scale` says what a short answer
  on the generic scale (`answer_words`: none / low / mid / high / yes) means for it. A label that
  fits no scale still helps: the extractor reads the label and its answer as one statement
  ("How often does the policy change? twice a year").
- **Money.** A budget stated as an amount ("$500/month", "we can spend 20k", "£80k"): `money`
  gives the bands, per month and in total, below which the amount is a low or medium budget.

Kept apart from `model.py` so that the schema of the scoring rules stays readable.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import Field, model_validator

from knowledge.rubric.policy import Strict

LEVELS: tuple[str, ...] = ("none", "low", "mid", "high", "yes")


def _known_levels(keys: Iterable[str]) -> None:
    """Raise for any answer level that is not one of LEVELS."""
    unknown = [k for k in keys if k not in LEVELS]
    if unknown:
        raise ValueError(f"unknown answer levels {unknown}; use {list(LEVELS)}")


class FieldNames(Strict):
    """The labels of a form field that asks about one criterion, and what scale answers mean."""

    names: list[str] = Field(min_length=1)  # regex fragments, matched against the whole label
    scale: dict[str, str | float] = Field(default_factory=dict)  # level -> choice id or number

    @model_validator(mode="after")
    def _levels(self) -> FieldNames:
        _known_levels(self.scale)
        return self


class MoneyBands(Strict):
    """An amount below `low` is a low budget, below `medium` a medium one, else a high one."""

    low: float = Field(gt=0)
    medium: float = Field(gt=0)

    def choice(self, amount: float) -> str:
        return "low" if amount < self.low else ("medium" if amount < self.medium else "high")


class Money(Strict):
    per_month: MoneyBands  # a recurring amount, turned into a monthly one
    total: MoneyBands  # a one-off amount for the whole project


class Reading(Strict):
    answer_words: dict[str, list[str]] = Field(default_factory=dict)  # level -> regex fragments
    hedges: list[str] = Field(default_factory=list)  # words a short answer may carry ("probably")
    fields: dict[str, FieldNames] = Field(default_factory=dict)  # criterion id -> its field labels
    money: Money | None = None

    @model_validator(mode="after")
    def _levels(self) -> Reading:
        _known_levels(self.answer_words)
        return self

    def check(self, choices: dict[str, list[str] | None]) -> None:
        """Every field names a criterion, and every scale value is one of its choices (or a
        number, for a numeric criterion: `choices[id]` is None)."""
        for crit_id, f in self.fields.items():
            if crit_id not in choices:
                raise ValueError(f"reading.fields: unknown criterion {crit_id!r}")
            allowed = choices[crit_id]
            for level, value in f.scale.items():
                ok = isinstance(value, (int, float)) if allowed is None else value in allowed
                if not ok:
                    raise ValueError(f"reading.fields.{crit_id}: {level} -> {value!r} is not a valid answer")
