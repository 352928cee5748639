"""Validating answers given as data (an `--answers FILE.json`, a stored state): each value becomes
a choice id or a number in the criterion's unit, or the whole input is refused with `BadInput`
saying which entry is wrong and what would be accepted."""

from __future__ import annotations

import math
from collections.abc import Mapping

from handlers.assess.ports import AnswerExtractor
from handlers.errors import BadInput
from knowledge.rubric.model import Answers, AnswerValue, Rubric


def normalise_answers(rubric: Rubric, raw: object, extractor: AnswerExtractor) -> Answers:
    if not isinstance(raw, Mapping):
        raise BadInput('Answers must be a JSON object like {"labelled_examples": 5000, "timeline": "weeks"}.')
    source = raw.get("answers", raw) if isinstance(raw.get("answers"), Mapping) else raw
    out: Answers = {}
    for key, value in source.items():
        crit_id = str(key)
        if crit_id not in rubric.criteria_by_id:
            known = ", ".join(c.id for c in rubric.criteria)
            raise BadInput(f"Unknown criterion {crit_id!r}. Known criteria: {known}.")
        if value is None or value == "":
            continue
        out[crit_id] = _value(rubric, crit_id, value, extractor)
    return out


def _value(rubric: Rubric, crit_id: str, value: object, extractor: AnswerExtractor) -> AnswerValue:
    crit = rubric.criterion(crit_id)
    if crit.numeric:
        if isinstance(value, bool):
            raise BadInput(f"{crit_id} needs a number ({crit.unit}), not {value!r}.")
        if isinstance(value, int | float):
            number = float(value)
        else:
            read = extractor.read_answer(crit_id, str(value))
            if not isinstance(read, int | float):
                raise BadInput(f'{crit_id} needs a number ({crit.unit}), e.g. 5000 or "5k"; got {value!r}.')
            number = float(read)
        if not math.isfinite(number) or number < 0:
            raise BadInput(f"{crit_id} must be a non-negative number, got {value!r}.")
        return int(number) if number.is_integer() else number
    text = str(value).strip()
    if crit.choice(text) is not None:
        return text
    read = extractor.read_answer(crit_id, text)
    if isinstance(read, str) and crit.choice(read) is not None:
        return read
    options = ", ".join(c.id for c in crit.choices)
    raise BadInput(f"{crit_id} must be one of: {options}; got {value!r}.")
