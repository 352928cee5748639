"""Thread history (for follow-up questions) and the log of questions asked (for digests)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from sqlalchemy import func, insert, select

from bot.storage.db import Database, as_utc, utcnow
from bot.storage.schema import questions_table, turns_table
from handlers.ports import Turn


class SqlConversationStore:
    """Implements `handlers.ports.ConversationStore`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def append(self, thread_key: str, role: Literal["user", "assistant"], text: str) -> None:
        with self.db.begin() as conn:
            conn.execute(insert(turns_table).values(thread_key=thread_key, role=role, text=text, at=utcnow()))

    def history(self, thread_key: str, *, limit: int = 10) -> list[Turn]:
        q = (
            select(turns_table.c.role, turns_table.c.text, turns_table.c.at)
            .where(turns_table.c.thread_key == thread_key)
            .order_by(turns_table.c.id.desc())
            .limit(limit)
        )
        with self.db.begin() as conn:
            rows = list(conn.execute(q))
        return [Turn(role=r.role, text=r.text, at=as_utc(r.at)) for r in reversed(rows)]

    def has_thread(self, thread_key: str) -> bool:
        q = select(turns_table.c.id).where(turns_table.c.thread_key == thread_key).limit(1)
        with self.db.begin() as conn:
            return conn.execute(q).first() is not None


class SqlQuestionLog:
    """Implements `handlers.ports.QuestionLog`, plus the queries digests need."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def record(self, *, thread_key: str, channel: str, user: str, question: str, grounded: bool) -> None:
        with self.db.begin() as conn:
            conn.execute(
                insert(questions_table).values(
                    thread_key=thread_key, channel=channel, user=user, question=question,
                    grounded=grounded, at=utcnow(),
                )
            )

    def top_questions(
        self, *, channel: str | None, since: datetime, until: datetime, limit: int = 5
    ) -> list[tuple[str, int]]:
        """Most asked questions (case-folded) in the period."""
        key = func.lower(questions_table.c.question)
        q = (
            select(func.min(questions_table.c.question), func.count())
            .where(questions_table.c.at >= since, questions_table.c.at < until)
            .group_by(key)
            .order_by(func.count().desc(), func.min(questions_table.c.id))
            .limit(limit)
        )
        if channel is not None:
            q = q.where(questions_table.c.channel == channel)
        with self.db.begin() as conn:
            return [(r[0], int(r[1])) for r in conn.execute(q)]

    def gaps(self, *, channel: str | None, since: datetime, until: datetime, limit: int = 5) -> list[str]:
        """Questions the knowledge base could not answer in the period, newest first."""
        q = (
            select(questions_table.c.question)
            .where(
                questions_table.c.grounded.is_(False),
                questions_table.c.at >= since,
                questions_table.c.at < until,
            )
            .order_by(questions_table.c.id.desc())
            .limit(limit)
        )
        if channel is not None:
            q = q.where(questions_table.c.channel == channel)
        with self.db.begin() as conn:
            return [r[0] for r in conn.execute(q)]
