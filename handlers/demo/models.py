"""Demo results: the batch-eval JSON contract and the two reply kinds renderers draw.

Contract of `ftadvisor demo --eval FILE --json` (issue 4), produced by `EvalReport.contract()`:
`{"n", "base": M, "finetuned": M, "items": [{"text", "expected", "base", "finetuned", "base_ms",
"finetuned_ms"}]}` with M = `ArmMetrics`; added (issue 13): `prompt_arm` = which prompted arm the
base side is and why (`PromptArm`), `arms` = each side's model name and family.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field


class ArmMetrics(BaseModel):
    accuracy: float  # every field exact
    field_accuracy: dict[str, float]
    valid_rate: float  # output parsed and matched the schema
    latency_p50_ms: float
    latency_p95_ms: float
    prompt_tokens_avg: float
    completion_tokens_avg: float
    cost_per_1k_requests: float  # USD


class PromptArm(BaseModel):
    """Which prompted arm is the demo's prompt side (several can be offered) and why."""

    id: str  # "gemma", "smollm2", "arms-file"
    name: str
    family: str  # "Gemma", "SmolLM"
    reason: str  # "strongest prompted arm on this pack's eval: ..., 17.4 % vs ... 4.5 % exact on 132 eval items"
    measured: bool  # the choice rests on measured figures
    alternatives: list[str] = Field(default_factory=list)  # other prompted arm ids a user can pick


class ArmLabel(BaseModel):
    name: str
    family: str


class EvalItem(BaseModel):
    text: str
    expected: dict[str, Any]
    base: dict[str, Any] | str  # the validated object, or the raw text / error when not valid
    finetuned: dict[str, Any] | str
    base_ms: float
    finetuned_ms: float


class EvalReport(BaseModel):
    n: int
    base: ArmMetrics
    finetuned: ArmMetrics
    items: list[EvalItem]
    prompt_arm: PromptArm | None = None
    arms: dict[str, ArmLabel] = Field(default_factory=dict)  # role -> model name and family

    def contract(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class ArmOutput(BaseModel):
    """One arm's answer to one input, as shown side by side."""

    role: Literal["base", "finetuned"]
    name: str  # the endpoint / model
    family: str = ""  # model family ("Gemma", "SmolLM"): shown so that different families are never mixed up
    prompt_kind: str  # "few-shot prompt (10 examples)", "minimal prompt", "custom template"
    text: str  # raw completion
    output: dict[str, Any] | None  # validated object; None when not valid
    valid: bool
    problem: str = ""  # why it is not valid
    error: str | None = None  # the call failed (timeout, HTTP error)
    latency_ms: float
    prompt_tokens: int
    completion_tokens: int
    cost_usd: float
    pricing: str  # how cost_usd was computed


class DemoReply(BaseModel):
    kind: Literal["demo"] = "demo"
    pack: str
    pack_title: str
    text: str  # the input as sent to both arms
    base: ArmOutput
    finetuned: ArmOutput
    families_note: str | None = None  # set when the arms are different model families
    prompt_arm: PromptArm | None = None


class ArmSummary(BaseModel):
    name: str
    family: str = ""
    prompt_kind: str
    pricing: str
    errors: int  # calls that failed (timeouts, HTTP errors)
    metrics: ArmMetrics


class Disagreement(BaseModel):
    text: str
    expected: dict[str, Any]
    base: dict[str, Any] | str
    finetuned: dict[str, Any] | str


class DemoEvalReply(BaseModel):
    kind: Literal["demo_eval"] = "demo_eval"
    pack: str
    pack_title: str
    dataset: str  # "ticket-triage eval set", or the file name
    n: int
    duration_s: float
    base: ArmSummary
    finetuned: ArmSummary
    families_note: str | None = None  # set when the arms are different model families
    prompt_arm: PromptArm | None = None
    examples: list[Disagreement] = Field(default_factory=list)  # a few items the arms got differently
    chart_path: str | None = None  # PNG of accuracy, latency and cost per arm
    chart_error: str | None = None
