"""`ftadvisor digest ...` through the real CLI app (typer's runner), on a temp data dir."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import context
from bot.cli.main import app


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FTADVISOR_DATA_DIR", str(tmp_path / "data"))
    context.container.cache_clear()
    yield CliRunner()
    context.container().close()
    context.container.cache_clear()


def run(cli: CliRunner, *args: str) -> str:
    result = cli.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_dry_run_json_contract(cli: CliRunner) -> None:
    notes = context.container().notes_store
    notes.add(
        "LoRA r=8 was enough for triage", author="ana", channel="C1", visibility="public", platform="slack"
    )
    notes.add("C2's vendor quote", author="bo", channel="C2", visibility="private", platform="slack")
    out = json.loads(run(cli, "digest", "--dry-run", "--channel", "C1", "--json"))
    assert set(out) == {"channel", "period", "sections", "text"}
    assert out["channel"] == "C1"
    start, end = datetime.fromisoformat(out["period"]["start"]), datetime.fromisoformat(out["period"]["end"])
    assert start < end and start.tzinfo is not None
    assert all(set(s) == {"kind", "items"} and isinstance(s["items"], list) for s in out["sections"])
    kinds = [s["kind"] for s in out["sections"]]
    assert kinds == ["notes", "fact"]
    [note] = out["sections"][0]["items"]
    assert note["author"] == "ana" and note["gist"] == "LoRA r=8 was enough for triage"
    [fact] = out["sections"][1]["items"]
    assert fact["title"] and fact["source"] and fact["id"].count("#") == 1  # a real corpus passage
    assert "vendor quote" not in json.dumps(out)
    assert "LoRA r=8" in out["text"]


def test_dry_run_text_and_quiet(cli: CliRunner) -> None:
    out = run(cli, "digest", "--dry-run")
    assert "Quiet period" in out


def test_subscribe_list_unsubscribe(cli: CliRunner) -> None:
    out = run(cli, "digest", "subscribe", "weekly", "fri", "16:00", "Europe/Berlin", "--channel", "ops")
    assert "terminal::ops" in out and "every Friday at 16:00 (Europe/Berlin)" in out
    listed = json.loads(run(cli, "digest", "list", "--json"))
    assert [(s["channel_key"], s["rule"]["time"]) for s in listed] == [("terminal::ops", "16:00")]
    assert datetime.fromisoformat(listed[0]["next"]).tzinfo is not None
    assert "terminal::ops" in run(cli, "digest", "list")
    assert "unsubscribed terminal::ops" in run(cli, "digest", "unsubscribe", "--channel", "ops")
    assert json.loads(run(cli, "digest", "list", "--json")) == []


def test_bad_rule_exits_2(cli: CliRunner) -> None:
    result = cli.invoke(app, ["digest", "subscribe", "fortnightly"])
    assert result.exit_code == 2 and "Usage" in result.output
