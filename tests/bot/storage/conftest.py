"""`db_url`: every storage test that takes it runs twice, on a SQLite file and on a real PostgreSQL
(`postgres_url` in tests/conftest.py, emptied for each test: tables and migration history)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.database import sqlite_or_postgres


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return sqlite_or_postgres(request, tmp_path / "x.db")
