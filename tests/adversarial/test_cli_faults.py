"""Issue 12, parts 2, 4, 5 and 9 through the real CLI app (typer's runner, the same click group as
the installed command): every bad input and fault is one clear line and a non-zero exit, every
output passes the sanitizer, and a note holding a secret is refused without echoing it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import context
from bot.cli.main import app

HOSTILE = "See [the handbook](https://evil.example\\@github.com/login) <!everyone> @here"
TOKEN = "xoxb-" + "1234567890-1234567890-" + "abcdefghijklmnopqrstuvwx"


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FTADVISOR_DATA_DIR", str(tmp_path / "data"))
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "DATABASE_URL", "CHROMA_HOST", "FTADVISOR_LINK_ALLOWLIST",
                "SLACK_BOT_TOKEN", "SLACK_API_URL"):
        monkeypatch.delenv(var, raising=False)
    context.container.cache_clear()
    yield CliRunner()
    context.container.cache_clear()


def one_line_failure(result: object, *, contains: str) -> None:
    out = getattr(result, "output", "")
    assert getattr(result, "exit_code", 0) != 0, out
    assert getattr(result, "exception", None) is None or isinstance(result.exception, SystemExit), out  # type: ignore[attr-defined]
    assert "Traceback" not in out, out
    assert contains in out, out
    assert len([line for line in out.strip().splitlines() if line.strip()]) == 1, out


# --- part 4: tracebacks --------------------------------------------------------------------------


def test_note_list_prints_rich_markup_from_user_text_as_written(cli: CliRunner) -> None:
    added = cli.invoke(app, ["note", "add", "closing tag [/x] and [bold]not bold"])
    assert added.exit_code == 0, added.output
    listed = cli.invoke(app, ["note", "list"])
    assert listed.exit_code == 0, listed.output
    assert "[/x]" in listed.output and "[bold]not" in listed.output


def test_note_delete_of_a_markup_id_is_one_line(cli: CliRunner) -> None:
    result = cli.invoke(app, ["note", "delete", "[/x]"])
    one_line_failure(result, contains="no note [/x]")


def test_deeply_nested_answers_json_is_one_line(cli: CliRunner, tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    result = cli.invoke(app, ["assess", "--answers", str(deep)])
    one_line_failure(result, contains="nested too deeply")
    as_json = cli.invoke(app, ["assess", "--answers", str(deep), "--json"])
    assert as_json.exit_code == 2 and "nested too deeply" in json.loads(as_json.stdout)["error"]


def test_nonsense_database_url_is_one_line(cli: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "nonsense://")
    one_line_failure(cli.invoke(app, ["note", "list"]), contains="DATABASE_URL")


def test_unreachable_postgres_is_one_line(cli: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u:p@127.0.0.1:1/nothing?connect_timeout=2")
    one_line_failure(cli.invoke(app, ["note", "list"]), contains="Check DATABASE_URL")


def test_link_allowlist_accepts_a_comma_separated_list(cli: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FTADVISOR_LINK_ALLOWLIST", "github.com, docs.python.org")
    cli.invoke(app, ["note", "add", "Okapi: see https://docs.python.org/3/ and https://evil.com/x"])
    result = cli.invoke(app, ["digest", "--dry-run", "--json"])
    assert result.exit_code == 0, result.output
    assert "https://docs.python.org/3/" in result.stdout and "evil.com" not in result.stdout


def test_digest_sweep_with_a_refused_slack_token_is_one_line(cli: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.support.fake_slack import FakeSlack

    with FakeSlack() as fake:
        fake.fail("auth.test", error="invalid_auth", times=5)
        fake.fail("chat.postMessage", error="invalid_auth", times=5)
        monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-not-a-valid-token")
        monkeypatch.setenv("SLACK_API_URL", fake.api_url)
        sub = cli.invoke(app, ["digest", "subscribe", "daily", "00:00", "--channel", "C1", "--platform", "slack",
                               "--workspace", "T1"])
        assert sub.exit_code == 0, sub.output
        result = cli.invoke(app, ["digest", "sweep"])
    one_line_failure(result, contains="invalid_auth")


def test_corrupted_index_file_is_one_line(cli: CliRunner) -> None:
    assert cli.invoke(app, ["note", "add", "a note so that the index exists"]).exit_code == 0
    context.container().close()
    context.container.cache_clear()
    index = next((Path("data") / "chroma").rglob("chroma.sqlite3"))
    index.write_bytes(b"this is not a database" * 1000)
    result = cli.invoke(app, ["note", "add", "another note"])
    assert "Traceback" not in result.output
    if result.exit_code != 0:  # repaired by the ingest branch's recovery, or reported in one line
        one_line_failure(result, contains="index")


# --- part 5: settings ranges ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("var", "value"),
    [("FTADVISOR_TOP_K", "-1"), ("FTADVISOR_TOP_K", "0"), ("FTADVISOR_LLM_TIMEOUT", "0"),
     ("FTADVISOR_LLM_DEADLINE", "-5"), ("FTADVISOR_MIN_RELEVANCE", "2"), ("FTADVISOR_MAX_INPUT_CHARS", "0"),
     ("FTADVISOR_DIGEST_SWEEP", "0"), ("FTADVISOR_DIGEST_TZ", "Mars/Olympus"), ("FTADVISOR_LOG_LEVEL", "loud"),
     ("FTADVISOR_LINK_ALLOWLIST", "not a host"), ("PORT", "70000"), ("SLACK_API_URL", "ftp://x")],
)
def test_out_of_range_settings_stop_start_up_naming_the_variable(
    cli: CliRunner, monkeypatch: pytest.MonkeyPatch, var: str, value: str
) -> None:
    monkeypatch.setenv(var, value)
    result = cli.invoke(app, ["ask", "what is LoRA?"])
    assert result.exit_code == 2, result.output
    assert var in result.output and "Traceback" not in result.output


# --- part 2: one sanitizer for every output ------------------------------------------------------


def _assert_clean(text: str) -> None:
    assert "<!everyone>" not in text and "@here" not in text
    assert "evil.example" not in text


def test_ask_json_quotes_are_sanitized(cli: CliRunner) -> None:
    note = "Quokka LoRA rank 8 reached 92 percent <!everyone> @here per [the handbook](https://evil.example\\@github.com/x)"
    assert cli.invoke(app, ["note", "add", note]).exit_code == 0
    result = cli.invoke(app, ["ask", "--json", "What did the quokka LoRA rank 8 reach?"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert any("Quokka" in c["quote"] for c in answer["citations"]), answer
    _assert_clean(result.stdout)
    terminal = cli.invoke(app, ["ask", "What did the quokka LoRA rank 8 reach?"])
    _assert_clean(terminal.output)


def test_digest_dry_run_text_and_json_are_sanitized(cli: CliRunner) -> None:
    assert cli.invoke(app, ["note", "add", f"Okapi prompt caching halved latency. {HOSTILE}"]).exit_code == 0
    as_json = cli.invoke(app, ["digest", "--dry-run", "--json"])
    assert as_json.exit_code == 0, as_json.output
    assert "Okapi" in as_json.stdout
    _assert_clean(as_json.stdout)
    text = cli.invoke(app, ["digest", "--dry-run"])
    assert "Okapi" in text.output
    _assert_clean(text.output)


# --- part 9: secrets in notes --------------------------------------------------------------------


@pytest.mark.parametrize(
    "secret",
    [TOKEN, "xapp-1-A0123456789-1234567890123-abcdef0123456789", "sk-proj-" + "a1B2c3D4e5F6g7H8i9J0k1L2m3",
     "AKIA" + "ABCDEFGHIJKLMNOP", "ghp_" + "a" * 36, "github_pat_" + "11ABCDEFG0" * 4,
     "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----"],
)
def test_a_note_holding_a_secret_is_refused_without_echoing_it(cli: CliRunner, secret: str) -> None:
    result = cli.invoke(app, ["note", "add", f"our bot token is {secret} keep it safe"])
    assert result.exit_code == 2, result.output
    assert "Not saved" in result.output and secret.splitlines()[0] not in result.output
    assert secret.splitlines()[-1] not in cli.invoke(app, ["note", "list"]).output
    preview = cli.invoke(app, ["digest", "--dry-run", "--json"]).stdout
    assert secret.splitlines()[0] not in preview
