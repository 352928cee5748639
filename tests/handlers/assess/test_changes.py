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


def test_a_negated_stable_word_means_it_changes() -> None:
    found = X.extract("The requirements are anything but stable.").answers
    assert found["requirements_change"] == "weekly"
    assert X.extract("The requirements are not really fixed.").answers["requirements_change"] == "weekly"
    # a negated verb before "in years" still says it stays the same
    assert X.extract("The label set hasn't changed in years.").answers["requirements_change"] == "rarely"
    assert facts("Our prices are not updated weekly.") == "rarely"


def test_barely_change_and_conventions_and_formats() -> None:
    assert X.extract("Drafting conventions barely change.").answers["requirements_change"] == "rarely"
    assert X.extract("Vendors and formats - pretty stable").answers["requirements_change"] == "rarely"


def test_a_subject_that_changes_something_else_is_the_agent() -> None:
    found = X.extract("Product keeps changing what it wants from the summaries every sprint.").answers
    assert found == {"requirements_change": "weekly"}
    assert facts("Our product catalogue keeps changing every sprint.") == "weekly"


def test_items_handled_one_at_a_time_are_input_not_facts() -> None:
    assert facts("New products land in the catalogue every day and each needs a description.") is None
    assert facts("New products come in all the time but each description is written once.") is None
    assert facts("New products land in the catalogue every day.") == "daily"


def test_a_rulebook_is_a_facts_subject() -> None:
    assert facts("The rulebook changes weekly and every answer must cite the rule it relied on.") == "weekly"


def test_a_negated_quantifier_keeps_its_negation_through_a_pronoun() -> None:
    assert facts("Guests ask about menus - none of that is static, every location tweaks it.") == "weekly"
    assert facts("None of the docs are static.") == "weekly"
    assert facts("Our docs are static.") == "rarely"
