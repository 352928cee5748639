"""Team notes: add, list and delete, with provenance (author, channel, visibility).

A note added in a private channel, a DM or a group chat is private to that channel: the
retriever only returns it to requests from the same channel. A note that holds a credential (a
token, a key: `handlers.secrets`) is refused on every platform, without echoing the secret.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from handlers.errors import BadInput
from handlers.models import NotesReply, NoteView, Request, TextReply
from handlers.ports import Indexer, Note, NoteStore
from handlers.router import Context, command_word
from handlers.secrets import find_secret
from knowledge.types import Chunk

MAX_NOTE_CHARS = 3000


def note_chunk(note: Note) -> Chunk:
    """How a note is indexed: its own passage, cited as "Team note by <author>, <date>"."""
    day = note.created_at.date().isoformat()
    return Chunk(
        id=f"note:{note.id}",
        doc_id=f"note:{note.id}",
        text=note.text,
        heading="Team note",
        title="Team note",
        source=f"Team note by {note.author}, {day}",
        kind="note",
        author=note.author,
        date=day,
        visibility=note.visibility,
        channel=note.channel,
    )


def note_view(note: Note) -> NoteView:
    return NoteView(
        id=note.id, text=note.text, author=note.author, channel=note.channel,
        visibility=note.visibility, created_at=note.created_at.isoformat(timespec="minutes"),
    )


class NoteService:
    def __init__(self, store: NoteStore, indexer: Indexer) -> None:
        self.store = store
        self.indexer = indexer

    def add(
        self, text: str, *, author: str, channel: str, visibility: Literal["public", "private"],
        platform: str = "terminal", key: str | None = None,
    ) -> Note:
        text = text.strip()
        if not text:
            raise BadInput("A note needs some text, e.g. `note LoRA r=8 was enough for our triage task`.")
        if len(text) > MAX_NOTE_CHARS:
            raise BadInput(f"Notes are limited to {MAX_NOTE_CHARS:,} characters; this one has {len(text):,}.")
        secret = find_secret(text)
        if secret is not None:  # notes are shared, indexed and quoted: a credential must not be one
            raise BadInput(
                f"Not saved: this note seems to contain {secret}. Notes are shared with the team and quoted "
                "in answers and digests, so remove the secret (and rotate it if it was real) and try again."
            )
        note = self.store.add(text, author=author, channel=channel, visibility=visibility, platform=platform, key=key)
        self.indexer.upsert([note_chunk(note)])  # the database write comes first: the index is rebuildable
        return note

    def delete(self, note_id: str) -> bool:
        deleted = self.store.delete(note_id)
        self.indexer.delete([f"note:{note_id}"])
        return deleted

    def visible(self, *, channel: str | None = None) -> list[Note]:
        return self.store.list(channel=channel)

    def chunks(self) -> list[Chunk]:
        """Every note as an index chunk (for `reindex`)."""
        return [note_chunk(n) for n in self.store.list()]


class NoteFeature:
    """`note <text>` saves a note; `notes` lists the notes visible here; `note delete <id>`."""

    name = "note"
    commands: tuple[str, ...] = ("note", "notes")
    action_prefix = "note."

    def __init__(self, service: NoteService) -> None:
        self.service = service

    def claims(self, request: Request) -> bool:
        word, _ = command_word(request.text)
        return word in ("note", "notes")

    def handle(self, request: Request, ctx: Context) -> Sequence[object]:
        conv = request.conversation
        text = request.text
        word, rest = command_word(text)
        if request.command in ("note", "notes") and word not in ("note", "notes"):
            word, rest = request.command, text
        if request.action is not None and request.action.name == "note.save":
            rest = str(request.action.value.get("text", ""))
            word = "note"
        if word == "notes" or rest.lower() in ("list", "ls"):
            notes = self.service.visible(channel=conv.channel)
            return [NotesReply(title=f"{len(notes)} team note(s) visible here", notes=[note_view(n) for n in notes])]
        sub, _, arg = rest.partition(" ")
        if sub.lower() in ("delete", "rm", "remove"):
            note_id = arg.strip()
            if not note_id:
                raise BadInput("Say which note to delete: `note delete <id>` (ids are shown by `notes`).")
            note = self.service.store.get(note_id)
            if note is None or (note.visibility == "private" and note.channel != conv.channel):
                return [TextReply(text=f"No note `{note_id}` here.", tone="warning")]
            self.service.delete(note_id)
            return [TextReply(text=f"Deleted note `{note_id}`.", tone="success")]
        visibility: Literal["public", "private"] = "private" if conv.is_private else "public"
        note = self.service.add(
            rest, author=conv.user_name or conv.user, channel=conv.channel, visibility=visibility,
            platform=conv.platform, key=request.work_key,
        )
        where = "only in this conversation" if visibility == "private" else "in every channel"
        return [
            TextReply(
                text=f"Saved team note `{note.id}` ({visibility}: it will be cited {where}).", tone="success"
            )
        ]
