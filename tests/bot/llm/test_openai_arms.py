"""The OpenAI-compatible arms against real local HTTP servers speaking the OpenAI API."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from bot.demo_arms import build_demo_arms
from bot.settings import Settings
from handlers.demo.runner import DemoRunner
from knowledge.demos import load_pack
from tests.support.openai_server import FakeOpenAI

PACK = load_pack("ticket-triage")
GOOD = ' {"category": "shipping", "priority": "normal"}'


@pytest.fixture
def servers() -> Iterator[tuple[FakeOpenAI, FakeOpenAI]]:
    with FakeOpenAI() as base, FakeOpenAI() as ft:
        yield base, ft


def settings_with_arms(tmp_path: Path, arms: dict[str, object]) -> Settings:
    path = tmp_path / "arms.yaml"
    path.write_text(yaml.safe_dump(arms))
    return Settings(data_dir=tmp_path, demo_arms_file=path)  # type: ignore[call-arg]


def two_arms(base: FakeOpenAI, ft: FakeOpenAI, **ft_extra: object) -> dict[str, object]:
    return {
        "base": {
            "kind": "openai",
            "base_url": base.base_url,
            "model": "google/gemma-3-270m",
            "prompt": "few_shot",
            "api_key_env": "DEMO_BASE_KEY",
            "usd_per_1m_input": 0.1,
            "usd_per_1m_output": 0.2,
        },
        "finetuned": {
            "kind": "openai",
            "base_url": ft.base_url,
            "model": "ft:gpt-4o-mini:acme::x1",
            "prompt": "minimal",
            "endpoint": "chat",
            "system": "Reply with the JSON label only.",
            "timeout_s": 5,
            **ft_extra,
        },
    }


def test_each_arm_sends_its_own_model_prompt_and_base_url(
    servers: tuple[FakeOpenAI, FakeOpenAI], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base, ft = servers
    monkeypatch.setenv("DEMO_BASE_KEY", "sk-base-123")
    base.default = ft.default = GOOD
    arms = build_demo_arms(settings_with_arms(tmp_path, two_arms(base, ft)), PACK)
    assert arms.concurrency == 4  # remote arms: several items in flight
    reply = DemoRunner(PACK, arms).side_by_side("Where is my parcel BL-1?")

    [b] = base.requests
    assert b["path"] == "/v1/completions"
    assert b["body"]["model"] == "google/gemma-3-270m"
    assert b["body"]["prompt"] == PACK.prompt("few_shot", "Where is my parcel BL-1?")
    assert b["body"]["temperature"] == 0 and b["body"]["max_tokens"] == PACK.spec.generation.max_tokens
    assert b["body"]["stop"] == ["\n"]
    assert {k.lower(): v for k, v in b["headers"].items()}["authorization"] == "Bearer sk-base-123"

    [f] = ft.requests
    assert f["path"] == "/v1/chat/completions"
    assert f["body"]["model"] == "ft:gpt-4o-mini:acme::x1"
    assert f["body"]["messages"] == [
        {"role": "system", "content": "Reply with the JSON label only."},
        {"role": "user", "content": "Ticket: Where is my parcel BL-1?\nLabel:"},
    ]

    assert reply.base.valid and reply.finetuned.valid
    assert reply.base.name == "google/gemma-3-270m"
    assert reply.base.prompt_tokens > 0 and reply.base.completion_tokens > 0  # from the server's usage
    expected = (reply.base.prompt_tokens * 0.1 + reply.base.completion_tokens * 0.2) / 1e6
    assert reply.base.cost_usd == pytest.approx(expected)


def test_an_http_error_in_one_arm_keeps_the_other(
    servers: tuple[FakeOpenAI, FakeOpenAI], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base, ft = servers
    monkeypatch.setenv("DEMO_BASE_KEY", "k")
    base.default = {"status": 503, "body": {"error": {"message": "model is loading"}}}
    ft.default = GOOD
    reply = DemoRunner(PACK, build_demo_arms(settings_with_arms(tmp_path, two_arms(base, ft)), PACK)).side_by_side(
        "parcel?"
    )
    assert reply.base.error is not None and "HTTP 503" in reply.base.error and "model is loading" in reply.base.error
    assert not reply.base.valid
    assert reply.finetuned.valid and reply.finetuned.output == {"category": "shipping", "priority": "normal"}


def test_a_timeout_in_one_arm_keeps_the_other_during_eval(
    servers: tuple[FakeOpenAI, FakeOpenAI], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base, ft = servers
    monkeypatch.setenv("DEMO_BASE_KEY", "k")
    base.default = GOOD
    ft.default = {"delay": 1.5, "content": GOOD}
    settings = settings_with_arms(tmp_path, two_arms(base, ft, timeout_s=0.3))
    examples = PACK.examples("eval")[:3]
    run = DemoRunner(PACK, build_demo_arms(settings, PACK)).evaluate(examples)
    assert run.errors == {"base": 0, "finetuned": 3}
    assert all(it.finetuned == "error: timeout after 0.3 s" for it in run.report.items)
    assert all(isinstance(it.base, dict) for it in run.report.items)
    assert run.report.base.valid_rate == 1.0 and run.report.finetuned.valid_rate == 0.0
    assert len(base.requests) == 3


def test_unreachable_endpoint_is_an_arm_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with FakeOpenAI() as ft:
        ft.default = GOOD
        arms = two_arms(ft, ft)
        arms["base"]["base_url"] = "http://127.0.0.1:9/v1"  # type: ignore[index]
        monkeypatch.setenv("DEMO_BASE_KEY", "k")
        reply = DemoRunner(PACK, build_demo_arms(settings_with_arms(tmp_path, arms), PACK)).side_by_side("hi")
    assert reply.base.error and "could not connect" in reply.base.error
    assert reply.finetuned.valid
