"""Feedback on answers (the thumbs buttons under every answer), for digests and quality tracking.

One vote per (platform, channel, answer message, user): pressing the other button changes the vote.
`counts` (adapted to the digests' `FeedbackFeed` in `bot.storage.digest_sources`) and `recent`
are the queries reports use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import (
    delete,
    func,
    insert,
    select,
)
from sqlalchemy.exc import IntegrityError

from bot.storage.db import Database, as_utc, utcnow
from bot.storage.schema import feedback_table

Vote = Literal[1, -1]


@dataclass(frozen=True)
class FeedbackCounts:
    up: int = 0
    down: int = 0

    @property
    def total(self) -> int:
        return self.up + self.down


@dataclass(frozen=True)
class FeedbackItem:
    channel: str
    thread_key: str
    message_id: str
    user: str
    vote: int
    question: str
    at: datetime


class SqlFeedbackStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def record(
        self,
        *,
        platform: str,
        channel: str,
        thread_key: str,
        message_id: str,
        user: str,
        vote: Vote,
        question: str = "",
        at: datetime | None = None,
    ) -> None:
        """Store a vote cast at `at` (None: now). A later vote by the same user on the same answer
        replaces an earlier one; a vote cast earlier than the stored one (the redo of an older
        click whose replica died) changes nothing."""
        if vote not in (1, -1):
            raise ValueError(f"vote must be +1 or -1, not {vote!r}")
        cast_at = as_utc(at) if at is not None else utcnow()
        row = {
            "platform": platform, "channel": channel, "thread_key": thread_key, "message_id": message_id,
            "user": user, "vote": vote, "question": question[:2000], "at": cast_at,
        }
        for attempt in (1, 2):
            try:
                self._replace_if_newer(row)
                return
            except IntegrityError:  # another replica stored this user's vote at the same moment
                if attempt == 2:
                    raise

    def _replace_if_newer(self, row: dict[str, Any]) -> None:
        t = feedback_table.c
        same = (t.platform == row["platform"], t.channel == row["channel"], t.message_id == row["message_id"],
                t.user == row["user"])
        with self.db.begin() as conn:
            conn.execute(delete(feedback_table).where(*same, t.at <= row["at"]))
            if conn.execute(select(t.id).where(*same)).first() is None:  # no newer vote stands
                conn.execute(insert(feedback_table).values(**row))

    def counts(
        self, *, channel: str | None = None, since: datetime | None = None, until: datetime | None = None
    ) -> FeedbackCounts:
        """Up and down votes, optionally for one channel and a period [since, until)."""
        t = feedback_table.c
        q = select(t.vote, func.count()).group_by(t.vote)
        q = _filtered(q, channel=channel, since=since, until=until)
        with self.db.begin() as conn:
            by_vote = {int(v): int(n) for v, n in conn.execute(q)}
        return FeedbackCounts(up=by_vote.get(1, 0), down=by_vote.get(-1, 0))

    def recent(
        self,
        *,
        channel: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int | None = 50,
    ) -> list[FeedbackItem]:
        """Votes, newest first."""
        t = feedback_table.c
        q = _filtered(select(feedback_table).order_by(t.id.desc()), channel=channel, since=since, until=until)
        if limit is not None:
            q = q.limit(limit)
        with self.db.begin() as conn:
            rows = list(conn.execute(q))
        return [
            FeedbackItem(
                channel=r.channel,
                thread_key=r.thread_key,
                message_id=r.message_id,
                user=r.user,
                vote=int(r.vote),
                question=r.question,
                at=as_utc(r.at),
            )
            for r in rows
        ]


def _filtered(q: Any, *, channel: str | None, since: datetime | None, until: datetime | None) -> Any:
    t = feedback_table.c
    if channel is not None:
        q = q.where(t.channel == channel)
    if since is not None:
        q = q.where(t.at >= since)
    if until is not None:
        q = q.where(t.at < until)
    return q
