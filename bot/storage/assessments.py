"""Assessment storage: the interview running in each thread (JSON state, survives restarts) and
finished assessments (who, where, answers, verdict) for digests and the Slack home tab."""

from __future__ import annotations

from sqlalchemy import JSON, Column, DateTime, Float, Index, String, Table, delete, insert, select, update

from bot.storage.db import Database, as_utc, metadata, utcnow
from handlers.assess.models import AssessmentRecord, InterviewState

interviews_table = Table(
    "assessment_interviews",
    metadata,
    Column("thread_key", String(400), primary_key=True),
    Column("state", JSON, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

assessments_table = Table(
    "assessments",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("platform", String(16), nullable=False),
    Column("workspace", String(200), nullable=False),
    Column("channel", String(200), nullable=False),
    Column("channel_type", String(16), nullable=False),
    Column("thread", String(200), nullable=False),
    Column("thread_key", String(400), nullable=False),
    Column("user", String(200), nullable=False),
    Column("user_name", String(200), nullable=False),
    Column("answers", JSON, nullable=False),
    Column("recommendation", String(32), nullable=False),
    Column("hybrid_of", JSON, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_assessments_created", "created_at"),
    Index("ix_assessments_channel_created", "channel", "created_at"),
)


class SqlAssessmentStore:
    """Implements `handlers.assess.ports.AssessmentStore`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # --- interviews -----------------------------------------------------------------------------
    def load_interview(self, thread_key: str) -> InterviewState | None:
        q = select(interviews_table.c.state).where(interviews_table.c.thread_key == thread_key)
        with self.db.begin() as conn:
            row = conn.execute(q).first()
        return InterviewState.model_validate(row.state) if row else None

    def save_interview(self, state: InterviewState) -> None:
        data = state.model_dump(mode="json")
        now = utcnow()
        with self.db.begin() as conn:
            done = conn.execute(
                update(interviews_table)
                .where(interviews_table.c.thread_key == state.thread_key)
                .values(state=data, updated_at=now)
            )
            if done.rowcount == 0:
                conn.execute(
                    insert(interviews_table).values(thread_key=state.thread_key, state=data, updated_at=now)
                )

    def clear_interview(self, thread_key: str) -> None:
        with self.db.begin() as conn:
            conn.execute(delete(interviews_table).where(interviews_table.c.thread_key == thread_key))

    # --- finished assessments -------------------------------------------------------------------
    def record(self, record: AssessmentRecord) -> None:
        with self.db.begin() as conn:
            conn.execute(insert(assessments_table).values(**record.model_dump(mode="python")))

    def recent(self, limit: int = 10, channel: str | None = None) -> list[AssessmentRecord]:
        q = select(assessments_table).order_by(assessments_table.c.created_at.desc()).limit(limit)
        if channel is not None:
            q = q.where(assessments_table.c.channel == channel)
        with self.db.begin() as conn:
            rows = list(conn.execute(q))
        out = []
        for row in rows:
            data = dict(row._mapping)
            data["created_at"] = as_utc(data["created_at"])
            out.append(AssessmentRecord.model_validate(data))
        return out
