"""A rule-like thing that changes is placed by its role: followed by the output (requirements) or
asked about (facts) (pure, with the shipped rubric's subject lists; no embedding model)."""

from __future__ import annotations

import pytest

from handlers.assess.changes import ChangeReader
from handlers.assess.extract import RuleExtractor
from handlers.assess.patterns import Candidate, compile_patterns
from handlers.assess.thing_roles import placed_by_role, role_kind
from handlers.assess.things import FACTS, REQUIREMENTS
from knowledge.rubric.model import shipped_rubric

RUBRIC = shipped_rubric()
SUBJECTS = ChangeReader(RUBRIC, compile_patterns(RUBRIC)).subjects
X = RuleExtractor(RUBRIC)


def kind(text: str, snippet: str) -> str | None:
    return role_kind(text, text.index(snippet), snippet, SUBJECTS)


@pytest.mark.parametrize(
    ("text", "snippet"),
    [
        # an obligation to apply the noun hangs on it
        ("the scoring criteria the assistant has to apply are reworked every month.", "criteria"),
        ("qa updates the list of points every summary has to cover every two weeks.", "list of points"),
        ("the guidelines our writers must follow are revised monthly.", "guidelines"),
        # a noun that prescribes whatever it lists
        ("each client's checklist is rewritten whenever they renew.", "checklist is rewritten"),
        ("every couple of weeks a client sends fresh do's and don'ts for their releases.", "do's and don'ts"),
        # a modifier naming the task's own work
        ("our annotation guidelines haven't changed in three years.", "guidelines haven't changed"),
        # a bare noun or a pronoun taking up the prescriptions before it
        (
            "each client has its own voice and its own do's and don'ts, and they send us updated guidelines weekly.",
            "guidelines weekly",
        ),
        ("managers hand us their must-haves and deal-breakers, and they redo those lists often.", "lists often"),
        ("each clinic wants its own greeting and wording. and that changes with every contract.", "that changes"),
    ],
)
def test_what_the_output_must_follow_is_a_requirement(text: str, snippet: str) -> None:
    assert kind(text, snippet) == REQUIREMENTS


@pytest.mark.parametrize(
    ("text", "snippet"),
    [
        # one item of a list of facts
        ("hours, stock and return rules change every day.", "rules change every day"),
        ("members ask about timetables, membership fees and the cancellation rules.", "rules"),
        # what people ask about, in its sentence or the one before
        ("staff keep asking what the expense rules allow. finance updates those rules monthly.", "rules monthly"),
        ("customers message us about the baggage rules, which change weekly.", "rules, which"),
    ],
)
def test_what_people_ask_about_is_a_fact(text: str, snippet: str) -> None:
    assert kind(text, snippet) == FACTS


@pytest.mark.parametrize(
    ("text", "snippet"),
    [
        # a content modifier and no role: the list's own kind stands
        ("the pharmacy committee updates the dosing guidelines every two weeks.", "guidelines"),
        ("our supplier sends us updated price lists every week.", "lists every week"),
        # a pronoun whose sentence names facts, not prescriptions
        ("the docs we answer from keep growing, and we update those weekly.", "those weekly"),
        # no rule-like noun at all
        ("our prices change daily.", "prices change daily"),
        # an obligation on a noun with a content modifier: knowledge the output must reflect
        ("the treatment guidelines it has to follow are revised every week.", "guidelines it has"),
        # a determiner or a relative "that" is no pronoun standing for what changes
        ("our tone is fixed, but those drug details change weekly.", "those drug details change weekly"),
        ("we keep a strict layout; the details come from a formulary that pharmacy revises weekly.", "that pharmacy"),
    ],
)
def test_a_noun_given_no_role_keeps_its_kind(text: str, snippet: str) -> None:
    assert kind(text, snippet) is None


def test_what_the_answers_cite_is_a_fact() -> None:
    text = "the coding guidelines are revised quarterly, and coders need to see which guideline line supports a code."
    assert kind(text, "guidelines are revised quarterly") == FACTS
    assert kind("the coding guidelines are revised quarterly.", "guidelines are revised quarterly") == REQUIREMENTS


def test_an_ask_about_other_things_does_not_make_a_rule_a_fact() -> None:
    text = "customers ask about delivery. the style rules our writers must follow change weekly."
    assert kind(text, "rules our") == REQUIREMENTS


def test_a_compound_cut_after_its_modifier_takes_its_head() -> None:
    text = "the marketplace keeps changing its listing requirements - title length - every week."
    assert kind(text, "keeps changing its listing") == REQUIREMENTS
    assert kind("they keep changing its listing, every week.", "keep changing its listing") is None


def test_a_snippet_joined_with_its_context_finds_its_noun_in_the_text() -> None:
    text = "members ask about fees and the cancellation rules, and all of those change weekly."
    # the frequency pass reads a joined clause that stands nowhere in the text as it is
    assert role_kind(text, text.index("all of those"), "rules change weekly", SUBJECTS) == FACTS


def test_only_facts_and_requirements_readings_are_placed_again() -> None:
    text = "hours, stock and return rules change every day."
    other = Candidate("budget", "low", 0, 5, "hours")
    read = Candidate(REQUIREMENTS, "daily", text.index("rules"), 22, "rules change every day")
    assert placed_by_role(text, [other, read], SUBJECTS) == [
        other,
        Candidate(FACTS, "daily", read.start, 22, read.snippet),
    ]


def test_the_extractor_reads_the_role() -> None:
    answers = X.extract("Hours, stock and return rules change every day.").answers
    assert answers.get("facts_change") == "daily" and "requirements_change" not in answers
    answers = X.extract("The scoring guidelines the assistant has to apply are reworked nearly every month.").answers
    assert answers.get("requirements_change") == "monthly" and "facts_change" not in answers
    answers = X.extract("Our dosing guidelines are updated every week.").answers
    assert answers.get("facts_change") == "weekly"
