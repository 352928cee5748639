"""Team notes: the database is the source of truth; the search index is rebuilt from it.

A note saved by accepted work (a Slack command, message or shortcut, a Teams activity) carries the
work's key: its id is derived from the key, so a redo of that work after a replica died returns
the note the first attempt stored instead of saving it twice.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime
from typing import Literal

from sqlalchemy import delete, insert, or_, select
from sqlalchemy.exc import IntegrityError

from bot.storage.db import Database, as_utc, utcnow
from bot.storage.schema import notes_table
from handlers.ports import Note


def note_id_for(key: str) -> str:
    """The id of the note saved by the work with idempotency key `key` (same length as a random id)."""
    return hashlib.sha256(f"note:{key}".encode()).hexdigest()[:12]


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
        self, text: str, *, author: str, channel: str, visibility: Literal["public", "private"], platform: str,
        key: str | None = None,
    ) -> Note:
        note = Note(
            id=note_id_for(key) if key else uuid.uuid4().hex[:12], text=text, author=author, channel=channel,
            visibility=visibility, platform=platform, created_at=utcnow(),
        )
        if key and (earlier := self.get(note.id)) is not None:
            return earlier
        try:
            with self.db.begin() as conn:
                conn.execute(insert(notes_table).values(**note.model_dump()))
        except IntegrityError:  # the same work saved it at the same moment (a taken-over lease)
            earlier = self.get(note.id) if key else None
            if earlier is None:
                raise
            return earlier
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
