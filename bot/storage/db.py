"""The engine (one per process) and small helpers every store shares. The tables are declared in
`bot.storage.schema`; `create_schema` brings the database to it through the migrations."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Insert, Table, create_engine, event, insert
from sqlalchemy.exc import DisconnectionError, IntegrityError

log = logging.getLogger(__name__)

def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """SQLite returns naive datetimes; everything we store is UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


#: Connections a server keeps open (PostgreSQL). A burst of Slack requests needs one each, for one
#: round trip (the inbox insert), at the same moment as the workers' own: with SQLAlchemy's
#: default of 5 kept + 10 more, a burst of 20 opened ~9 connections and closed them again, and
#: the acknowledgements that waited for a new connection were the slowest (BENCHMARKS.md,
#: "Round 4: the two replica targets"). Each replica may hold up to POOL_SIZE + MAX_OVERFLOW:
#: size PostgreSQL's `max_connections` for the replicas you run (default 100: three replicas).
POOL_SIZE = 20
MAX_OVERFLOW = 10
#: A pooled connection idle longer than this is pinged before use (a dead one is replaced);
#: one used more recently is trusted, which saves a round trip per checkout under load.
PING_AFTER_IDLE_S = 10.0


class Database:
    """One engine per process, built by the composition root."""

    def __init__(self, url: str, *, ping_after_idle_s: float = PING_AFTER_IDLE_S) -> None:
        self.url = url
        if url.startswith("sqlite"):
            path = url.split("///", 1)[-1]
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.engine: Engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
            event.listen(self.engine, "connect", _sqlite_pragmas)
        else:
            self.engine = create_engine(url, pool_size=POOL_SIZE, max_overflow=MAX_OVERFLOW)
            _ping_when_idle(self.engine, ping_after_idle_s)

    def create_schema(self) -> None:
        """Bring the database to the current schema (Alembic `upgrade head`, under a database lock
        so that replicas starting together never race; see `bot.storage.migrate`)."""
        from bot.storage.migrate import upgrade

        upgrade(self)

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    @contextmanager
    def autocommit(self) -> Iterator[Connection]:
        """A connection whose every statement commits on its own: for a write that is one statement
        (atomic by itself), it saves the BEGIN and COMMIT round trips of `begin` (on PostgreSQL: one
        round trip instead of three). Used where latency is budgeted: the inbox insert made while
        a request is being acknowledged."""
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            yield conn

    def dispose(self) -> None:
        self.engine.dispose()


def insert_ignore(conn: Connection, table: Table, values: dict[str, Any], keys: list[str]) -> bool:
    """Insert unless a row with the same unique `keys` exists; True when this call wrote the row.

    Never trust `rowcount` here: with psycopg 3 an `ON CONFLICT DO NOTHING` can report -1 for a row
    it did write (SQLAlchemy 2.1), which once made every PostgreSQL claim look like a duplicate.
    Both dialects are asked for the written row instead (`RETURNING`, SQLite >= 3.35).

    The statement is built once per (dialect, table, keys) and `values` are bound as parameters:
    SQLAlchemy then finds its compiled form in the cache without rebuilding the statement and its
    cache key (the inbox insert runs while a Slack request is being acknowledged)."""
    dialect = conn.dialect.name
    if dialect in ("sqlite", "postgresql"):
        return conn.execute(_upsert_ignoring(dialect, table, tuple(keys)), values).first() is not None
    try:  # pragma: no cover - other databases: a plain insert, the unique key decides
        with conn.begin_nested():
            conn.execute(insert(table).values(**values))
        return True
    except IntegrityError:  # pragma: no cover
        return False


@cache
def _upsert_ignoring(dialect: str, table: Table, keys: tuple[str, ...]) -> Insert:
    from sqlalchemy.dialects import postgresql, sqlite

    upsert = sqlite.insert if dialect == "sqlite" else postgresql.insert
    return upsert(table).on_conflict_do_nothing(index_elements=list(keys)).returning(*table.primary_key.columns)


def _ping_when_idle(engine: Engine, idle_s: float) -> None:
    """SQLAlchemy's `pool_pre_ping`, only for connections idle longer than `idle_s`
    (a server restart or a proxy's idle timeout kills those). A connection that died within that
    window fails the statement once; SQLAlchemy then invalidates the pool (a Slack request that
    failed so is retried by Slack, as any 500)."""

    def checkin(dbapi_conn: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    def checkout(dbapi_conn: Any, record: Any, proxy: Any) -> None:
        since = record.info.get("idle_since")
        if since is None or time.monotonic() - since < idle_s:
            return
        try:
            engine.dialect.do_ping(dbapi_conn)
        except Exception as exc:
            raise DisconnectionError() from exc

    event.listen(engine.pool, "checkin", checkin)
    event.listen(engine.pool, "checkout", checkout)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: no corruption risk, far fewer fsyncs
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()
