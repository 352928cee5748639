"""`db_url`: every storage test that takes it runs twice, on a SQLite file and on a real PostgreSQL
(`postgres_url` in tests/conftest.py, emptied for each test: tables and migration history)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.database import empty_database


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'x.db'}"
    pg = str(request.getfixturevalue("postgres_url"))
    empty_database(pg)
    return pg
