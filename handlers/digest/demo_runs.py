"""Demo runs for digests: the headline numbers of a demo reply, and a feature wrapper that logs
every demo the router answers (so the demo feature itself needs no digest knowledge).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, Protocol

from handlers.demo.models import DemoEvalReply, DemoReply
from handlers.models import Request
from handlers.router import Context, Feature, FeatureWrapper

log = logging.getLogger(__name__)


class DemoRunLog(Protocol):
    def record(
        self,
        *,
        platform: str,
        channel: str,
        user: str,
        task: str,
        headline: str,
        metrics: dict[str, float | str],
    ) -> None: ...


def _ms(value: float) -> str:
    return f"{value / 1000:.2f} s" if value >= 1000 else f"{value:.0f} ms"


def demo_headline(reply: DemoReply | DemoEvalReply) -> tuple[str, str, dict[str, float | str]]:
    """(task, headline, metrics) of a side-by-side demo or an evaluation run."""
    if isinstance(reply, DemoEvalReply):
        b, f = reply.base.metrics, reply.finetuned.metrics
        headline = (
            f"{reply.n} items: fine-tuned {f.accuracy:.0%} vs prompted {b.accuracy:.0%} accuracy, "
            f"p50 {_ms(f.latency_p50_ms)} vs {_ms(b.latency_p50_ms)}, "
            f"${f.cost_per_1k_requests:.3f} vs ${b.cost_per_1k_requests:.3f} per 1k requests"
        )
        metrics: dict[str, float | str] = {
            "n": reply.n,
            "finetuned_accuracy": f.accuracy,
            "base_accuracy": b.accuracy,
            "finetuned_latency_p50_ms": f.latency_p50_ms,
            "base_latency_p50_ms": b.latency_p50_ms,
            "finetuned_cost_per_1k": f.cost_per_1k_requests,
            "base_cost_per_1k": b.cost_per_1k_requests,
        }
        return f"{reply.pack_title} evaluation", headline, metrics
    base, ft = reply.base, reply.finetuned

    def shown(arm: Any) -> str:
        return "valid" if arm.valid else "invalid"

    headline = (
        f"fine-tuned {shown(ft)} output in {_ms(ft.latency_ms)} ({ft.prompt_tokens} prompt tokens) vs "
        f"prompted {shown(base)} in {_ms(base.latency_ms)} ({base.prompt_tokens} prompt tokens)"
    )
    metrics = {
        "finetuned_valid": str(ft.valid).lower(),
        "base_valid": str(base.valid).lower(),
        "finetuned_latency_ms": ft.latency_ms,
        "base_latency_ms": base.latency_ms,
        "finetuned_prompt_tokens": ft.prompt_tokens,
        "base_prompt_tokens": base.prompt_tokens,
    }
    return f"{reply.pack_title} side by side", headline, metrics


class DemoRunRecorder(FeatureWrapper):
    """Wraps the demo feature: every demo / demo_eval reply it returns is logged for digests.
    Logging never breaks the demo (a failure is swallowed after the reply is built)."""

    def __init__(self, inner: Feature, runs: DemoRunLog) -> None:
        super().__init__(inner)
        self.runs = runs

    def handle(self, request: Request, ctx: Context) -> Sequence[Any]:
        replies = list(self.inner.handle(request, ctx))
        conv = request.conversation
        for reply in replies:
            if isinstance(reply, DemoReply | DemoEvalReply):
                task, headline, metrics = demo_headline(reply)
                try:
                    self.runs.record(
                        platform=conv.platform,
                        channel=conv.channel,
                        user=conv.user_name or conv.user,
                        task=task,
                        headline=headline,
                        metrics=metrics,
                    )
                except Exception:  # the digest is a nice-to-have; the demo reply is not
                    log.exception("could not log the demo run for digests")
        return replies
