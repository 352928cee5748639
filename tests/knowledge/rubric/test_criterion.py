"""A criterion's own checks (ids, choices, numeric values, negations, phrases) and the check of a
condition against the criterion it names."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from knowledge.rubric.criterion import Criterion, check_conditions
from knowledge.rubric.policy import Condition


def _choice_criterion(**extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "ml_expertise",
        "label": "ML expertise",
        "question": "Who on the team knows ML?",
        "type": "choice",
        "choices": [{"id": "none", "label": "Nobody"}, {"id": "strong", "label": "A team"}],
    }
    return {**base, **extra}


def _count_criterion(**extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "labelled_examples",
        "label": "Labelled examples",
        "question": "How many labelled examples?",
        "type": "count",
        "choices": [{"id": "few", "label": "A few", "value": 50}, {"id": "many", "label": "Many", "value": 10000}],
    }
    return {**base, **extra}


def test_a_valid_criterion_offers_its_choices_in_order() -> None:
    crit = Criterion.model_validate(_choice_criterion())
    assert not crit.numeric
    assert crit.choice("strong") is not None and crit.choice("expert") is None
    assert crit.choice_index("strong") == 1
    assert Criterion.model_validate(_count_criterion()).numeric


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_choice_criterion(id="ML-expertise"), "snake_case"),
        (_choice_criterion(choices=[{"id": "a", "label": "A"}, {"id": "a", "label": "B"}]), "duplicate choice ids"),
        (_choice_criterion(choices=[{"id": "a", "label": "A"}]), "at least two choices"),
        (_count_criterion(choices=[{"id": "few", "label": "A few"}]), "needs a numeric `value`"),
        (
            _choice_criterion(choices=[{"id": "a", "label": "A", "negated": "z"}, {"id": "b", "label": "B"}]),
            "negates to unknown",
        ),
        (_choice_criterion(phrases=[{"pattern": "not much", "value": 50}]), "are for numeric criteria"),
    ],
)
def test_a_malformed_criterion_is_refused(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Criterion.model_validate(data)


def test_conditions_must_name_a_criterion_and_fit_its_type() -> None:
    criteria = [Criterion.model_validate(_choice_criterion()), Criterion.model_validate(_count_criterion())]
    by_id = {c.id: c for c in criteria}
    ok = [
        Condition.model_validate({"criterion": "ml_expertise", "in": ["none"]}),
        Condition.model_validate({"criterion": "labelled_examples", "gte": 1000}),
    ]
    assert check_conditions("rule r", ok, by_id) == {"ml_expertise", "labelled_examples"}
    bad = [
        ({"criterion": "budget", "in": ["low"]}, "rule r: unknown criterion 'budget'"),
        ({"criterion": "ml_expertise", "in": ["expert"]}, "has no choice"),
        ({"criterion": "ml_expertise", "gte": 2}, "is a choice; use `in`"),
        ({"criterion": "labelled_examples", "in": ["few"]}, "is numeric; use gte/lt"),
    ]
    for condition, message in bad:
        with pytest.raises(ValueError, match=message):
            check_conditions("rule r", [Condition.model_validate(condition)], by_id)
