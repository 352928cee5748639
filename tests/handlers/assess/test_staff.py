"""Team capacity told as people: who is named, and whether their trade trains models."""

from __future__ import annotations

import pytest

from handlers.assess.staff import non_ml_staff


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("it can give us one developer", "one developer"),
        ("our team is a part-time analyst and one contractor developer", "a part-time analyst"),
        ("the only person free is an intern", "an intern"),
        ("there's no developer", "no developer"),
        ("we're two backend engineers", "two backend engineers"),
        ("there are a couple of web developers", "a couple of web developers"),
        ("only a single full-stack dev.", "a single full-stack dev"),
    ],
)
def test_people_whose_trade_is_not_ml(text: str, who: str) -> None:
    found = non_ml_staff(text)
    assert found is not None and found.group(0) == who


@pytest.mark.parametrize(
    "text", ["one ml engineer", "a data scientist", "a couple of engineers", "our developer portal", "analytics"]
)
def test_ml_people_unqualified_engineers_and_other_words_are_not_counted(text: str) -> None:
    assert non_ml_staff(text) is None
