"""Whether a count is of outputs people made or of inputs paired with their answers: the grammar
around the counted noun phrase, however long it is, whatever its noun."""

from __future__ import annotations

import pytest

from handlers.assess.extract import RuleExtractor
from handlers.assess.made_counts import made_count, noun_phrase, paired_count, phrase_tail, reworked_count
from knowledge.rubric.model import shipped_rubric


def _labelled(text: str) -> object:
    return RuleExtractor(shipped_rubric()).extract(text).answers.get("labelled_examples")


@pytest.mark.parametrize(
    "tail",
    [
        " old grant proposals we wrote ourselves",  # a pronoun subject
        " refund decisions they've approved",
        " logged replies that dispatchers corrected",  # a bare plural noun of people
        " scanned forms our clerks have checked",
        " hours of transcribed interviews",  # an amount of recorded output
        " quotes they priced by hand",  # any verb done by hand
        " menu cards we translated in-house",  # "in-house" is no particle ("checked in with")
    ],
)
def test_outputs_made_by_people_of_any_wording(tail: str) -> None:
    assert made_count(tail, "we have ")


@pytest.mark.parametrize(
    "tail",
    [
        " customers that we checked in with",  # a phrasal verb, and people who send the inputs
        " users we verified",
        " tickets and we labelled none",  # a new clause
        " hours of podcasts",
        " stores in the region",
    ],
)
def test_no_made_outputs(tail: str) -> None:
    assert not made_count(tail, "we have ")


@pytest.mark.parametrize(
    "tail",
    [
        " old chat logs with the agent's chosen intent recorded",  # a labelling participle ends the phrase
        " bug reports in jira with the commits that resolved them",
        " unit tests in our repo with the functions they exercise",
        " sql queries with the business questions they answer",
        " product photos paired with their catalogue text",
    ],
)
def test_inputs_with_what_answers_them(tail: str) -> None:
    # "with the commits that resolved them" and "functions they exercise": the relative clause of the
    # thing paired says what answers what; "exercise" is no verb of answering
    assert paired_count(tail) == ("exercise" not in tail and "resolved them" not in tail)


@pytest.mark.parametrize(
    "tail", [" customers with their own accounts", " members with the app installed", " forms with a name filled"]
)
def test_things_with_something_of_their_own_are_no_pairs(tail: str) -> None:
    assert not paired_count(tail)


@pytest.mark.parametrize(
    ("tail", "paired"),
    [
        (" documents with verified extractions", True),  # an output people judged
        (" forms with the checked field values our clerks keyed in", True),
        (" contracts with reviewed extractions from our paralegals", True),
        (" call transcripts with signed-off notes", True),
        (" listings with the corrected outputs our data team produced", True),
        (" invoices with the extracted line items", True),
        (" purchase orders with the buyer's delivery address", False),  # a field of the record itself
        (" orders with expected delivery dates", False),
        (" contracts with reference numbers", False),
    ],
)
def test_inputs_with_a_judged_output(tail: str, paired: bool) -> None:
    assert paired_count(tail) is paired


def test_documents_are_pairs_only_when_people_reworked_them() -> None:
    assert reworked_count(" handbook pages our editors simplified", "we have ")
    assert reworked_count(" leaflets", "our volunteers have translated about ")
    assert not reworked_count(" pages our team wrote", "we have ")
    assert not reworked_count(" policies our lawyers reviewed", "we have ")
    assert not reworked_count(" pages our team typed by hand", "we have ")


def test_the_counted_phrase_runs_past_the_window_up_to_the_next_number() -> None:
    clause = "we hold 900k anonymised adult chest x-ray finding-to-impression pairs from 3 sites"
    end = clause.index("900k") + 4
    tail = phrase_tail(clause[end : end + 20], clause, end)
    assert tail == " anonymised adult chest x-ray finding-to-impression pairs from "
    assert noun_phrase(tail) == "anonymised adult chest x-ray finding-to-impression pairs"
    assert phrase_tail(" other words", clause, end) == " other words"  # not the clause's own text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We keep about 1,200 safety policies our lawyers wrote.", None),  # documents written are knowledge
        ("We have about 9,000 board minutes our secretaries drafted.", 9000),
        ("There are some 14k meter readings that engineers verified by hand.", 14000),
        ("We hold about 600k de-identified outpatient letter to discharge summary pairs.", 600000),
        ("We have around 25,000 old support threads with the engineer's root cause noted.", 25000),
        ("Our volunteers have translated about 3,000 leaflets into Polish.", 3000),
        ("We have 300 pages of manuals our team wrote.", None),  # documents written are knowledge
        ("We serve 2,000 customers and 45 vet practices.", None),
        ("We have 100k documents with verified extractions.", 100000),  # documents paired with a judged output
        ("We hold 40,000 purchase orders with the buyer's delivery address.", None),
        ("We get 40k questions a day across 4 shops.", None),
    ],
)
def test_counts_read_as_labelled_examples(text: str, expected: int | None) -> None:
    assert _labelled(text) == expected
