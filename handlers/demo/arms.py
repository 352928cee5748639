"""The arm port: one model endpoint that completes a prompt, plus what a call costs.

Implementations live in `bot/llm/` (llama.cpp in-process, OpenAI-compatible HTTP). An arm never
raises for a failed call: it returns an `ArmResult` with `error` set, so that the other arm's
result is never lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

Role = Literal["base", "finetuned"]
ROLES: tuple[Role, Role] = ("base", "finetuned")


@dataclass(frozen=True)
class ArmResult:
    text: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    latency_ms: float = 0.0
    error: str | None = None  # "timeout after 20 s", "HTTP 503: ..."; None = the call worked


class Arm(Protocol):
    name: str  # shown to users: "Gemma 3 270M (base)", "ft:gpt-4o-mini:acme::x1"

    def complete(self, prompt: str, *, max_tokens: int, stop: Sequence[str]) -> ArmResult:
        """Greedy completion of `prompt`; never raises for a failed call (see `ArmResult.error`)."""
        ...


@dataclass(frozen=True)
class Pricing:
    """Per hour of a machine (local arms) or per million tokens (hosted arms)."""

    usd_per_hour: float | None = None
    usd_per_1m_input: float = 0.0
    usd_per_1m_output: float = 0.0

    def cost_usd(self, result: ArmResult) -> float:
        if self.usd_per_hour is not None:
            return result.latency_ms / 3_600_000 * self.usd_per_hour
        return (result.prompt_tokens * self.usd_per_1m_input + result.completion_tokens * self.usd_per_1m_output) / 1e6

    def describe(self) -> str:
        if self.usd_per_hour is not None:
            return f"${self.usd_per_hour:g}/hour of machine time"
        return f"${self.usd_per_1m_input:g} / ${self.usd_per_1m_output:g} per 1M input / output tokens"


@dataclass(frozen=True)
class ArmSetup:
    """One side of the demo: the endpoint, which pack prompt (or template) it gets, and its price."""

    role: Role
    arm: Arm
    prompt: str = "few_shot"  # "few_shot" | "minimal" | a template containing {text}
    pricing: Pricing = Pricing()


@dataclass(frozen=True)
class DemoArms:
    base: ArmSetup
    finetuned: ArmSetup
    concurrency: int = 1  # items evaluated at once (1 for in-process models; more for remote endpoints)
    parallel: bool = True  # run the two arms of one input at the same time (off when they would fight for cores)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter((self.base, self.finetuned))
