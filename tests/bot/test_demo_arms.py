from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from bot.demo_arms import adapter_sha256_from_card, build_demo_arms
from bot.llm.local_arms import LlamaCppArm
from bot.llm.openai_arms import OpenAIArm
from bot.settings import Settings
from handlers.errors import ConfigError
from knowledge.demos import load_pack

PACK = load_pack("ticket-triage")


def settings(tmp_path: Path, arms: object | None = None, **extra: object) -> Settings:
    path = None
    if arms is not None:
        path = tmp_path / "arms.yaml"
        path.write_text(arms if isinstance(arms, str) else yaml.safe_dump(arms))
    extra = {"demo_prompt_arm": "gemma", **extra}  # the Gemma base arm (the measured choice: test_demo_prompt_arms)
    return Settings(data_dir=tmp_path, demo_arms_file=path, **extra)  # type: ignore[arg-type]


def test_embedded_default_is_two_local_gemma_arms(tmp_path: Path) -> None:
    arms = build_demo_arms(settings(tmp_path), PACK)
    assert isinstance(arms.base.arm, LlamaCppArm) and isinstance(arms.finetuned.arm, LlamaCppArm)
    assert arms.base.arm.lora_path is None and arms.base.prompt == "few_shot"
    assert arms.finetuned.arm.lora_path == PACK.adapter_path and arms.finetuned.prompt == "minimal"
    assert arms.finetuned.arm.lora_sha256 == adapter_sha256_from_card(PACK.adapter_card_path)
    assert arms.concurrency == 1
    # priced per machine hour: the pack's price unless FTADVISOR_LOCAL_USD_PER_HOUR is set
    assert arms.base.pricing.usd_per_hour == PACK.spec.prices.local_usd_per_hour
    priced = build_demo_arms(settings(tmp_path, demo_local_usd_per_hour=1.5), PACK)
    assert priced.finetuned.pricing.usd_per_hour == 1.5


def test_shipped_adapter_has_a_card_with_its_hash() -> None:
    card = json.loads(PACK.adapter_card_path.read_text())
    assert card["adapter"]["file"] == PACK.adapter_path.name
    assert card["produced_by"].startswith("ftadvisor finetune --pack ticket-triage")
    assert adapter_sha256_from_card(PACK.adapter_card_path) == card["adapter"]["sha256"]


def test_bad_kind_lists_valid_kinds(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"arm `finetuned` has kind 'vllm'; valid kinds: local, openai"):
        build_demo_arms(settings(tmp_path, {"base": {"kind": "local"}, "finetuned": {"kind": "vllm"}}), PACK)


@pytest.mark.parametrize(
    ("arms", "message"),
    [
        ({"base": {"kind": "local"}}, "the `finetuned` arm is missing"),
        ({"base": {"kind": "local"}, "finetuned": {"kind": "openai", "model": "m"}}, "base_url"),
        ({"base": {"kind": "local", "colour": 1}, "finetuned": {"kind": "local"}}, "colour"),
        ({"base": {"kind": "local"}, "finetuned": {"kind": "local"}, "extra": 1}, "unknown keys"),
        ({"base": {"kind": "local"}, "finetuned": {"kind": "local"}, "concurrency": 0}, "concurrency"),
        ("- not a mapping", "expected a mapping"),
        ("base: [", "cannot read it"),
    ],
)
def test_invalid_arms_files_name_the_problem(tmp_path: Path, arms: object, message: str) -> None:
    with pytest.raises(ConfigError, match="FTADVISOR_DEMO_ARMS") as err:
        build_demo_arms(settings(tmp_path, arms), PACK)
    assert message in str(err.value)


def test_missing_key_variable_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOPE_KEY", raising=False)
    arms = {
        "base": {"kind": "local"},
        "finetuned": {"kind": "openai", "base_url": "http://x/v1", "model": "ft:m", "api_key_env": "NOPE_KEY"},
    }
    with pytest.raises(ConfigError, match="NOPE_KEY"):
        build_demo_arms(settings(tmp_path, arms), PACK)


def test_mixed_arms(tmp_path: Path) -> None:
    arms = {
        "base": {"kind": "local", "name": "Gemma base", "usd_per_hour": 0.5},
        "finetuned": {
            "kind": "openai",
            "base_url": "http://127.0.0.1:1/v1",
            "model": "ft:m",
            "prompt": "minimal",
            "usd_per_1m_input": 3,
            "usd_per_1m_output": 12,
        },
        "concurrency": 2,
    }
    built = build_demo_arms(settings(tmp_path, arms), PACK)
    assert built.base.arm.name == "Gemma base" and built.base.pricing.usd_per_hour == 0.5
    assert isinstance(built.finetuned.arm, OpenAIArm) and built.finetuned.arm.model == "ft:m"
    assert built.finetuned.pricing.usd_per_1m_output == 12 and built.finetuned.pricing.usd_per_hour is None
    assert built.concurrency == 2
