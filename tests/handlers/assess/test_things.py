"""What a statement of change says changes: the thing cut out by grammar (pure), and its kind
(knowledge, requirements, style) by similarity on the shipped ONNX model."""

from __future__ import annotations

from functools import cache

import pytest

from handlers.assess.extract import RuleExtractor
from handlers.assess.semantic import OptionMatcher
from handlers.assess.things import FACTS, REQUIREMENTS, ThingClassifier, changed_thing, is_the_model, shaped_for
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


def test_an_agent_s_verb_changes_its_object_not_the_agent() -> None:
    """"the regulator rewrites the filing rules": a subject that is no person but acts on an object
    is the agent; what changes is the object (after a person pronoun standing between: "sends us")."""
    assert thing("the regulator rewrites the filing rules each quarter", "rewrites") == "the filing rules"
    clause = 'every week marketing adds campaign-specific twists ("mention the spring sale")'
    assert thing(clause, "adds") == "campaign-specific twists"
    assert thing("the client sends us new brand guidelines every month", "sends") == "new brand guidelines"
    assert thing("the carriers revise their surcharges nearly every week", "revise") == "their surcharges"


def test_an_intransitive_change_verb_leaves_its_subject_as_the_thing() -> None:
    """An adverb, an amount, a preposition or a complement after the verb is no object."""
    assert thing("prices move a lot", "move") == "prices"
    assert thing("the rules shift all the time", "shift") == "the rules"
    assert thing("the docs grow quickly", "grow") == "the docs"
    assert thing("rates drop 5% a week", "drop") == "rates"
    assert thing("the catalogue grows by 200 items a week", "grows") == "the catalogue"
    assert thing("the rules stay the same", "stay") == "the rules"
    assert thing("the menu is rewritten the night before", "rewritten") == "the menu"


def test_a_negated_auxiliary_in_a_relative_clause_leaves_the_noun_it_hangs_on() -> None:
    clause = "QA scores every call against a fixed rubric that hasn't changed in three years"
    assert thing(clause, "changed") == "a fixed rubric"


def test_what_an_agent_acts_on_decides_the_criterion() -> None:
    """No subject list names "bylaws"; the council is who changes them, the bylaws what changes."""
    found = extractor().extract("The council amends the parking bylaws every month or so.").answers
    assert found.get("facts_change") == "monthly"
    found = extractor().extract("the regulator rewrites the filing rules each quarter").answers
    assert found.get("facts_change") == "monthly"


def test_a_task_rubric_unchanged_for_years_is_stable_requirements() -> None:
    text = "QA scores every call against a fixed rubric that hasn't changed in three years."
    found = extractor().extract(text).answers
    assert found.get("requirements_change") == "rarely" and "facts_change" not in found


def test_the_model_itself_is_no_thing_of_either_kind() -> None:
    assert is_the_model("a model") and is_the_model("the model")
    assert not is_the_model("what we want the model to do")
    text = "no one on the team does ML and we can't afford to redo a model every time the product changes"
    found = extractor().extract(text).answers
    assert "requirements_change" not in found and "facts_change" not in found
def test_what_looks_different_every_time_is_the_thing_that_changes() -> None:
    """No change verb: "look different" is the change, and what looks different is the thing."""
    text = "Analysts send one-off requests, and the report drafts they want look different every time."
    assert extractor().extract(text).answers.get("requirements_change") == "daily"
    text = "The structure they ask for is different with every request."
    assert extractor().extract(text).answers.get("requirements_change") == "daily"


def test_what_the_output_is_shaped_for_is_a_requirement() -> None:
    assert shaped_for("we reformat the result for each customer's ")
    assert shaped_for("the model writes the totals into the client's ")
    assert not shaped_for("we answer from the articles on our ")
    assert not shaped_for("our staff look things up in the supplier ")


def test_a_list_of_examples_decides_what_changes() -> None:
    found = extractor().extract("Somewhere a label gets revised almost every week (new interactions, dosing, etc.).")
    assert found.answers.get("facts_change") == "weekly" and "requirements_change" not in found.answers
    found = extractor().extract("A label gets revised almost every week (new categories, renamed queues).")
    assert found.answers.get("requirements_change") == "weekly" and "facts_change" not in found.answers
    found = extractor().extract("Funders amend eligibility (deadlines, budget caps, who may apply) every week or two.")
    assert found.answers.get("facts_change") == "weekly" and "requirements_change" not in found.answers


