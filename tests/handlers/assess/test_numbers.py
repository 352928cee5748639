"""Numbers in free text: spelled-out numbers on their own, and quantifiers that deny a quantity."""

from __future__ import annotations

import pytest

from handlers.assess.numbers import find_numbers, find_zeros


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("in ten days", 10),
        ("thirty five reasons", 35),
        ("twenty-five of them", 25),
        ("nineteen", 19),
        ("ninety-nine", 99),
        ("Twelve hotels", 12),
    ],
)
def test_a_spelled_out_number_reads_as_its_digits_would(text: str, value: float) -> None:
    assert [n.value for n in find_numbers(text)] == [value]


def test_compounds_and_scales_still_win_whole() -> None:
    assert [n.value for n in find_numbers("two thousand five hundred, then forty thousand")] == [2500, 40_000]


@pytest.mark.parametrize("text", ["one developer", "no one here", "a ten-year plan", "tend to", "often"])
def test_no_count_in_pronouns_compounds_or_other_words(text: str) -> None:
    assert find_numbers(text) == []


@pytest.mark.parametrize(
    ("text", "quantifier"),
    [
        ("we don't have any labelled q&a pairs", "n't have any"),
        ("we've got zero labelled conversations", "got zero"),
        ("there aren't any past answers", "n't any"),
        ("we don't have a single labelled example", "n't have a single"),
        ("there's basically no data", "there's basically no"),
        ("no training data, modest budget", "no"),
        ("not a single person", "not a single"),
    ],
)
def test_a_denying_quantifier_is_the_number_zero(text: str, quantifier: str) -> None:
    (zero,) = find_zeros(text)
    assert zero.value == 0
    assert text[zero.start : zero.end] == quantifier


@pytest.mark.parametrize(
    "text", ["records must not leak", "no one here knows", "no matter how we phrase it", "we need it now"]
)
def test_no_zero_without_a_denied_quantity(text: str) -> None:
    assert find_zeros(text) == []


def test_in_after_a_verb_of_arriving_is_a_particle_not_a_deadline() -> None:
    assert [n.value for n in find_numbers("about 40k forms come in a month")] == [40000.0]
    assert [n.value for n in find_numbers("it has to be live in a month")] == [1.0]
