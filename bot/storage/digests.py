"""Digest subscriptions: one per channel (platform, workspace, channel), with its rule.

The ledger of posted digests (exactly once per channel and period) is `bot.storage.digest_ledger`;
its public names are re-exported here so `bot.storage.digests` is the one import for both.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select, update

from bot.storage.db import Database, as_utc, insert_ignore
from bot.storage.digest_ledger import (
    DELIVERED,
    OPEN,
    Claim,
    PostRecord,
    SqlDigestPosts,
    idempotency_key,
    posts_table,
    utc,
)
from bot.storage.schema import subscriptions_table
from handlers.digest.models import ChannelRef, Rule, Subscription

__all__ = [
    "DELIVERED",
    "OPEN",
    "Claim",
    "PostRecord",
    "SqlDigestPosts",
    "SqlSubscriptionStore",
    "idempotency_key",
    "posts_table",
    "subscriptions_table",
]


def _row_to_subscription(row: Any) -> Subscription:
    m = row._mapping
    return Subscription(
        id=m["id"],
        ref=ChannelRef(platform=m["platform"], workspace=m["workspace"], channel=m["channel"]),
        channel_type=m["channel_type"],
        rule=Rule(cadence=m["cadence"], day=m["day"], time=m["time"], tz=m["tz"]),
        created_by=m["created_by"],
        active=bool(m["active"]),
        active_since=as_utc(m["active_since"]),
        created_at=as_utc(m["created_at"]),
    )


class SqlSubscriptionStore:
    """Implements `handlers.digest.ports.SubscriptionStore`: one subscription per channel."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def subscribe(
        self, ref: ChannelRef, rule: Rule, *, created_by: str, channel_type: str, now: datetime
    ) -> Subscription:
        now = utc(now)
        fields = {
            "platform": ref.platform,
            "workspace": ref.workspace,
            "channel": ref.channel,
            "channel_type": channel_type,
            "cadence": rule.cadence,
            "day": rule.day,
            "time": rule.time,
            "tz": rule.tz,
            "created_by": created_by,
            "active": True,
            "active_since": now,
            "updated_at": now,
        }
        t = subscriptions_table
        with self.db.begin() as conn:
            values = {"id": uuid.uuid4().hex[:12], "channel_key": ref.key, "created_at": now, **fields}
            if not insert_ignore(conn, t, values, ["channel_key"]):
                conn.execute(update(t).where(t.c.channel_key == ref.key).values(**fields))
            row = conn.execute(select(t).where(t.c.channel_key == ref.key)).one()
        return _row_to_subscription(row)

    def unsubscribe(self, ref: ChannelRef, *, now: datetime) -> bool:
        t = subscriptions_table
        with self.db.begin() as conn:
            result = conn.execute(
                update(t)
                .where(t.c.channel_key == ref.key, t.c.active.is_(True))
                .values(active=False, updated_at=utc(now))
            )
            return result.rowcount > 0

    def get(self, ref: ChannelRef) -> Subscription | None:
        with self.db.begin() as conn:
            row = conn.execute(select(subscriptions_table).where(subscriptions_table.c.channel_key == ref.key)).first()
        return _row_to_subscription(row) if row else None

    def get_by_id(self, subscription_id: str) -> Subscription | None:
        with self.db.begin() as conn:
            row = conn.execute(select(subscriptions_table).where(subscriptions_table.c.id == subscription_id)).first()
        return _row_to_subscription(row) if row else None

    def list(self, *, active_only: bool = True) -> list[Subscription]:
        q = select(subscriptions_table).order_by(subscriptions_table.c.created_at, subscriptions_table.c.id)
        if active_only:
            q = q.where(subscriptions_table.c.active.is_(True))
        with self.db.begin() as conn:
            return [_row_to_subscription(r) for r in conn.execute(q)]
