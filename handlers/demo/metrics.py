"""Per-arm metrics of a batch run: accuracy, field accuracy, validity, latency, tokens and cost."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from handlers.demo.arms import ArmResult
from handlers.demo.models import ArmMetrics
from knowledge.demos.schemas import ParsedOutput


@dataclass(frozen=True)
class Outcome:
    """One arm on one input: the raw call, what its text amounts to, and what it cost."""

    result: ArmResult
    parsed: ParsedOutput
    cost_usd: float

    @property
    def shown(self) -> dict[str, Any] | str:
        """The validated object, else the error or the raw text (the contract's `obj|str`)."""
        if self.parsed.value is not None:
            return self.parsed.value
        if self.result.error:
            return f"error: {self.result.error}"
        return self.result.text


def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile (numpy's default method); 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def arm_metrics(outcomes: Sequence[Outcome], expected: Sequence[dict[str, Any]], fields: Sequence[str]) -> ArmMetrics:
    n = len(outcomes)
    if n == 0 or n != len(expected):
        raise ValueError("need one outcome per expected label")
    exact = 0
    per_field = dict.fromkeys(fields, 0)
    for out, want in zip(outcomes, expected, strict=True):
        got = out.parsed.value or {}
        hits = [f for f in fields if got.get(f) == want.get(f)]
        for f in hits:
            per_field[f] += 1
        exact += len(hits) == len(fields)
    latencies = [o.result.latency_ms for o in outcomes]
    return ArmMetrics(
        accuracy=exact / n,
        field_accuracy={f: c / n for f, c in per_field.items()},
        valid_rate=sum(o.parsed.valid for o in outcomes) / n,
        latency_p50_ms=round(percentile(latencies, 50), 1),
        latency_p95_ms=round(percentile(latencies, 95), 1),
        prompt_tokens_avg=sum(o.result.prompt_tokens for o in outcomes) / n,
        completion_tokens_avg=sum(o.result.completion_tokens for o in outcomes) / n,
        cost_per_1k_requests=sum(o.cost_usd for o in outcomes) / n * 1000,
    )
