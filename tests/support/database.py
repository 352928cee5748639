"""Test databases: a SQLite file or the session's PostgreSQL, emptied (every table of the schema
and Alembic's version table dropped) so that each test migrates from nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from bot.storage.db import Database
from bot.storage.schema import metadata


def empty_database(url: str) -> None:
    """A fresh database at `url` (the next `create_schema` migrates it from nothing)."""
    fresh = Database(url)
    try:
        metadata.drop_all(fresh.engine)
        with fresh.engine.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    finally:
        fresh.dispose()


def sqlite_or_postgres(request: pytest.FixtureRequest, sqlite_file: Path) -> str:
    """The URL for a fixture parametrized over ["sqlite", "postgres"]: `sqlite_file`, or the
    session's PostgreSQL (`postgres_url` in tests/conftest.py), emptied."""
    if request.param == "sqlite":
        return f"sqlite:///{sqlite_file}"
    url = str(request.getfixturevalue("postgres_url"))
    empty_database(url)
    return url


def migrated(url: str) -> Database:
    """A `Database` at `url` with the schema brought to head (what every process does at start-up)."""
    db = Database(url)
    db.create_schema()
    return db
