"""Receipts of processed platform events: exactly-once handling shared by every replica.

Slack retries an event it thinks was not acknowledged (same `event_id`, header `X-Slack-Retry-Num`)
and delivers a channel mention twice (`app_mention` and `message`, same channel and ts). Each
adapter claims a key before doing the work; only the first claim of a key succeeds, in any process
that shares the database. Keys expire after a TTL so the table stays small.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta

from sqlalchemy import delete

from bot.storage.db import Database, insert_ignore, utcnow
from bot.storage.schema import receipts_table

log = logging.getLogger(__name__)


_PURGE_EVERY_S = 60.0


class SqlEventReceipts:
    """`claim(key)` is insert-or-ignore on a unique key: True for the first caller only."""

    def __init__(self, db: Database, *, ttl_s: int = 3600) -> None:
        self.db = db
        self.ttl_s = ttl_s
        self._last_purge = 0.0
        self._purge_lock = threading.Lock()

    def claim(self, key: str) -> bool:
        """Record `key`; False when it was already recorded (and has not expired)."""
        self._purge_expired_now_and_then()
        now = utcnow()
        row = {"key": key[:255], "expires_at": now + timedelta(seconds=self.ttl_s)}
        with self.db.begin() as conn:
            # an expired receipt no longer blocks the key
            conn.execute(
                delete(receipts_table).where(
                    receipts_table.c.key == row["key"], receipts_table.c.expires_at < now
                )
            )
            return insert_ignore(conn, receipts_table, row, ["key"])

    def purge_expired(self) -> int:
        with self.db.begin() as conn:
            return conn.execute(delete(receipts_table).where(receipts_table.c.expires_at < utcnow())).rowcount

    def _purge_expired_now_and_then(self) -> None:
        now = time.monotonic()
        if now - self._last_purge < _PURGE_EVERY_S or not self._purge_lock.acquire(blocking=False):
            return
        try:
            self._last_purge = now
            removed = self.purge_expired()
            if removed:
                log.debug("purged %d expired event receipts", removed)
        finally:
            self._purge_lock.release()
