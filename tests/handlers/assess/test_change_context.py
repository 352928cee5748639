"""Clauses read together: a tail joins its clause, a pronoun takes the subject named before, a
trigger is masked, an object pronoun names its antecedent (phrase rules only)."""

from __future__ import annotations

from handlers.assess.change_context import MASKED_TRIGGER, ChangeContext, agreeing, plural
from handlers.assess.changes import ChangeReader
from handlers.assess.patterns import compile_patterns
from handlers.assess.text_cues import split_clauses
from knowledge.rubric.model import shipped_rubric

RUBRIC = shipped_rubric()
CONTEXT = ChangeContext(ChangeReader(RUBRIC, compile_patterns(RUBRIC)))


def joined(text: str) -> list[str]:
    return [clause for _, clause in CONTEXT.join(split_clauses(text))]


def test_a_tail_joins_the_clause_before_it() -> None:
    assert joined("the council updates those pages, roughly monthly") == [
        "the council updates those pages, roughly monthly"
    ]


def test_a_pronoun_subject_is_the_subject_named_before() -> None:
    said = "we answer from 40 product manuals. they change maybe quarterly"
    assert joined(said)[-1] == "manuals change maybe quarterly"


def test_a_trigger_is_masked() -> None:
    assert joined("the scripts change whenever the clinical team updates their guidance") == [
        f"the scripts change whenever {MASKED_TRIGGER}"
    ]


def test_an_object_pronoun_names_its_antecedent() -> None:
    (clause,) = joined("revops owns the price sheets and changes them constantly")
    assert " them " not in clause and clause.endswith("changes price constantly")


def test_the_last_items_of_a_list_join_the_clause_so_a_pace_after_them_is_its_own() -> None:
    said = "the records change as items are acquired, loaned out or re-identified, several times a week"
    assert joined(said) == [said]


def test_a_short_clause_that_closes_no_list_stays_apart() -> None:
    # no coordinator: a clause of its own, not the end of a list
    assert joined("prices are on the wiki, nobody reads it, roughly monthly")[:2] == [
        "prices are on the wiki",
        "nobody reads it, roughly monthly",
    ]


def test_a_pronoun_agrees_in_number_with_its_antecedent() -> None:
    said = "our lab's wiki has 600 pages of protocols, booking rules and safety notes, and people edit it constantly"
    assert joined(said)[-1] == "and people edit wiki constantly"
    # a plural pronoun takes the plural noun, even when a singular one was named last
    said = "we answer from the fee tables, and the handbook, and finance edits them weekly"
    assert joined(said)[-1] == "and finance edits tables weekly"


def test_number_of_a_noun_and_agreement() -> None:
    assert plural("safety notes") and plural("policies") and not plural("wiki")
    assert not plural("news") and not plural("status") and not plural("the class")
    assert agreeing("it", ["wiki", "pages", "rules"]) == "wiki"
    assert agreeing("they", ["wiki", "pages", "handbook"]) == "pages"
    assert agreeing("which", ["wiki", "rules"]) == "rules"
    assert agreeing("it", ["rules", "notes"]) == "notes"  # none agrees: the last one named
