"""The number pass on its own: counts, rates, budgets and denied quantities of one clause."""

from __future__ import annotations

from handlers.assess.changes import ChangeReader
from handlers.assess.number_pass import LABELLED, NumberPass
from handlers.assess.patterns import compile_patterns
from knowledge.rubric.model import shipped_rubric

RUBRIC = shipped_rubric()
PATTERNS = compile_patterns(RUBRIC)
PASS = NumberPass(RUBRIC, PATTERNS, ChangeReader(RUBRIC, PATTERNS), lambda phrase: False)


def read(clause: str) -> dict[str, object]:
    return {c.criterion: c.value for c in PASS.read(clause, 0)}


def test_counts_rates_and_budgets() -> None:
    assert read("we have ~5k labelled tickets")[LABELLED] == 5000
    assert read("about 2M calls a day")["request_volume"] == 2_000_000
    assert "budget" in read("we can spend $500/month")


def test_a_denied_quantity_is_zero_and_weighs_less_than_a_stated_count() -> None:
    assert read("zero labelled conversations")[LABELLED] == 0
    (denied,) = PASS.denied("we don't have any labelled examples", 10)
    assert denied.value == 0 and denied.start >= 10 and denied.length == 0


def test_a_number_in_a_name_counts_nothing() -> None:
    assert read("we use GPT-4 and ICD-10 codes") == {}


def test_past_outputs_are_asked_of_the_classifier() -> None:
    asked: list[str] = []
    npass = NumberPass(RUBRIC, PATTERNS, ChangeReader(RUBRIC, PATTERNS), lambda p: asked.append(p) or True)
    found = {c.criterion: c.value for c in npass.read("50k listings our writers did by hand", 0)}
    assert asked and found.get(LABELLED) == 50_000


def test_a_spelled_count_from_twenty_on_counts_examples_a_smaller_one_does_not() -> None:
    assert read("I've got maybe forty old posts")[LABELLED] == 40
    assert LABELLED not in read("a team of six labelled a few")


def test_a_count_of_the_tasks_own_documents_is_a_count_of_examples() -> None:
    assert read("we have ~60k product descriptions in our brand voice")[LABELLED] == 60_000
    assert read("we kept 900 decision letters")[LABELLED] == 900
    assert LABELLED not in read("we have 40 stores")
    assert "request_volume" in read("we get 300 emails a day")


def test_a_clause_vouching_for_the_count_before_makes_it_labelled() -> None:
    (found,) = PASS.read("and every one of them is the kind of output we want", 40, previous="around 90k")
    assert found.criterion == LABELLED and found.value == 90_000
    assert PASS.read("and every one of them is the kind of output we want", 0, previous="about 40k a day") == []
    assert PASS.read("and they are what customers ask about", 0, previous="around 90k") == []
