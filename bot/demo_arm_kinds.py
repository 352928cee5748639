"""Builds one demo arm from its validated arms-file entry: llama.cpp in-process (Gemma 3 270M,
alone or + a LoRA adapter, completion-style; or SmolLM2-135M-Instruct with its chat template,
JSON-schema constrained) or any OpenAI-compatible endpoint. `bot/demo_arms.py` reads the file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from bot.llm.bounded_http import TransportFactory
from bot.settings import Settings
from handlers.demo.arms import Arm
from handlers.errors import ConfigError
from knowledge.demos.chat import chat_messages
from knowledge.demos.pack import Pack

if TYPE_CHECKING:
    from bot.demo_arms import LocalArmConfig, OpenAIArmConfig

ENV = "FTADVISOR_DEMO_ARMS"
GEMMA: Final = "gemma3-270m"
SMOLLM2: Final = "smollm2-135m-instruct"


def local_arm(settings: Settings, pack: Pack, cfg: LocalArmConfig, adapter_override: Path | None) -> Arm:
    if cfg.model == SMOLLM2:
        return smollm2_arm(pack, cfg)
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


def smollm2_arm(pack: Pack, cfg: LocalArmConfig) -> Arm:
    """SmolLM2-135M-Instruct in-process: the pack's prompt as chat turns, output held to its schema."""
    from bot.llm.local_chat_arm import LlamaChatArm
    from bot.llm.local_server import SMOLLM2_NAME, smollm2_path

    if cfg.adapter:
        raise ConfigError(f"{ENV}: model {SMOLLM2} takes no adapter (the shipped adapters are for {GEMMA})")
    warm = chat_messages(pack, "few_shot", "")[:-1] if cfg.prompt == "few_shot" else []
    return LlamaChatArm(
        cfg.name or SMOLLM2_NAME,
        smollm2_path,
        schema=pack.schema.model_json_schema(),
        n_threads=cfg.n_threads,
        timeout_s=cfg.timeout_s,
        warm_messages=warm,
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


def openai_arm(cfg: OpenAIArmConfig, pack: Pack, transport: TransportFactory | None) -> Arm:
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
