"""The engine (one per process) and small helpers every store shares. The tables are declared in
`bot.storage.schema`; `create_schema` brings the database to it through the migrations."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, create_engine, event, insert
from sqlalchemy.exc import IntegrityError

log = logging.getLogger(__name__)

def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """SQLite returns naive datetimes; everything we store is UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class Database:
    """One engine per process, built by the composition root."""

    def __init__(self, url: str) -> None:
        self.url = url
        if url.startswith("sqlite"):
            path = url.split("///", 1)[-1]
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.engine: Engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
            event.listen(self.engine, "connect", _sqlite_pragmas)
        else:
            self.engine = create_engine(url, pool_pre_ping=True)

    def create_schema(self) -> None:
        """Bring the database to the current schema (Alembic `upgrade head`, under a database lock
        so that replicas starting together never race; see `bot.storage.migrate`)."""
        from bot.storage.migrate import upgrade

        upgrade(self)

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    def dispose(self) -> None:
        self.engine.dispose()


def insert_ignore(conn: Connection, table: Table, values: dict[str, Any], keys: list[str]) -> bool:
    """Insert unless a row with the same unique `keys` exists; True when this call wrote the row.

    Never trust `rowcount` here: with psycopg 3 an `ON CONFLICT DO NOTHING` can report -1 for a row
    it did write (SQLAlchemy 2.1), which once made every PostgreSQL claim look like a duplicate.
    Both dialects are asked for the written row instead (`RETURNING`, SQLite >= 3.35)."""
    dialect = conn.dialect.name
    if dialect in ("sqlite", "postgresql"):
        from sqlalchemy.dialects import postgresql, sqlite

        upsert = sqlite.insert if dialect == "sqlite" else postgresql.insert
        stmt = upsert(table).values(**values).on_conflict_do_nothing(index_elements=keys)
        return conn.execute(stmt.returning(*table.primary_key.columns)).first() is not None
    try:  # pragma: no cover - other databases: a plain insert, the unique key decides
        with conn.begin_nested():
            conn.execute(insert(table).values(**values))
        return True
    except IntegrityError:  # pragma: no cover
        return False


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: no corruption risk, far fewer fsyncs
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()
