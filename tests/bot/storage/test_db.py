"""The engine's connection handling: a one-statement write that commits on its own (`autocommit`,
the inbox insert of the ack path), and the ping of pooled connections that sat idle (a connection
killed while idle is replaced before use; one used just now is trusted without a round trip)."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError

from bot.storage.db import Database, insert_ignore, utcnow
from bot.storage.schema import receipts_table
from tests.support.database import migrated


def test_an_autocommit_write_is_committed_before_its_block_ends(db_url: str) -> None:
    db = migrated(db_url)
    row = {"key": "k1", "expires_at": utcnow()}
    with db.autocommit() as conn:
        assert insert_ignore(conn, receipts_table, row, ["key"])
        with db.engine.connect() as other:  # another connection sees it already: no transaction left open
            assert other.execute(select(receipts_table.c.key)).scalars().all() == ["k1"]
        assert not insert_ignore(conn, receipts_table, row, ["key"])
    with db.begin() as conn:  # the pooled connection is back in transactional mode
        conn.execute(receipts_table.delete())
        with db.engine.connect() as other:
            assert other.execute(select(receipts_table.c.key)).scalars().all() == ["k1"]
    db.dispose()


def _backend_pid(db: Database) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(text("SELECT pg_backend_pid()")).scalar_one())


def _kill(url: str, pid: int) -> None:
    killer = Database(url)
    with killer.engine.connect() as conn:
        conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    killer.dispose()


def test_a_pooled_connection_killed_while_idle_is_replaced_before_use(postgres_url: str) -> None:
    db = Database(postgres_url, ping_after_idle_s=0.0)
    dead = _backend_pid(db)
    _kill(postgres_url, dead)
    assert _backend_pid(db) != dead  # pinged on checkout, found dead, replaced: the caller saw nothing
    db.dispose()


def test_a_connection_used_just_now_is_not_pinged(postgres_url: str) -> None:
    """The round trip this saves is the other side of the trade: a connection that died within the
    idle window fails its statement once (and the pool is invalidated for the next caller)."""
    db = Database(postgres_url, ping_after_idle_s=3600.0)
    dead = _backend_pid(db)
    _kill(postgres_url, dead)
    with pytest.raises(OperationalError):
        _backend_pid(db)
    assert _backend_pid(db) != dead
    db.dispose()
