"""`ftadvisor pack create|list` through the real CLI app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import context
from bot.cli.main import app

SAMPLE = Path(__file__).resolve().parents[3] / "knowledge/demos/samples/bank-intents/bank-intents.jsonl"


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    monkeypatch.setenv("FTADVISOR_DATA_DIR", str(tmp_path / "data"))
    context.container.cache_clear()
    yield CliRunner()
    context.container.cache_clear()


def test_create_then_list(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["pack", "create", "bank", "--from", str(SAMPLE), "--label-fields", "intent"])
    assert result.exit_code == 0, result.output
    assert "500 usable examples" in result.output and "pack bank: 400 train, 100 eval" in result.output
    assert (tmp_path / "data/packs/bank/pack.yaml").is_file()
    listed = runner.invoke(app, ["pack", "list"])
    assert "ticket-triage  (built-in)" in listed.output and "bank  Bank: 400 train / 100 eval" in listed.output


def test_a_bad_file_exits_1_with_row_numbered_problems(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("text,intent\n" + "".join(f"text {i},a\n" for i in range(6)) + ",b\ntext 1,a\n")
    result = runner.invoke(app, ["pack", "create", "mine", "--from", str(bad), "--label-fields", "intent"])
    assert result.exit_code == 1
    assert "row 8: empty text in 'text'" in result.output and "row 9: duplicate of row 3" in result.output
    assert not (tmp_path / "data/packs/mine").exists()
    missing = runner.invoke(app, ["pack", "create", "mine", "--from", str(tmp_path / "nope.csv")])
    assert missing.exit_code == 2 and "nope.csv" in missing.output
