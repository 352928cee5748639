"""Labelled noun phrases after a count (handlers/assess/labelled_counts.py), alone and through the
rule-based extractor (no embedding matcher: the rules' readings)."""

from __future__ import annotations

import pytest

from handlers.assess.extract import RuleExtractor
from handlers.assess.labelled_counts import labelled_phrase, labels_them, outcome_given
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


@pytest.mark.parametrize(
    "after",
    [
        " logged intervals already coded",  # the domain's noun, a participle of coding after "already"
        " inspections, each one graded by a senior engineer",
        " shipments that were all classified by the dispatchers",
        " tickets are categorised",
        " emails marked as spam by the agents",
        " visits triaged by hand",
    ],
)
def test_a_judging_participle_after_the_counted_phrase_labels_it(after: str) -> None:
    assert labelled_phrase(after)


@pytest.mark.parametrize(
    "after",
    [
        " intervals still to be coded",  # not done
        " intervals not yet classified",
        " events we need classified",  # a wish, with a subject of its own
        " intervals logged a year",  # a count with no outcome: logging is storage, no judgement
        " tickets that need to be tagged",
        " intervals recorded by the rig",
    ],
)
def test_a_predicate_that_is_no_judgement_done_is_not_read(after: str) -> None:
    assert not labelled_phrase(after)


@pytest.mark.parametrize(
    "after",
    [
        " events with confirmed causes",
        " calls with their final resolution",
        " jobs with the right answer",
        " outages, each with its root cause",
        " visits where the vet recorded the diagnosis",
        " events whose cause was confirmed",
    ],
)
def test_a_counted_phrase_with_its_outcome_is_labelled(after: str) -> None:
    assert outcome_given(after)


@pytest.mark.parametrize(
    "after",
    [
        " events with no causes",
        " events with unknown causes",
        " pages of protocols",  # documents, the knowledge itself
        " products with photos",  # something attached, no outcome
        " customers with accounts",
        " chats with human agents",  # who took part, no outcome
        " devices with known issues",
        " sites where we work",
        " products with verified prices",  # what an item has: a catalogue, no task's output
        " suppliers with confirmed addresses",
        " orders with assigned drivers",
    ],
)
def test_a_counted_phrase_without_an_outcome_is_not_labelled(after: str) -> None:
    assert not outcome_given(after)


@pytest.mark.parametrize(
    "clause", ["each one graded by a senior engineer", "they were all coded", "and each with its resolution code"]
)
def test_a_following_clause_that_refers_back_and_labels_them(clause: str) -> None:
    assert labels_them(clause)


@pytest.mark.parametrize(
    "clause",
    [
        "which nobody has labelled",
        "each one still to be coded",
        "the manual was graded last year",  # no word that refers back to the counted things
        "they were logged by the rig",
    ],
)
def test_a_following_clause_that_labels_nothing_counted(clause: str) -> None:
    assert not labels_them(clause)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("About 25k logged intervals already coded.", 25000),
        ("We have ~100k events with confirmed causes and a stable taxonomy.", 100000),
        ("We hold roughly 40k inspections, each one graded by a senior engineer.", 40000),
    ],
)
def test_the_extractor_reads_counts_told_in_the_domain_nouns(text: str, count: int) -> None:
    assert dict(X.extract(text).answers).get("labelled_examples") == count


@pytest.mark.parametrize(
    "text",
    [
        "Our loggers record about 25k intervals a year.",
        "The SCADA system records roughly 80k alarm events, but nobody has written down their causes.",
        "We have 600 pages of protocols.",
    ],
)
def test_the_extractor_reads_no_labelled_count_without_an_outcome(text: str) -> None:
    assert "labelled_examples" not in dict(X.extract(text).answers)
