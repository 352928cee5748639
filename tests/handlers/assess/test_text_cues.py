"""Text cues of the rule-based extractor: inflection, clauses, negation, rates and wishes."""

from __future__ import annotations

import re

import pytest

from handlers.assess.text_cues import (
    RATE,
    WISH,
    inflected,
    negated,
    normalise,
    split_clauses,
    split_statements,
    word,
)


@pytest.mark.parametrize(
    ("verb", "forms", "not_forms"),
    [
        ("revise", ["revise", "revises", "revised", "revising"], ["revisal"]),
        ("update", ["updates", "updated", "updating"], ["updater"]),
        ("modify", ["modifies", "modified", "modifying"], ["modifys"]),
        ("publish", ["publishes", "published", "publishing"], ["publisher"]),
    ],
)
def test_inflected_reads_regular_forms_only(verb: str, forms: list[str], not_forms: list[str]) -> None:
    pattern = word(inflected(verb))
    assert all(pattern.fullmatch(f) for f in forms)
    assert not any(pattern.fullmatch(f) for f in not_forms)


def test_split_clauses_keeps_a_which_clause_with_its_subject() -> None:
    text = "the handbook, which legal revises weekly, is the source; no ml people"
    assert [c for _, c in split_clauses(text)] == [
        "the handbook, which legal revises weekly",
        "is the source",
        "no ml people",
    ]


def statements(text: str) -> list[str]:
    found = split_statements(split_clauses(text))
    assert all(text[o : o + len(c)] == c for o, c in found)  # offsets still point into the text
    return [c for _, c in found]


def test_an_and_before_a_new_subject_or_an_auxiliary_starts_a_new_statement() -> None:
    assert statements("nobody on staff knows machine learning and there's basically zero money") == [
        "nobody on staff knows machine learning",
        "there's basically zero money",
    ]
    assert statements("two ml engineers in house and a decent gpu budget") == [
        "two ml engineers in house",
        "a decent gpu budget",
    ]
    assert statements("the model reads scanned forms and has to run on our own servers") == [
        "the model reads scanned forms",
        "has to run on our own servers",
    ]
    assert statements("we have 12k examples and nobody on the team. the rest and our docs are fine") == [
        "we have 12k examples",
        "nobody on the team",
        "the rest and our docs are fine",  # too short a side: a list, not two statements
    ]


def test_an_and_that_joins_words_or_refers_back_keeps_the_clause_whole() -> None:
    for text in (
        "prices and delivery slots change daily",  # no starter: a list of nouns
        "revops owns the price sheets and changes them constantly",  # a verb: the same subject acts again
        "we tried a hosted model and it was mostly fine",  # "it" needs what it refers to
        "leave, expenses and benefits",
    ):
        assert statements(text) == [c for _, c in split_clauses(text)]


def test_negation_rates_and_wishes() -> None:
    assert negated("we don't have ") and not negated("we have ")
    # a denied subject narrowed by where it sits
    assert negated("nobody in finance or legal has any ")
    assert negated("no one at the agency knows ")
    assert negated("none of the people on our support desk have ")
    assert not negated("somebody in finance has ")
    assert RATE.search("400k new listings ") and not RATE.search("docs change 3 times ")
    assert WISH.search("we'd like a tuned prompt") and not WISH.search("the prompt works")
    assert isinstance(word("x"), re.Pattern)


def test_normalise_restores_the_apostrophe_of_a_bare_negative_contraction() -> None:
    assert normalise("We DONT have data, cant pay, it wont move, isnt it") == (
        "we don't have data, can't pay, it won't move, isn't it"
    )
    # only whole contractions: other words ending in -nt, and longer words, stay as typed
    assert normalise("we want the agent's count, donts and cants") == "we want the agent's count, donts and cants"
    assert normalise("\u2018it\u2019s\u2019 \u201cok\u201d") == "'it's' \"ok\""


def test_normalise_joins_the_prefix_non_to_its_word_keeping_offsets() -> None:
    text = "Accuracy is non negotiable and the team is non technical"
    assert normalise(text) == "accuracy is non-negotiable and the team is non-technical"
    assert len(normalise(text)) == len(text)
    assert normalise("non of it, non. ok") == "non of it, non. ok"  # not before a short word or a stop


def test_normalise_makes_an_intensified_every_plain() -> None:
    assert normalise("Prices change every single day") == "prices change every day"
    assert normalise("each and every week, every last release") == "every week, every release"
    assert normalise("a single day, every day") == "a single day, every day"  # no intensifier: unchanged


def test_normalise_spells_the_have_of_possession_out_and_leaves_the_auxiliary() -> None:
    assert normalise("We've no labelled data and they've about 8k tickets") == (
        "we have no labelled data and they have about 8k tickets"
    )
    assert normalise("we've tried prompting, we've got data") == "we've tried prompting, we've got data"


def test_a_compound_of_an_irregular_verb_takes_its_irregular_forms() -> None:
    import re

    redo = re.compile(r"(?:" + inflected("redo") + r")$")
    assert all(redo.match(w) for w in ("redo", "redoes", "redid", "redone", "redoing"))
    rewrite = re.compile(r"(?:" + inflected("rewrite") + r")$")
    assert rewrite.match("rewritten") and rewrite.match("rewrote") and rewrite.match("rewrites")
    assert inflected("revise") == "revise[sd]?|revising"  # a regular verb is as before
    assert "done" not in inflected("do")  # the bare verb is no compound: "do" states no change
