"""Answer types shared by the rubric modules: `{criterion id: value}` where a choice criterion
holds a choice id and a numeric one (count / rate per day / tokens) a number."""

from __future__ import annotations

AnswerValue = str | int | float
Answers = dict[str, AnswerValue]
