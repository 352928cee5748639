"""Break-even: monthly cost of each path, training cost, months to recover it."""

from __future__ import annotations

import pytest

from handlers.assess.breakeven import break_even
from knowledge.rubric.prices import Prices, load_prices, shipped_prices


def prices() -> Prices:
    return Prices.model_validate(
        {
            "as_of": "2025-01-01",
            "note": "test prices",
            "base_model": {"name": "base", "input_per_1m": 1.0, "output_per_1m": 2.0},
            "fine_tuned_model": {"name": "tuned", "input_per_1m": 2.0, "output_per_1m": 4.0},
            "training": {
                "per_1m_training_tokens": 10.0,
                "epochs": 2,
                "tokens_per_example": 500,
                "default_examples": 1000,
                "fixed_usd": 100.0,
            },
            "assumptions": {"output_tokens": 100, "tuned_prompt_tokens": 100, "days_per_month": 30},
        }
    )


def test_costs_and_months_to_break_even() -> None:
    got = break_even({"request_volume": 10_000, "prompt_tokens": 2000, "labelled_examples": 5000}, prices())
    assert got.available and got.requests_per_month == 300_000
    prompt, tuned = got.paths
    # prompt: 300k * (2000*1 + 100*2)/1e6 = 660; tuned: 300k * (100*2 + 100*4)/1e6 = 180
    assert (prompt.monthly_usd, tuned.monthly_usd) == (660.0, 180.0)
    # training: 5000 * 500 * 2 * 10 / 1e6 + 100 = 150
    assert tuned.one_off_usd == 150.0 and got.monthly_savings_usd == 480.0
    assert got.months_to_break_even == pytest.approx(150 / 480, abs=0.001)
    assert got.prices_as_of == "2025-01-01" and got.editable_example
    assert "fine-tuned prompt of 100 tokens" in got.assumed


def test_never_breaks_even_when_the_prompt_is_already_short() -> None:
    got = break_even({"request_volume": 10_000, "prompt_tokens": 100}, prices())
    assert got.available and got.months_to_break_even is None and got.monthly_savings_usd is not None
    assert got.monthly_savings_usd < 0
    assert "never" in got.summary


def test_given_lengths_override_assumptions() -> None:
    got = break_even(
        {"request_volume": 1000, "prompt_tokens": 3000, "tuned_prompt_tokens": 300, "output_tokens": 50},
        prices(),
    )
    assert got.paths[1].prompt_tokens == 300 and got.paths[0].output_tokens == 50
    assert all("output" not in a and "fine-tuned prompt" not in a for a in got.assumed)


def test_missing_inputs_are_named() -> None:
    got = break_even({"prompt_tokens": 1000}, prices())
    assert not got.available and got.missing == ["request_volume"] and got.paths == []
    assert "request volume" in got.summary and "prompt length" not in got.summary
    only_volume = break_even({"request_volume": 2_000_000}, prices())
    assert only_volume.missing == ["prompt_tokens"] and "request volume" not in only_volume.summary
    assert "prompt length" in only_volume.summary


def test_shipped_prices_are_dated_editable_examples() -> None:
    p = shipped_prices()
    assert p == load_prices() and p.editable_example and p.as_of[:2] == "20"
    assert "example" in p.note.lower()
