"""Reading a direct reply to one interview question (pure): a choice number, id or label, or a
bare number ("5000", "2M a month")."""

from __future__ import annotations

from handlers.assess.number_cues import as_number
from handlers.assess.numbers import find_numbers, rate_per_day
from knowledge.rubric.model import AnswerValue, Criterion


def direct_choice(crit: Criterion, text: str) -> AnswerValue | None:
    if not crit.choices:
        return None
    if text.isdigit() and not crit.numeric and 1 <= int(text) <= len(crit.choices):
        return crit.choices[int(text) - 1].id
    for choice in crit.choices:
        label = choice.label.lower()
        if text in (choice.id, choice.id.replace("_", " "), label) or (
            len(text) >= 3 and label.startswith(text)
        ):
            return as_number(choice.value) if crit.numeric and choice.value is not None else choice.id
    return None


def bare_number(crit: Criterion, text: str) -> AnswerValue | None:
    numbers = find_numbers(text)
    if not numbers:
        return None
    value = numbers[0].value
    if crit.type == "rate":
        value *= rate_per_day(text[numbers[0].end :]) or 1.0
    return as_number(value)
