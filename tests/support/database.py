"""Emptying a test database: every table of the schema and Alembic's version table dropped."""

from __future__ import annotations

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
