"""A parenthesis of examples inside a statement of change: read past, and what its items say
changes (pure)."""

from __future__ import annotations

from handlers.assess.change_asides import REQUIREMENTS, aside_kind, examples, with_asides, without_asides
from handlers.assess.things import FACTS


def never(_: str) -> bool:
    return False


def test_the_clauses_a_parenthesis_spans_are_joined_and_it_is_left_out() -> None:
    clauses = [
        (0, "the editors rework that template (sections"),
        (45, "headings"),
        (55, "word limits) almost every issue"),
    ]
    ((offset, clause, left_out),) = without_asides(clauses, never)
    assert offset == 0 and clause == "the editors rework that template almost every issue"
    assert left_out == ("sections, headings, word limits",)


def test_a_parenthesis_that_states_a_pace_or_a_remark_is_kept() -> None:
    said = [(0, "our prices (updated daily, sometimes hourly) matter")]
    assert without_asides(said, lambda a: "daily" in a) == [(0, said[0][1], ())]
    said = [(0, "it reflects the current label (we have 20k notes) and new readouts")]
    assert without_asides(said, never) == [(0, said[0][1], ())]


def test_the_examples_of_a_recurring_event_are_left_out_but_name_no_thing() -> None:
    said = [(0, "chat flows that we rewrite for every campaign (flu season"), (60, "a new programme)")]
    assert without_asides(said, never) == [(0, "chat flows that we rewrite for every campaign", ())]


def test_a_clause_with_no_parenthesis_is_unchanged() -> None:
    assert without_asides([(0, "a"), (3, "b")], never) == [(0, "a", ()), (3, "b", ())]


def test_examples_are_a_list_of_noun_phrases() -> None:
    assert examples("new interactions, dosing in renal impairment, etc.") == [
        "new interactions",
        "dosing in renal impairment",
    ]
    assert examples("e.g. title length and banned words") == ["title length", "banned words"]


def test_a_remark_or_a_single_item_lists_no_examples() -> None:
    assert examples("we think") == []
    assert examples("see below, page 3") == []
    assert examples("mostly dosing") == []
    assert examples("which is annoying because it breaks the whole pipeline every time, honestly") == []


def kind(aside: str) -> str | None:
    return aside_kind(with_asides("a label gets revised weekly", (aside,)))


def test_contents_listed_make_the_change_one_of_facts() -> None:
    assert kind("new interactions, dosing in renal impairment, etc.") == FACTS
    assert kind("excess amounts, exclusions, claim limits") == FACTS
    assert kind("deadlines, budget caps, who may apply") == FACTS


def test_parts_of_a_form_or_of_the_rules_make_it_one_of_requirements() -> None:
    assert kind("sections, headings, word limits") == REQUIREMENTS
    assert kind("title length, banned words, bullet count") == REQUIREMENTS
    assert kind("new fields, a different order") == REQUIREMENTS
    assert kind("new categories, merged queues") == REQUIREMENTS
    assert kind("the list of themes plus how to apply them") == REQUIREMENTS


def test_no_list_or_a_tie_decides_nothing() -> None:
    assert kind("we think") is None
    assert kind("new fields, new prices") is None
    assert aside_kind("a label gets revised weekly") is None
