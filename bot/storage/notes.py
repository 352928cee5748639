"""Team notes: the database is the source of truth; the search index is rebuilt from it."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from sqlalchemy import delete, insert, or_, select

from bot.storage.db import Database, as_utc, utcnow
from bot.storage.schema import notes_table
from handlers.ports import Note


def _row_to_note(row: object) -> Note:
    m = row._mapping  # type: ignore[attr-defined]
    return Note(
        id=m["id"], text=m["text"], author=m["author"], channel=m["channel"],
        visibility=m["visibility"], platform=m["platform"], created_at=as_utc(m["created_at"]),
    )


class SqlNoteStore:
    """Implements `handlers.ports.NoteStore`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def add(
        self, text: str, *, author: str, channel: str, visibility: Literal["public", "private"], platform: str
    ) -> Note:
        note = Note(
            id=uuid.uuid4().hex[:12], text=text, author=author, channel=channel,
            visibility=visibility, platform=platform, created_at=utcnow(),
        )
        with self.db.begin() as conn:
            conn.execute(insert(notes_table).values(**note.model_dump()))
        return note

    def get(self, note_id: str) -> Note | None:
        with self.db.begin() as conn:
            row = conn.execute(select(notes_table).where(notes_table.c.id == note_id)).first()
        return _row_to_note(row) if row else None

    def list(self, *, channel: str | None = None, since: datetime | None = None) -> list[Note]:
        q = select(notes_table).order_by(notes_table.c.created_at)
        if channel is not None:
            q = q.where(or_(notes_table.c.visibility == "public", notes_table.c.channel == channel))
        if since is not None:
            q = q.where(notes_table.c.created_at >= since)
        with self.db.begin() as conn:
            return [_row_to_note(r) for r in conn.execute(q)]

    def delete(self, note_id: str) -> bool:
        with self.db.begin() as conn:
            return conn.execute(delete(notes_table).where(notes_table.c.id == note_id)).rowcount > 0
