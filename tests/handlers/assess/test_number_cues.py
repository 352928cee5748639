"""What a number is about: the noun phrase a denying quantifier governs."""

from __future__ import annotations

import pytest

from handlers.assess.extract import RuleExtractor
from handlers.assess.number_cues import counts_things, denied_phrase
from handlers.assess.numbers import find_numbers
from knowledge.rubric.model import shipped_rubric


@pytest.mark.parametrize(
    ("after", "phrase"),
    [
        (" labelled q&a pairs and it can give us one developer", " labelled q&a pairs"),
        (" past question-answer pairs we could use", " past question-answer pairs"),
        (" labelled example of anything", " labelled example"),
        (" budget, and 5k tickets", " budget"),
    ],
)
def test_the_phrase_ends_at_a_new_statement_or_punctuation(after: str, phrase: str) -> None:
    assert denied_phrase(after) == phrase


@pytest.mark.parametrize(
    "after", [" records can leave the building", " tickets are lost", " more than 200 examples", " 5k examples", ""]
)
def test_a_predicate_or_a_comparison_is_no_denied_quantity(after: str) -> None:
    assert denied_phrase(after) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We run shops in 9 regions and they get restocked by reviewed suppliers.", None),
        ("We have 4,000 tickets and they are all labelled.", 4000),
        ("We have 3,000 support emails our agents tagged.", 3000),
    ],
)
def test_a_count_is_labelled_only_by_words_of_its_own_noun_phrase(text: str, expected: int | None) -> None:
    assert RuleExtractor(shipped_rubric()).extract(text).answers.get("labelled_examples") == expected


def test_a_number_that_measures_counts_no_things() -> None:
    def counts(clause: str) -> bool:
        num = find_numbers(clause)[0]
        return counts_things(num, clause[: num.start], clause[num.end :], clause)

    assert counts("we have 8k menus our chefs wrote")
    assert not counts("about 20% of the menus")
    assert not counts("2M calls a day")
    assert not counts("we need it in 3 weeks")
    assert not counts("12 examples in the prompt")
    assert not counts("300 pages our team wrote")  # documents are knowledge