def test_a_place_the_output_is_shaped_for_changes_the_requirements() -> None:
    found = extractor().extract("We reformat the result for each customer's portal, which changes every week.")
    assert found.answers.get("requirements_change") == "weekly" and "facts_change" not in found.answers
    found = extractor().extract("We answer from the articles on our portal, which changes every week.")
    assert found.answers.get("facts_change") == "weekly" and "requirements_change" not in found.answers


def test_a_source_the_answers_come_from_changes_the_facts() -> None:
    found = extractor().extract(
        "We want answers from our order system and shipping rules, which change weekly."
    )
    assert found.answers.get("facts_change") == "weekly" and "requirements_change" not in found.answers
    # the rules an output must follow stay requirements, and so does a place the output is shaped for
    found = extractor().extract("The rules the letters must follow change weekly.")
    assert found.answers.get("requirements_change") == "weekly" and "facts_change" not in found.answers
    found = extractor().extract("We format the answers in our template, which changes every week.")
    assert found.answers.get("requirements_change") == "weekly" and "facts_change" not in found.answers


def test_a_bullet_before_the_subject_is_no_word_of_the_thing() -> None:
    assert thing("- what we ask for changes almost every week", "changes") == "what we ask for"
    assert thing("* the price list changes daily", "changes") == "the price list"
    # a hyphen inside a word stays: "re-usable"
    assert thing("our re-usable templates change weekly", "change") == "our re-usable templates"


@pytest.mark.parametrize("phrase", ["more offices", "new clients", "more stores and branches", "new markets"])
def test_the_units_the_operation_serves_are_its_scope(phrase: str) -> None:
    classifier = ThingClassifier(matcher())
    assert classifier.is_scope(phrase)


@pytest.mark.parametrize(
    ("phrase", "criterion"),
    [("new products", FACTS), ("new articles", FACTS), ("new categories", REQUIREMENTS)],
)
def test_new_content_or_new_labels_are_no_scope(phrase: str, criterion: str) -> None:
    classifier = ThingClassifier(matcher())
    assert not classifier.is_scope(phrase) and classifier.criterion(phrase) == criterion


def test_what_we_ask_for_changing_in_a_bullet_is_requirements() -> None:
    said = "- HR team of 6\n- what we ask for changes almost every week depending on what's going on"
    found = extractor().extract(said)
    assert found.answers.get("requirements_change") == "weekly" and "facts_change" not in found.answers


def test_adding_offices_or_clients_is_no_change_of_facts() -> None:
    said = "We'd like to keep twelve cheap tunings on a single model and add more offices later quickly."
    assert "facts_change" not in extractor().extract(said).answers
    assert "facts_change" not in extractor().extract("We onboard a few new clients every month.").answers


def test_new_ones_stand_for_what_was_said_before_not_for_scope() -> None:
    classifier = ThingClassifier(matcher())
    assert not classifier.is_scope("a few dozen new ones") and not classifier.is_scope("more of them")
    said = "Associates ask questions over our memo archive - about 9,000 memos, a few dozen new ones every week."
    assert extractor().extract(said).answers.get("facts_change") == "weekly"


def test_a_team_that_rewrites_is_an_agent_not_scope() -> None:
    classifier = ThingClassifier(matcher())
    assert not classifier.is_scope("our communications team") and not classifier.is_scope("the offices")
    said = "patients get conversation scripts that our communications team rewrites every couple of weeks"
    assert extractor().extract(said).answers.get("requirements_change") == "weekly"


def test_adding_content_is_still_a_change_of_facts() -> None:
    assert extractor().extract("We add new products every week.").answers.get("facts_change") == "weekly"
    said = "We have 40,000 policy documents, and new endorsements come out every week."
    assert extractor().extract(said).answers.get("facts_change") == "weekly"
    said = "We add more hotels to our listings every week."
    assert extractor().extract(said).answers.get("facts_change") == "weekly"
