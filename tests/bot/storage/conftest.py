"""`db_url`: every storage test that takes it runs twice, on a SQLite file and on a real PostgreSQL
(`postgres_url` in tests/conftest.py, emptied for each test)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.storage.db import Database, metadata


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'x.db'}"
    pg = str(request.getfixturevalue("postgres_url"))
    fresh = Database(pg)
    from bot.storage import registry  # noqa: F401  (registers every table before drop_all)

    metadata.drop_all(fresh.engine)
    fresh.dispose()
    return pg
