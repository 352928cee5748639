"""What a statement of change says changes: the thing cut out by grammar (pure), and its kind
(knowledge, requirements, style) by similarity on the shipped ONNX model."""

from __future__ import annotations

from functools import cache

import pytest

from handlers.assess.extract import RuleExtractor
from handlers.assess.semantic import OptionMatcher
from handlers.assess.things import FACTS, REQUIREMENTS, ThingClassifier, changed_thing
from knowledge.embeddings import get_onnx_embedder
from knowledge.rubric.model import shipped_rubric

RUBRIC = shipped_rubric()


def thing(clause: str, verb: str) -> str | None:
    start = clause.index(verb)
    found = changed_thing(clause, start, start + len(verb))
    return found.text if found is not None else None


def test_an_active_verb_after_a_person_changes_its_object() -> None:
    assert thing("we keep changing what the tutor should do", "changing") == "what the tutor should do"
    assert thing("they update the prices every week", "update") == "the prices"


def test_otherwise_the_words_before_the_verb_in_its_own_clause_are_what_changes() -> None:
    assert thing("the questions on the form change every season", "change") == "the questions on the form"
    clause = "teachers give feedback and the patient-facing style changes with every campaign"
    assert thing(clause, "changes") == "the patient-facing style"
    assert thing("our tech manuals get reissued with every release", "reissued") == "our tech manuals"


def test_a_person_with_no_object_names_no_thing() -> None:
    assert thing("we change every week", "change") is None
    assert thing("change every week", "change") is None


@cache
def matcher() -> OptionMatcher:
    return OptionMatcher(RUBRIC, get_onnx_embedder)


@cache
def extractor() -> RuleExtractor:
    return RuleExtractor(RUBRIC, matcher())


@pytest.mark.parametrize(
    ("phrase", "criterion"),
    [
        ("what the tutor should do", REQUIREMENTS),
        ("the questions on the form", REQUIREMENTS),
        ("the patient-facing conversation style", REQUIREMENTS),
        ("what it's checking for", REQUIREMENTS),
        ("our tech manuals", FACTS),
        ("the timetables", FACTS),
        ("the sanctions lists and regulatory guidance", FACTS),
    ],
)
def test_the_kind_of_thing_decides_the_criterion(phrase: str, criterion: str) -> None:
    assert ThingClassifier(matcher()).criterion(phrase) == criterion


def test_a_phrase_close_to_no_kind_is_left_undecided() -> None:
    assert ThingClassifier(matcher()).criterion("the weather in lisbon") is None


def test_a_changing_task_is_read_as_requirements_not_facts() -> None:
    found = extractor().extract("Teachers give feedback every week and we keep changing what the tutor should do.")
    assert found.answers.get("requirements_change") == "weekly" and "facts_change" not in found.answers
    found = extractor().extract("the questions on the form change every season")
    assert found.answers.get("requirements_change") == "monthly" and "facts_change" not in found.answers


def test_a_change_tied_to_a_recurring_event_has_a_pace() -> None:
    found = extractor().extract("The patient-facing conversation style changes with every campaign.")
    assert found.answers.get("requirements_change") == "weekly"
    found = extractor().extract("Our tech manuals get revised with every firmware drop.")
    assert found.answers.get("facts_change") == "weekly"


def test_what_changes_is_the_main_clauses_subject_not_a_noun_of_its_trigger() -> None:
    """"the scripts change whenever the clinical team updates their guidance": the guidance only
    sets the change off; the scripts (what the model is asked to do) change."""
    text = "The scripts for the conversation change whenever the clinical team updates their guidance."
    assert extractor().extract(text).answers == {"requirements_change": "weekly"}
    text = "The wording of the letters is redone every time legal sends over new guidance, about twice a month."
    found = extractor().extract(text).answers
    assert found.get("requirements_change") == "weekly" and "facts_change" not in found
    found = extractor().extract("The price list changes every time a supplier sends us a new quote.").answers
    assert found.get("facts_change") == "weekly" and "requirements_change" not in found


def test_stated_facts_still_read_as_facts_next_to_a_changing_task() -> None:
    text = "We keep changing what the tutor should do. Our facts change daily."
    found = extractor().extract(text).answers
    assert found.get("facts_change") == "daily" and found.get("requirements_change") == "weekly"


def test_a_container_is_cut_off_the_thing_it_holds() -> None:
    assert thing("the list of intents changes every sprint", "changes") == "intents"
    assert thing("our set of report fields changes monthly", "changes") == "report fields"


def test_a_person_s_verb_in_a_relative_clause_changes_the_noun_it_hangs_on() -> None:
    """"chat flows that we rewrite for every campaign": the verb has no object after it; what it
    changes is the noun before "that". With no person before the verb ("a base that stays
    frozen") the clause's own subject rules stay as they were."""
    clause = "the patient side needs chat flows that we rewrite for every campaign"
    assert thing(clause, "rewrite") == "needs chat flows"
    assert thing("so we want one shared base that stays frozen", "stays") == "frozen"
    assert thing("the prices which they update every day", "update") == "the prices"
    assert thing("we know that we rewrite the flows every week", "rewrite") == "the flows"


def test_what_looks_different_every_time_is_the_thing_that_changes() -> None:
    """No change verb: "look different" is the change, and what looks different is the thing."""
    text = "Analysts send one-off requests, and the report drafts they want look different every time."
    assert extractor().extract(text).answers.get("requirements_change") == "daily"
    text = "The structure they ask for is different with every request."
    assert extractor().extract(text).answers.get("requirements_change") == "daily"
