"""The digest ledger: exactly one post per (channel, period).

Ledger protocol (`digest_posts`, unique on (channel_key, period_start)):

1. **claim**: `INSERT ... ON CONFLICT DO NOTHING` (SQLite and Postgres; a plain INSERT that
   catches the unique violation elsewhere). The runner whose insert wrote the row holds a lease
   (`owner`, `lease_until`). Anyone else may take the row over only once the lease has expired,
   with a compare-and-swap on `version`, so exactly one runner wins each takeover.
2. **posting**: before the network call the owner records `status='posting'` (conditional on still
   holding the lease). The row's `idempotency_key` travels with the message (Slack message
   metadata, a line in the terminal log...).
3. **posted**: after the call it records the message reference, in one UPDATE.

Crashes: before (2) - the lease expires and the next runner posts: nothing lost, nothing doubled.
Between (2) and (3) - the next runner sees `posting` and first asks the delivery whether a message
with the idempotency key already exists (`DigestDelivery.find`); found -> recorded, not reposted.
Trade-off: a delivery that cannot look messages up re-posts (at-least-once) rather than risk
losing a digest; and a post that takes longer than the lease could race a takeover, so the
lease (FTADVISOR_DIGEST_LEASE, default 300 s) must be far longer than one post with its retries.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    and_,
    func,
    select,
    update,
)

from bot.storage.db import Database, as_utc, insert_ignore
from bot.storage.schema import posts_table
from handlers.digest.models import Period

OPEN = ("leased", "posting")
DELIVERED = ("posted", "skipped")


def utc(value: datetime) -> datetime:
    """Stored datetimes are UTC (SQLite keeps no offset)."""
    return value.astimezone(UTC)


def idempotency_key(channel_key: str, period_start: datetime) -> str:
    """Deterministic per (channel, period): every runner tags the same message the same way."""
    return hashlib.sha256(f"{channel_key}|{utc(period_start).isoformat()}".encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Claim:
    """A held lease on one (channel, period). `previous_status` is "posting" when a runner that
    crashed may already have posted: check with the delivery before posting again."""

    post_id: int
    channel_key: str
    period: Period
    owner: str
    idempotency_key: str
    previous_status: str | None
    posting_started_at: datetime | None
    attempts: int


@dataclass(frozen=True)
class PostRecord:
    channel_key: str
    period: Period
    status: str
    owner: str
    lease_until: datetime
    attempts: int
    idempotency_key: str
    message_ref: str | None
    error: str | None
    posted_at: datetime | None


def _row_to_record(row: Any) -> PostRecord:
    m = row._mapping
    return PostRecord(
        channel_key=m["channel_key"],
        period=Period(start=as_utc(m["period_start"]), end=as_utc(m["period_end"])),
        status=m["status"],
        owner=m["owner"],
        lease_until=as_utc(m["lease_until"]),
        attempts=m["attempts"],
        idempotency_key=m["idempotency_key"],
        message_ref=m["message_ref"],
        error=m["error"],
        posted_at=as_utc(m["posted_at"]) if m["posted_at"] is not None else None,
    )


class SqlDigestPosts:
    """The ledger (see the module docstring). Also implements `DigestHistory`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def claim(
        self,
        channel_key: str,
        slot: Period,
        *,
        subscription_id: str,
        owner: str,
        now: datetime,
        lease: timedelta,
    ) -> Claim | None:
        """Take the lease on (channel, slot) if nobody holds it and it is not done; None otherwise."""
        t = posts_table
        now, start = utc(now), utc(slot.start)
        key = idempotency_key(channel_key, start)
        until = now + lease
        with self.db.begin() as conn:
            values = {
                "channel_key": channel_key,
                "period_start": start,
                "period_end": utc(slot.end),
                "subscription_id": subscription_id,
                "status": "leased",
                "owner": owner,
                "lease_until": until,
                "version": 1,
                "attempts": 1,
                "idempotency_key": key,
                "created_at": now,
            }
            if insert_ignore(conn, t, values, ["channel_key", "period_start"]):
                new_id = conn.execute(
                    select(t.c.id).where(t.c.channel_key == channel_key, t.c.period_start == start)
                ).scalar_one()
                return Claim(new_id, channel_key, slot, owner, key, None, None, 1)
        # read, then compare-and-swap in a transaction of its own (on SQLite a read transaction
        # cannot be upgraded to a write once another connection has committed)
        with self.db.begin() as conn:
            row = conn.execute(select(t).where(t.c.channel_key == channel_key, t.c.period_start == start)).first()
        if row is None or row.status not in OPEN or as_utc(row.lease_until) >= now:
            return None
        with self.db.begin() as conn:
            taken = conn.execute(
                update(t)
                .where(t.c.id == row.id, t.c.version == row.version)  # compare-and-swap
                .values(owner=owner, lease_until=until, version=t.c.version + 1, attempts=t.c.attempts + 1)
            ).rowcount
        if taken != 1:
            return None
        started = as_utc(row.posting_started_at) if row.posting_started_at is not None else None
        return Claim(row.id, channel_key, slot, owner, key, row.status, started, row.attempts + 1)

    def mark_posting(self, claim: Claim, *, now: datetime) -> bool:
        """Record that the message is about to be sent; False if the lease was lost meanwhile."""
        t = posts_table
        now = utc(now)
        with self.db.begin() as conn:
            return (
                conn.execute(
                    update(t)
                    .where(
                        t.c.id == claim.post_id,
                        t.c.owner == claim.owner,
                        t.c.status.in_(OPEN),
                        t.c.lease_until > now,
                    )
                    .values(status="posting", posting_started_at=now, version=t.c.version + 1)
                ).rowcount
                == 1
            )

    def mark_posted(self, claim: Claim, *, message_ref: str, now: datetime) -> bool:
        """Record the sent message (whoever holds the lease now: the message exists)."""
        t = posts_table
        with self.db.begin() as conn:
            return (
                conn.execute(
                    update(t)
                    .where(t.c.id == claim.post_id, t.c.status != "posted")
                    .values(
                        status="posted",
                        message_ref=message_ref,
                        posted_at=utc(now),
                        error=None,
                        version=t.c.version + 1,
                    )
                ).rowcount
                == 1
            )

    def mark_skipped(self, claim: Claim, *, now: datetime) -> bool:
        """A quiet period with FTADVISOR_DIGEST_QUIET=skip: done, nothing posted."""
        t = posts_table
        with self.db.begin() as conn:
            return (
                conn.execute(
                    update(t)
                    .where(t.c.id == claim.post_id, t.c.owner == claim.owner, t.c.status.in_(OPEN))
                    .values(status="skipped", posted_at=utc(now), version=t.c.version + 1)
                ).rowcount
                == 1
            )

    def release(self, claim: Claim, *, now: datetime, error: str, max_attempts: int) -> str:
        """Give the lease back after a failed post so the next sweep retries it; after
        `max_attempts` the period is marked `failed`. Returns the new status."""
        t = posts_table
        give_up = claim.attempts >= max_attempts
        with self.db.begin() as conn:
            conn.execute(
                update(t)
                .where(t.c.id == claim.post_id, t.c.owner == claim.owner, t.c.status.in_(OPEN))
                .values(
                    lease_until=utc(now) - timedelta(seconds=1),  # free to take at once
                    error=error[:2000],
                    version=t.c.version + 1,
                    **({"status": "failed"} if give_up else {}),
                )
            )
            row = conn.execute(select(t.c.status).where(t.c.id == claim.post_id)).one()
        return str(row.status)

    def get(self, channel_key: str, period_start: datetime) -> PostRecord | None:
        t = posts_table
        with self.db.begin() as conn:
            row = conn.execute(
                select(t).where(t.c.channel_key == channel_key, t.c.period_start == utc(period_start))
            ).first()
        return _row_to_record(row) if row else None

    def is_done(self, channel_key: str, period_start: datetime) -> bool:
        record = self.get(channel_key, period_start)
        return record is not None and record.status not in OPEN

    def records(self, channel_key: str | None = None, *, limit: int = 50) -> list[PostRecord]:
        t = posts_table
        q = select(t).order_by(t.c.period_end.desc(), t.c.id.desc()).limit(limit)
        if channel_key is not None:
            q = q.where(t.c.channel_key == channel_key)
        with self.db.begin() as conn:
            return [_row_to_record(r) for r in conn.execute(q)]

    def last_delivered_end(self, channel_key: str) -> datetime | None:
        t = posts_table
        with self.db.begin() as conn:
            value = conn.execute(
                select(func.max(t.c.period_end)).where(and_(t.c.channel_key == channel_key, t.c.status.in_(DELIVERED)))
            ).scalar()
        return as_utc(value) if value is not None else None
