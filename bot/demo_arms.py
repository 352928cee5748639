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

Without a file: Gemma 3 270M in-process, base arm with the pack's few-shot prompt, fine-tuned arm
= the same model + the pack's LoRA adapter with the minimal prompt.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.llm.bounded_http import TransportFactory
from bot.settings import Settings
from handlers.demo.arms import Arm, ArmSetup, DemoArms, Pricing, Role
from handlers.errors import ConfigError
from knowledge.demos.pack import Pack

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
) -> DemoArms:
    """Both arms, unloaded (local models load on first use or `warm()`).

    `adapter_override` replaces the pack's adapter for local arms with `adapter: pack`
    (the finetune command evaluates the adapter it just trained this way)."""
    configs, options, _ = load_arms_config(settings)
    setups: dict[Role, ArmSetup] = {}
    for role, cfg in configs.items():
        if isinstance(cfg, LocalArmConfig):
            arm: Arm = _local_arm(settings, pack, cfg, adapter_override)
            default_hour = settings.demo_local_usd_per_hour
            hourly = cfg.usd_per_hour if cfg.usd_per_hour is not None else default_hour
            pricing = Pricing(usd_per_hour=hourly if hourly is not None else pack.spec.prices.local_usd_per_hour)
        else:
            assert isinstance(cfg, OpenAIArmConfig)
            arm = _openai_arm(cfg, pack, transport)
            pricing = Pricing(
                usd_per_hour=cfg.usd_per_hour,
                usd_per_1m_input=cfg.usd_per_1m_input,
                usd_per_1m_output=cfg.usd_per_1m_output,
            )
        setups[role] = ArmSetup(role=role, arm=arm, prompt=cfg.prompt, pricing=pricing, family=cfg.family or "")
    local_threads = sum(c.n_threads for c in configs.values() if isinstance(c, LocalArmConfig))
    parallel = options["parallel"]
    if parallel is None:
        parallel = local_threads <= _cores()
    return DemoArms(
        base=setups["base"],
        finetuned=setups["finetuned"],
        concurrency=options["concurrency"] or (1 if local_threads else 4),
        parallel=parallel,
    )


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _local_arm(settings: Settings, pack: Pack, cfg: LocalArmConfig, adapter_override: Path | None) -> Arm:
    from bot.llm.local_arms import MODEL_NAME, LlamaCppArm

    lora: Path | None = None
    sha = cfg.adapter_sha256
    if cfg.adapter == "pack":
        lora = adapter_override or pack.adapter_path
        card = lora.with_name(pack.adapter_card_path.name) if adapter_override else pack.adapter_card_path
        sha = sha or adapter_sha256_from_card(card)
    elif cfg.adapter:
        lora = Path(cfg.adapter).expanduser()
        sha = sha or adapter_sha256_from_card(lora.with_name(pack.adapter_card_path.name))
    name = cfg.name or (f"{MODEL_NAME} + LoRA ({lora.name})" if lora else f"{MODEL_NAME}, base")
    warm = _warm_prompt(pack, cfg.prompt)
    return LlamaCppArm(
        name,
        settings.data_dir / "models",
        lora_path=lora,
        lora_sha256=sha,
        n_threads=cfg.n_threads,
        timeout_s=cfg.timeout_s,
        warm_prompt=warm,
    )


def _warm_prompt(pack: Pack, prompt: str) -> str | None:
    """The shared part of every prompt (instructions and examples), cached in the model at load."""
    if prompt == "few_shot":
        return pack.prompt("few_shot", "").rsplit("\n\n", 1)[0]
    return None


def adapter_sha256_from_card(card: Path) -> str | None:
    """The adapter hash its training card recorded (None without a card)."""
    if not card.is_file():
        return None
    try:
        data: Any = json.loads(card.read_text(encoding="utf-8"))
        return str(data["adapter"]["sha256"])
    except (ValueError, KeyError, TypeError):
        raise ConfigError(f"{card}: not a training card with adapter.sha256") from None


def _openai_arm(cfg: OpenAIArmConfig, pack: Pack, transport: TransportFactory | None) -> Arm:
    from bot.llm.bounded_http import Endpoint
    from bot.llm.openai_arms import OpenAIArm

    key = None
    if cfg.api_key_env:
        key = os.environ.get(cfg.api_key_env, "")
        if not key:
            raise ConfigError(
                f"{ENV}: arm model {cfg.model!r} reads its API key from {cfg.api_key_env}, which is unset"
            )
    endpoint = Endpoint(
        cfg.base_url, api_key=key, timeout_s=cfg.timeout_s, max_retries=cfg.max_retries, transport=transport
    )
    return OpenAIArm(
        cfg.name or cfg.model,
        endpoint,
        cfg.model,
        api=cfg.endpoint,
        system=cfg.system,
        timeout_s=cfg.timeout_s,
        token_limit_param=cfg.token_limit_param,
        schema=pack.schema.model_json_schema() if cfg.endpoint == "chat" else None,
        schema_mode=cfg.response_format,
        max_tokens=cfg.max_tokens,
    )
