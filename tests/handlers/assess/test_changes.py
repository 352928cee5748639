"""Statements of change split across clauses: a frequency tail, a pronoun subject, a bare
subject named in full before (phrase rules only, no embedding model)."""

from __future__ import annotations

from handlers.assess.changes import ChangeReader
from handlers.assess.extract import RuleExtractor
from handlers.assess.patterns import compile_patterns
from handlers.assess.text_cues import split_clauses
from knowledge.rubric.model import shipped_rubric

RUBRIC = shipped_rubric()
X = RuleExtractor(RUBRIC)
CHANGES = ChangeReader(RUBRIC, compile_patterns(RUBRIC))


def facts(text: str) -> object:
    return X.extract(text).answers.get("facts_change")


def test_a_frequency_tail_joins_the_clause_before_it() -> None:
    assert facts("The council updates those pages whenever bylaws change, roughly monthly.") == "monthly"
    joined = CHANGES.in_context(split_clauses("the council updates those pages, roughly monthly"))
    assert [c for _, c in joined] == ["the council updates those pages, roughly monthly"]


def test_a_pronoun_subject_is_the_subject_named_just_before() -> None:
    assert facts("We answer from 40 product manuals. They change when a new model comes out, maybe quarterly.") == (
        "monthly"
    )
    assert facts("We answer questions. They change when a new model comes out, maybe quarterly.") is None


def test_a_bare_subject_is_what_it_was_named_before() -> None:
    found = X.extract("It answers questions on our product specs. Specs update every release.").answers
    assert found.get("facts_change") == "weekly" and "requirements_change" not in found


def test_how_often_asks_and_states_nothing() -> None:
    assert facts("How often does the policy change? Nobody knows.") is None
    assert facts("The policy changes often.") == "weekly"


def test_ish_seasonal_and_minutes() -> None:
    assert facts("Our help articles change weekly-ish.") == "weekly"
    assert facts("The menu changes seasonally.") == "monthly"
    assert facts("Outages update every few minutes.") == "daily"
