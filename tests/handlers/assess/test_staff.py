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
        ("our one developer builds our intranet pages", "our one developer"),  # a verb of its own after the noun
        ("our sole it person looks after the website", "our sole it person"),
        ("the only developer maintains the booking system", "the only developer"),
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


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("nobody here codes", "nobody here codes"),
        ("no one on the team writes code.", "no one on the team writes code"),
        ("none of us are technical, it's bakers and a bookkeeper", "none of us are technical"),
        ("nobody among us can program", "nobody among us can program"),
        ("we're educators, not coders", "we're educators, not coders"),
        ("the team isn't technical", "the team isn't technical"),
        ("there are no engineers on staff at all", "no engineers"),
        ("we don't employ any engineers", "don't employ any engineers"),
        ("nobody here knows anything about computers beyond email", "nobody here knows anything about computers"),
        ("not one person in the office understands technology", "not one person in the office understands technology"),
        ("our receptionists can barely use a computer", "can barely use a computer"),
    ],
)
def test_a_team_that_writes_no_code(text: str, said: str) -> None:
    found = non_ml_staff(text)
    assert found is not None and found.group(0) == said


@pytest.mark.parametrize(
    "text",
    [
        "nobody here codes in rust, we're a python shop",  # a language the team does not write
        "nobody here writes java",
        "none of us can program with c++ templates",
        "we have no ml engineers",  # the rubric's own phrase reads it, not the fallback
        "the partners signed off on the gpu budget",
        "nobody here understands it yet",  # a pronoun, not computing
        "no one knows the tech budget",  # a budget, not computing
    ],
)
def test_a_language_the_team_does_not_write_is_no_denial_of_coding(text: str) -> None:
    assert non_ml_staff(text) is None
