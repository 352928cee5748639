"""The demo evaluation rows shared by the terminal, Slack and Teams renderers (pure)."""

from __future__ import annotations

from bot.renderers.demo_rows import metric_rows, usd
from handlers.demo.models import ArmMetrics


def metrics(acc: float, cost: float) -> ArmMetrics:
    return ArmMetrics(
        accuracy=acc,
        field_accuracy={"priority": acc, "category": 1.0},
        valid_rate=1.0,
        latency_p50_ms=1234.4,
        latency_p95_ms=2000,
        prompt_tokens_avg=547.4,
        completion_tokens_avg=9,
        cost_per_1k_requests=cost,
    )


def test_rows_in_one_order_with_fields_sorted() -> None:
    rows = metric_rows(metrics(0.045, 0.0124), metrics(0.727, 0.012))
    assert [r[0] for r in rows] == [
        "accuracy (all fields)",
        "accuracy: category",
        "accuracy: priority",
        "valid output",
        "latency p50",
        "latency p95",
        "prompt tokens (avg)",
        "completion tokens (avg)",
        "cost / 1k requests",
    ]
    assert rows[0] == ("accuracy (all fields)", "4%", "73%")
    assert rows[4] == ("latency p50", "1,234 ms", "1,234 ms")
    assert rows[-1] == ("cost / 1k requests", "$0.0124", "$0.0120")


def test_precise_rows_keep_a_decimal_and_small_costs_keep_their_digits() -> None:
    rows = metric_rows(metrics(0.045, 0.0001234), metrics(0.727, 0.5), precise=True)
    assert rows[0] == ("accuracy (all fields)", "4.5%", "72.7%")
    assert rows[-1] == ("cost / 1k requests", "$0.000123", "$0.5000")
    assert usd(0.0099) == "$0.009900" and usd(0.01) == "$0.0100"
