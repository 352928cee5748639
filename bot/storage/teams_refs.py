"""Teams conversation references, stored when the app is installed (and refreshed on every
message), so that digests can later be posted proactively - from any process, e.g. `clock`.

One row per Teams conversation the bot can post to, keyed by the router's channel id (a Teams
channel's id without `;messageid=`, a chat's conversation id). The reference and the filtered
JWT claims are kept as JSON, exactly as the Agents SDK serializes them; this module does not
import the SDK.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import delete, select, update

from bot.storage.db import Database, as_utc, insert_ignore, utcnow
from bot.storage.schema import teams_refs_table


class StoredTeamsConversation(BaseModel):
    channel: str
    tenant_id: str = ""
    channel_type: str
    reference: dict[str, Any]
    claims: dict[str, str]
    updated_at: datetime


class SqlTeamsConversationStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def save(
        self, *, channel: str, tenant_id: str, channel_type: str, reference: dict[str, Any],
        claims: dict[str, str],
    ) -> None:
        """Insert or replace the reference for `channel` (service URLs can change: newest wins)."""
        row = {
            "channel": channel,
            "tenant_id": tenant_id,
            "channel_type": channel_type,
            "reference": json.dumps(reference, sort_keys=True),
            "claims": json.dumps(claims, sort_keys=True),
            "updated_at": utcnow(),
        }
        t = teams_refs_table
        with self.db.begin() as conn:  # insert, or replace the row another replica wrote first
            if not insert_ignore(conn, t, row, ["channel"]):
                conn.execute(update(t).where(t.c.channel == channel).values(**row))

    def get(self, channel: str) -> StoredTeamsConversation | None:
        with self.db.begin() as conn:
            row = conn.execute(select(teams_refs_table).where(teams_refs_table.c.channel == channel)).first()
        return _stored(row) if row is not None else None

    def remove(self, channel: str) -> bool:
        with self.db.begin() as conn:
            result = conn.execute(delete(teams_refs_table).where(teams_refs_table.c.channel == channel))
        return result.rowcount > 0

    def list(self) -> list[StoredTeamsConversation]:
        with self.db.begin() as conn:
            rows = list(conn.execute(select(teams_refs_table).order_by(teams_refs_table.c.channel)))
        return [_stored(r) for r in rows]


def _stored(row: Any) -> StoredTeamsConversation:
    return StoredTeamsConversation(
        channel=row.channel,
        tenant_id=row.tenant_id,
        channel_type=row.channel_type,
        reference=json.loads(row.reference),
        claims=json.loads(row.claims),
        updated_at=as_utc(row.updated_at),
    )
