"""`ftadvisor assess` through the real CLI app (typer's runner), on a temp data dir, offline."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import context
from bot.cli.main import app

CONTRACT = {
    "answers",
    "ranking",
    "recommendation",
    "confidence",
    "missing",
    "flip",
    "break_even",
    "citations",
}
APPROACHES = {"prompt_engineering", "rag", "prompt_tuning", "peft", "full_fine_tuning", "hybrid"}


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FTADVISOR_DATA_DIR", str(tmp_path / "data"))
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
        monkeypatch.delenv(var, raising=False)
    context.container.cache_clear()
    yield CliRunner()
    context.container().close()
    context.container.cache_clear()


def test_from_text_json_contract(cli: CliRunner) -> None:
    text = (
        "we have ~5k labelled tickets, 2M calls a day, docs change weekly, no ML people, prompt is 2k tokens"
    )
    result = cli.invoke(app, ["assess", "--from-text", text, "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert set(out) == CONTRACT | {"tradeoffs"}  # the contract's keys, plus the trade-offs (issue 10)
    assert all(isinstance(t, str) and t.endswith("]") for t in out["tradeoffs"])
    assert out["answers"]["labelled_examples"] == 5000 and out["answers"]["request_volume"] == 2_000_000
    assert out["ranking"][0]["approach"] == out["recommendation"]
    assert {r["approach"] for r in out["ranking"]} == APPROACHES
    assert all(set(r) == {"approach", "score", "reasons"} for r in out["ranking"])
    assert 0 <= out["confidence"] <= 1
    assert "timeline" in out["missing"]
    assert all(set(f) == {"criterion", "to", "recommendation"} for f in out["flip"])
    assert out["break_even"]["available"] and out["break_even"]["prices_as_of"]
    assert out["citations"] and all(c["id"].count("#") == 1 and c["title"] for c in out["citations"])
    assert not (Path("data") / "chroma").exists()  # no search index was built for this


def test_answers_file_json(cli: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_text(
        json.dumps(
            {
                "domain_specialisation": "deep",
                "facts_change": "daily",
                "labelled_examples": "20k",
                "timeline": "Months",
            }
        )
    )
    result = cli.invoke(app, ["assess", "--answers", str(path), "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["answers"] == {
        "domain_specialisation": "deep",
        "facts_change": "daily",
        "labelled_examples": 20000,
        "timeline": "months",
    }
    assert out["recommendation"] == "hybrid"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"colour": "blue"}', "Unknown criterion"),
        ('{"timeline": "eventually-ish"}', "timeline must be one of"),
        ('{"labelled_examples": "lots and lots"}', "needs a number"),
        ("not json", "not valid JSON"),
    ],
)
def test_bad_answers_get_a_clear_message(cli: CliRunner, tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "answers.json"
    path.write_text(content)
    result = cli.invoke(app, ["assess", "--answers", str(path), "--json"], catch_exceptions=False)
    assert result.exit_code == 2
    assert message in json.loads(result.output)["error"]
    assert "Traceback" not in result.output


def test_rendered_result_reads_like_advice(cli: CliRunner) -> None:
    result = cli.invoke(
        app, ["assess", "--from-text", "hackathon demo tomorrow, no data"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.index("Recommendation") < out.index("Why") < out.index("Next steps")
    assert "Prompt engineering" in out and "Sources" in out


def test_interactive_interview_in_the_terminal(cli: CliRunner) -> None:
    # answer the first question with option 1, skip the next, then say done
    result = cli.invoke(app, ["assess"], input="1\nskip\ndone\n", catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "answered" in result.output and "Recommendation" in result.output
    records = context.container().assessments_store.recent()
    assert len(records) == 1 and len(records[0].answers) == 1
