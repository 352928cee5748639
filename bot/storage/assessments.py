"""Assessment storage: the interview running in each thread (JSON state, survives restarts) and
finished assessments (who, where, answers, verdict) for digests and the Slack home tab."""

from __future__ import annotations

from sqlalchemy import delete, insert, select, update

from bot.storage.db import Database, as_utc, insert_ignore, utcnow
from bot.storage.schema import assessments_table, interviews_table
from handlers.assess.models import AssessmentRecord, InterviewState


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
        t = interviews_table
        row = {"thread_key": state.thread_key, "state": data, "updated_at": now}
        with self.db.begin() as conn:  # insert, or update the row (no rowcount: see `insert_ignore`)
            if not insert_ignore(conn, t, row, ["thread_key"]):
                conn.execute(update(t).where(t.c.thread_key == state.thread_key).values(state=data, updated_at=now))

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
