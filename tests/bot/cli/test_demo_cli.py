"""`ftadvisor demo` through the real CLI app, with both arms behind local OpenAI-compatible servers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from bot.cli import context
from bot.cli.main import app
from knowledge.demos import load_pack
from tests.support.openai_server import FakeOpenAI

PACK = load_pack("ticket-triage")


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[CliRunner, FakeOpenAI, FakeOpenAI]]:
    with FakeOpenAI() as base, FakeOpenAI() as ft:
        base.default = "billing I guess"
        ft.default = ' {"category": "shipping", "priority": "normal"}'
        arms = {
            "base": {"kind": "openai", "base_url": base.base_url, "model": "base-m", "prompt": "few_shot"},
            "finetuned": {"kind": "openai", "base_url": ft.base_url, "model": "ft-m", "prompt": "minimal"},
        }
        (tmp_path / "arms.yaml").write_text(yaml.safe_dump(arms))
        monkeypatch.chdir(tmp_path)
        monkeypatch.setenv("FTADVISOR_DATA_DIR", str(tmp_path / "data"))
        monkeypatch.setenv("FTADVISOR_DEMO_ARMS", str(tmp_path / "arms.yaml"))
        context.container.cache_clear()
        yield CliRunner(), base, ft
        context.container().close()
        context.container.cache_clear()


def test_demo_text_side_by_side(cli: tuple[CliRunner, FakeOpenAI, FakeOpenAI]) -> None:
    runner, _base, ft = cli
    result = runner.invoke(app, ["demo", "Where is my parcel?"])
    assert result.exit_code == 0, result.output
    assert "Model + prompt" in result.output and "Fine-tuned model" in result.output
    assert "valid JSON for the schema" in result.output and "not valid" in result.output
    assert ft.requests[0]["body"]["prompt"] == "Ticket: Where is my parcel?\nLabel:"

    as_json = json.loads(runner.invoke(app, ["demo", "Where is my parcel?", "--json"]).stdout)
    assert as_json["kind"] == "demo" and as_json["finetuned"]["output"] == {
        "category": "shipping",
        "priority": "normal",
    }


def test_demo_eval_file_json_contract_and_chart(cli: tuple[CliRunner, FakeOpenAI, FakeOpenAI], tmp_path: Path) -> None:
    runner, *_ = cli
    data = tmp_path / "mine.jsonl"
    data.write_text(
        "\n".join(
            json.dumps({"text": t, "label": {"category": "shipping", "priority": p}})
            for t, p in [("parcel late", "normal"), ("do you ship to Peru?", "low")]
        )
    )
    chart = tmp_path / "chart.png"
    result = runner.invoke(app, ["demo", "--eval", str(data), "--json", "--chart", str(chart)])
    assert result.exit_code == 0, result.output
    contract = json.loads(result.stdout)
    assert set(contract) == {"n", "base", "finetuned", "items", "prompt_arm", "arms"} and contract["n"] == 2
    assert contract["prompt_arm"]["id"] == "arms-file"
    assert contract["arms"]["base"] == {"name": "base-m", "family": "base"}
    assert contract["finetuned"]["accuracy"] == 0.5 and contract["finetuned"]["valid_rate"] == 1.0
    assert contract["base"]["valid_rate"] == 0.0 and contract["items"][0]["base"] == "billing I guess"
    assert chart.read_bytes()[:4] == b"\x89PNG"


def test_demo_eval_pack_set_rendered(cli: tuple[CliRunner, FakeOpenAI, FakeOpenAI]) -> None:
    runner, base, _ = cli
    result = runner.invoke(app, ["demo", "--eval", "offdist", "--no-chart"])
    assert result.exit_code == 0, result.output
    assert "accuracy (all fields)" in result.output and "ticket-triage offdist set" in result.output
    assert len(base.requests) == len(PACK.examples("offdist"))


def test_demo_bad_eval_file(cli: tuple[CliRunner, FakeOpenAI, FakeOpenAI], tmp_path: Path) -> None:
    runner, *_ = cli
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x", "label": {"category": "nope", "priority": "low"}}\n')
    result = runner.invoke(app, ["demo", "--eval", str(bad)])
    assert result.exit_code == 1
    assert "bad.jsonl:1" in result.output
