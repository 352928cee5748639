"""`ftadvisor db current|upgrade` through the real CLI app, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import context
from bot.cli.main import app
from bot.storage.db import Database
from bot.storage.migrate import current_revision, head_revision
from tests.support.database import sqlite_or_postgres


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return sqlite_or_postgres(request, tmp_path / "data" / "ft.db")


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database_url: str) -> Iterator[CliRunner]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FTADVISOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DATABASE_URL", database_url)
    context.container.cache_clear()
    yield CliRunner()
    context.container.cache_clear()


def test_upgrade_brings_a_fresh_database_to_the_newest_revision(cli: CliRunner, database_url: str) -> None:
    before = cli.invoke(app, ["db", "current"])
    assert before.exit_code == 0, before.output
    assert "database revision: none" in before.output and "needs `ftadvisor db upgrade`" in before.output
    done = cli.invoke(app, ["db", "upgrade"])
    assert done.exit_code == 0, done.output
    assert f"at revision {head_revision()}" in done.output
    assert "up to date" in cli.invoke(app, ["db", "current"]).output
    db = Database(database_url)
    assert current_revision(db) == head_revision()
    db.dispose()


def test_upgrade_to_an_unknown_revision_fails_politely(cli: CliRunner) -> None:
    result = cli.invoke(app, ["db", "upgrade", "nope"])
    assert result.exit_code == 1
    assert "could not migrate" in result.output and "Traceback" not in result.output
