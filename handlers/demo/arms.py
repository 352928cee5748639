"""The arm port: one model endpoint that completes a prompt, plus what a call costs.

Implementations live in `bot/llm/` (llama.cpp in-process, OpenAI-compatible HTTP). An arm never
raises for a failed call: it returns an `ArmResult` with `error` set, so that the other arm's
result is never lost.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol, runtime_checkable

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


@runtime_checkable
class ChatArm(Protocol):
    """An arm that takes chat turns (system, worked examples as user/assistant turns, the input) and
    applies its model's own chat template; its output is constrained to the pack's schema."""

    name: str

    def complete_chat(self, messages: Sequence[Mapping[str, str]], *, max_tokens: int) -> ArmResult:
        """Greedy, schema-constrained chat completion; never raises for a failed call."""
        ...


@dataclass(frozen=True)
class PromptChoice:
    """Which prompted arm is the demo's "prompt" side, and why (measured figures, a setting, a file)."""

    arm_id: str  # "gemma", "smollm2", "arms-file"
    name: str  # the arm's display name
    reason: str  # "strongest prompted arm on this pack's eval: SmolLM2 ... 17.4 % vs Gemma ... 4.5 %"
    measured: bool = False  # the reason rests on measured figures
    alternatives: tuple[str, ...] = ()  # the other prompted arms a user can pick instead


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
    family: str = ""  # model family shown to users ("Gemma 3", "GPT-4o"); "" = inferred from the name

    @property
    def model_family(self) -> str:
        return self.family or model_family(self.arm.name)


@dataclass(frozen=True)
class DemoArms:
    base: ArmSetup
    finetuned: ArmSetup
    concurrency: int = 1  # items evaluated at once (1 for in-process models; more for remote endpoints)
    parallel: bool = True  # run the two arms of one input at the same time (off when they would fight for cores)
    prompt_choice: PromptChoice | None = None  # which prompted arm the base side is, and why

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter((self.base, self.finetuned))

    def families_note(self) -> str | None:
        """A warning when the two arms are different model families (the gap is not fine-tuning alone)."""
        base, tuned = self.base.model_family, self.finetuned.model_family
        if base.lower() == tuned.lower():
            return None
        return (
            f"Different model families: {base} (base) vs {tuned} (fine-tuned), so the gap is not "
            "fine-tuning alone."
        )


_FAMILIES = [
    ("smollm", "SmolLM"), ("gemma", "Gemma"), ("gpt-4o", "GPT-4o"), ("gpt-4", "GPT-4"), ("gpt-3.5", "GPT-3.5"),
    ("gpt", "GPT"), ("llama", "Llama"), ("mistral", "Mistral"), ("mixtral", "Mixtral"), ("qwen", "Qwen"),
    ("phi", "Phi"), ("claude", "Claude"), ("deepseek", "DeepSeek"), ("falcon", "Falcon"),
]


def model_family(name: str) -> str:
    """The model family a model name belongs to ("ft:gpt-4o-mini:acme::x" -> "GPT-4o")."""
    lowered = name.lower()
    for needle, family in _FAMILIES:
        if needle in lowered:
            return family
    head = lowered.removeprefix("ft:").split("/")[-1]
    return re.split(r"[-_:\s(,]", head, maxsplit=1)[0] or name
