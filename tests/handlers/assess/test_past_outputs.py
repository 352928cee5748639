"""Counts of the task's own past outputs (handlers.assess.past_outputs), and the strict forms named
as standards, templates or ERP formats (rubric synonyms of output_format: strict)."""

from __future__ import annotations

import pytest

from handlers.assess.extract import RuleExtractor
from handlers.assess.past_outputs import done_count, referred_outputs
from knowledge.rubric.model import shipped_rubric


def _answers(text: str) -> dict[str, object]:
    return dict(RuleExtractor(shipped_rubric()).extract(text).answers)


@pytest.mark.parametrize(
    "tail",
    [
        "finished entries, budget and a team",
        "parsed POs.",
        "processed invoices)",
        "issued decision letters",
        "answered tickets",
    ],
)
def test_things_finished_or_processed_are_past_outputs(tail: str) -> None:
    assert done_count(tail)


@pytest.mark.parametrize(
    "tail",
    ["finished products in stock", "processed parts a day", "titles in our backlist", "products", "farmers", "entries"],
)
def test_goods_people_and_plain_things_are_not(tail: str) -> None:
    assert not done_count(tail)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("daily outage reports must use our internal terms and rigid template (we have 3 years of them ~", ")"),
        ("catalogue entries must follow the archival standard (we keep about ", " of those)"),
        ("letters have to be in our fixed letter format (we've got ", " of them, all signed)"),
    ],
)
def test_a_count_referring_back_to_outputs_of_a_form(before: str, after: str) -> None:
    assert referred_outputs(before, after)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("customers must follow the returns format (we have ", " of them)"),  # people
        ("reports must use our rigid template (we have ", " customers)"),  # counts something else
        ("reports must use our rigid template (we have 3 years of them ~", " pages of guidance)"),
        ("our reports are long (we have ", " of them)"),  # no form they must follow
    ],
)
def test_other_counts_are_not_referred_outputs(before: str, after: str) -> None:
    assert not referred_outputs(before, after)


def test_counts_read_from_text() -> None:
    assert (
        _answers("Catalogue entries in our style; we have 90k finished entries and an ML team.").get(
            "labelled_examples"
        )
        == 90000
    )
    text = "Claim letters must use our rigid template (we have 4 years of them, ~30k), and quote today's rates."
    assert _answers(text).get("labelled_examples") == 30000
    assert "labelled_examples" not in _answers("We sell 9,000 finished products and want a Q&A bot.")
    assert "labelled_examples" not in _answers("A publisher with 4,500 titles in our backlist wants a reader Q&A bot.")


@pytest.mark.parametrize(
    "text",
    [
        "Abstracts must be written in our strict archival description standard.",
        "We need invoice extraction into our SAP import format at high volume.",
        "Orders are parsed into each hospital's ERP format.",  # "the ... ERP format"
    ],
)
def test_named_standards_and_erp_formats_read_strict(text: str) -> None:
    assert _answers(text).get("output_format") == "strict"


@pytest.mark.parametrize(
    "text",
    ["Newsletter blurbs that roughly follow our style guide.", "Our standard onboarding emails, nothing fancy."],
)
def test_loose_style_words_do_not_read_strict(text: str) -> None:
    assert _answers(text).get("output_format") != "strict"
