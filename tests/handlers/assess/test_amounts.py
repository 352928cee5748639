"""Number-free amounts of past material: the quantifier and its phrase (pure), whether the phrase
names the task's own records, and the reading through the extractor (with the shipped encoder)."""

from __future__ import annotations

from functools import cache

import pytest

from handlers.assess.amounts import AMOUNT, find_amounts, past_material, restated_count
from handlers.assess.extract import RuleExtractor
from handlers.assess.patterns import compile_patterns
from handlers.assess.semantic import OptionMatcher
from knowledge.embeddings import get_onnx_embedder
from knowledge.rubric.model import shipped_rubric

RUBRIC = shipped_rubric()
CUE = compile_patterns(RUBRIC).cues["labelled_examples"]


def no_veto(phrase: str) -> bool:
    return False


def records(clause: str) -> list[str]:
    """The phrases of `clause`'s amounts that name past material (no encoder veto)."""
    return [a.phrase for a in find_amounts(clause) if past_material(a, clause, CUE, no_veto)]


@cache
def extractor() -> RuleExtractor:
    return RuleExtractor(RUBRIC, OptionMatcher(RUBRIC, get_onnx_embedder))


def test_the_phrase_of_an_amount_runs_to_the_end_of_its_clause() -> None:
    (amount,) = find_amounts("we have decades of inspection reports, all on paper")
    assert amount.phrase == "inspection reports"


@pytest.mark.parametrize(
    "clause",
    [
        "we have years of audit workpapers",
        "there is a mountain of resolved tickets in the old system",
        "our firm has 30 years of granted claims",
        "we kept the last ten years of decision letters",
        "a decade's worth of call transcripts",
        "a big archive of patient letters",
        "we have a huge labelled history",
        "tons of answered questions from the forum",
    ],
)
def test_an_amount_of_the_tasks_records_is_read(clause: str) -> None:
    assert records(clause)


@pytest.mark.parametrize(
    "clause",
    [
        "we have been 30 years in business",
        "we have a huge budget",
        "we have years of experience",
        "years of maintenance manuals",
        "we get tons of emails",
        "tons of tickets come in every day",
        "a pile of reports to write",
        "tons of use cases",
    ],
)
def test_no_records_arriving_or_ahead_is_no_amount_of_examples(clause: str) -> None:
    assert not records(clause)


def test_the_encoder_vetoes_phrases_that_name_other_things() -> None:
    (amount,) = find_amounts("tons of existing customers")
    assert not past_material(amount, "tons of existing customers", CUE, lambda phrase: True)
    assert past_material(amount, "tons of existing customers", CUE, no_veto)


def test_the_extractor_reads_an_amount_as_thousands_of_examples() -> None:
    found = extractor().extract("Our firm has 30 years of granted claims drafted in our house style.").answers
    assert found.get("labelled_examples") == AMOUNT


def test_an_amount_of_other_things_is_no_count() -> None:
    assert "labelled_examples" not in extractor().extract("We have tons of existing customers.").answers


def test_a_stated_count_beats_an_amount() -> None:
    text = "We have decades of support tickets; about 5k of them are labelled."
    assert extractor().extract(text).answers.get("labelled_examples") == 5000


def test_a_number_restating_the_amount_is_its_count() -> None:
    (inside,) = find_amounts("years of audit workpapers (about 8k)")
    assert restated_count(inside, "years of audit workpapers (about 8k)") is not None
    (ending,) = find_amounts("we have five years of coded lines")
    count = restated_count(ending, "we have five years of coded lines", "call it 50,000")
    assert count is not None and count.value == 50_000
    assert restated_count(ending, "we have five years of coded lines", "2 ML engineers") is None
    assert restated_count(ending, "we have five years of coded lines", "2 of us") is None


def test_the_extractor_reads_the_restated_count_over_the_amount() -> None:
    text = "We have five years of coded lines, call it 50,000, and two ML engineers."
    assert extractor().extract(text).answers.get("labelled_examples") == 50_000
