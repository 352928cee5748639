"""Counted things the team calls the output it wants are gold outputs, whatever their noun."""

from __future__ import annotations

import pytest

from handlers.assess.extract import RuleExtractor
from handlers.assess.gold_counts import said_to_be_gold
from knowledge.rubric.model import shipped_rubric

X = RuleExtractor(shipped_rubric())


@pytest.mark.parametrize(
    "after",
    [
        ", which are exactly what a good result looks like",
        " posts, and every one of them is the kind of copy we want",
        " reports; all of them are what the editors want",
        ", and each one is precisely what an ideal answer should look like",
        " briefs, which represent what we need",
    ],
)
def test_a_clause_equating_the_counted_things_with_the_wanted_output(after: str) -> None:
    assert said_to_be_gold(after)


@pytest.mark.parametrize(
    "after",
    [
        " support emails a month, which is what we want to automate",  # a wish, no equation
        " products, which are what customers ask about",  # someone else's wants
        " pages, and they are exactly what customers need",
        " tickets, and our editors want shorter replies",  # no word refers back to the count
        "",
    ],
)
def test_other_clauses_after_a_count_are_no_vouching(after: str) -> None:
    assert not said_to_be_gold(after)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("We have 15 years of published items, over 200k, which are exactly what a good result looks like.", 200_000),
        # the vouching clause after the clause of the count ("around 90k" | "and every one ...")
        ("There are years of intros online, around 90k, and every one of them is the kind of output we want.", 90_000),
    ],
)
def test_the_extractor_reads_vouched_things_as_labelled_examples(text: str, count: int) -> None:
    assert X.extract(text).answers.get("labelled_examples") == count


def test_a_vouched_rate_or_an_unvouched_count_is_no_labelled_count() -> None:
    for text in (
        "We get 40k support emails a month, and each one is what we want to automate.",
        "We sell 30k products, which are what customers ask about.",
    ):
        assert "labelled_examples" not in X.extract(text).answers
