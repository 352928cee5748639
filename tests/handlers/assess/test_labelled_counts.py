"""Labelled noun phrases after a count (handlers/assess/labelled_counts.py), alone and through the
rule-based extractor (no embedding matcher: the rules' readings)."""

from __future__ import annotations

import pytest

from handlers.assess.extract import RuleExtractor
from handlers.assess.labelled_counts import labelled_phrase
from knowledge.rubric.model import shipped_rubric

X = RuleExtractor(shipped_rubric())


@pytest.mark.parametrize(
    "after",
    [
        " transcribed nurse calls labelled with the triage outcome",
        " scanned delivery notes annotated by the clerks",
        " old chats tagged by intent",
        "k support emails hand-labelled last year",
    ],
)
def test_a_labelling_word_a_few_words_on_governs_the_count(after: str) -> None:
    assert labelled_phrase(after)


@pytest.mark.parametrize(
    "after",
    [
        " tickets and we labelled none of them",  # a clause of its own
        " calls a day which nobody has labelled",
        " pages of policy text from the regulator, all of it labelled",  # too far: not the phrase's word
        " labelled examples",  # right after the number: the cue search's case, not this one
    ],
)
def test_a_labelling_word_outside_the_counted_phrase_is_not_read(after: str) -> None:
    assert not labelled_phrase(after)


def test_the_extractor_reads_a_long_labelled_phrase_as_labelled_examples() -> None:
    found = dict(X.extract("We have 25k transcribed nurse calls labelled with the triage outcome.").answers)
    assert found.get("labelled_examples") == 25000
