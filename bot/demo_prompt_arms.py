"""The embedded demo's prompted arms and which one is its "prompt" side.

Two prompted arms are offered, both with the pack's few-shot prompt: Gemma 3 270M base
(completion-style) and SmolLM2-135M-Instruct (chat template, JSON-schema constrained). The fine-tuned
arm is Gemma 3 270M + the pack's LoRA adapter. The prompt side is the one FTADVISOR_DEMO_PROMPT_ARM
or `demo --prompt-arm` names, else (`auto`) the strongest on the pack's eval set by the figures in
the pack's `measured_arms.json` (written by `python -m bench.demo_bench --three-arms --write`).
"""

from __future__ import annotations

from typing import Any

from bot.settings import Settings
from handlers.demo.arms import PromptChoice
from handlers.demo.choice import AUTO, PROMPTED_ARMS, choose_prompt_arm
from handlers.errors import ConfigError
from knowledge.demos.measured import read_measured
from knowledge.demos.pack import Pack, PackError

PROMPT_ENV = "FTADVISOR_DEMO_PROMPT_ARM"

# arm id -> arms-file entry (the embedded arms); "gemma-lora" is the fine-tuned side
PROMPTED_CONFIGS: dict[str, dict[str, Any]] = {
    "gemma": {"kind": "local", "model": "gemma3-270m", "prompt": "few_shot"},
    "smollm2": {"kind": "local", "model": "smollm2-135m-instruct", "prompt": "few_shot"},
}
FINETUNED_CONFIGS: dict[str, dict[str, Any]] = {
    "gemma-lora": {"kind": "local", "model": "gemma3-270m", "adapter": "pack", "prompt": "minimal"},
}


def arm_names() -> dict[str, str]:
    """Display names of the embedded arms, by id (as the arms themselves name them)."""
    from bot.llm.local_arms import MODEL_NAME
    from bot.llm.local_server import SMOLLM2_NAME

    return {"gemma": f"{MODEL_NAME}, base", "smollm2": SMOLLM2_NAME, "gemma-lora": f"{MODEL_NAME} + LoRA"}


def choose_for_pack(settings: Settings, pack: Pack, override: str | None = None) -> PromptChoice:
    """The prompt side for `pack`: `override` (a CLI flag), else the setting, else by measurement."""
    requested = (override or settings.demo_prompt_arm or AUTO).lower()
    by = "--prompt-arm" if override else f"{PROMPT_ENV}={requested}"
    if requested != AUTO and requested not in PROMPTED_ARMS:
        raise ConfigError(f"{by}: unknown prompted arm; choose one of {', '.join(PROMPTED_ARMS)} or {AUTO}")
    try:
        measured = read_measured(pack)
    except PackError as exc:
        raise ConfigError(str(exc)) from None
    sha = pack.data_sha256("eval") if measured is not None else ""  # (hashed only when there is something to match)
    choice = choose_prompt_arm(measured, eval_sha256=sha, names=arm_names(), requested=requested, requested_by=by)
    others = tuple(a for a in PROMPTED_ARMS if a != choice.arm_id)
    return PromptChoice(choice.arm_id, choice.name, choice.reason, choice.measured, others)
