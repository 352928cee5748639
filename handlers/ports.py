"""Ports: what handlers need from the outside world, as Protocols.

`bot/` provides the implementations (chroma + BM25 retriever, OpenAI-compatible chat model,
SQLAlchemy stores); tests inject fakes through the same seams.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any, Literal, Protocol, runtime_checkable

from pydantic import BaseModel

from knowledge.types import Chunk, Passage, SearchScope


class Retriever(Protocol):
    def retrieve(
        self, query: str, *, k: int = 5, scope: SearchScope | None = None, keywords: str = ""
    ) -> list[Passage]:
        """Top passages for `query`, best first, already filtered by `scope` visibility; `keywords`
        are searched for by the keyword arm only (not embedded)."""
        ...

    def is_covered(self, passages: Sequence[Passage], query: str = "") -> bool:
        """Whether the passages answer `query` well enough (else: not covered)."""
        ...


class Spelling(Protocol):
    def correct(self, text: str) -> str:
        """`text` with its misspelt words corrected against the indexed text's vocabulary."""
        ...


class Indexer(Protocol):
    """Keeps the rebuildable search index in step with the database."""

    def upsert(self, chunks: Sequence[Chunk]) -> None: ...

    def delete(self, ids: Sequence[str]) -> None: ...


class ChatMessage(BaseModel):
    role: Literal["system", "user", "assistant"]
    content: str


class ChatModel(Protocol):
    """An OpenAI-compatible chat endpoint. Raises `handlers.errors.ModelError` on any failure."""

    def complete(self, messages: Sequence[ChatMessage], *, timeout_s: float) -> str: ...


@runtime_checkable
class StructuredChatModel(Protocol):
    """A chat model whose output can be constrained to a JSON schema (`response_format`).

    `timeout_s` is the one total deadline of the call; `supports_schema` is False when the
    deployment asked for free text only."""

    @property
    def supports_schema(self) -> bool: ...

    @property
    def quote_only(self) -> bool:
        """Whether answers must be built from verbatim passage sentences (small models that invent)."""
        ...

    def complete_json(
        self,
        messages: Sequence[ChatMessage],
        *,
        schema: dict[str, Any],
        name: str,
        timeout_s: float | None = None,
        max_tokens: int | None = None,
    ) -> str: ...


@runtime_checkable
class StreamingChatModel(Protocol):
    """A structured chat model that can also stream its (schema-constrained) output."""

    def stream_json(
        self,
        messages: Sequence[ChatMessage],
        *,
        schema: dict[str, Any],
        name: str,
        timeout_s: float | None = None,
        max_tokens: int | None = None,
    ) -> Iterator[str]:
        """Text deltas, all within the deadline `timeout_s`; raises ModelError subclasses."""
        ...


class Note(BaseModel):
    id: str
    text: str
    author: str
    channel: str
    visibility: Literal["public", "private"] = "public"
    platform: str = "terminal"
    created_at: datetime


class NoteStore(Protocol):
    def add(
        self, text: str, *, author: str, channel: str, visibility: Literal["public", "private"], platform: str,
        key: str | None = None,
    ) -> Note:
        """Save a note. With `key` (the work's idempotency key) saving again returns the note the
        first save stored instead of storing a second one."""
        ...

    def get(self, note_id: str) -> Note | None: ...

    def list(self, *, channel: str | None = None, since: datetime | None = None) -> list[Note]:
        """Notes visible from `channel` (public ones plus that channel's private ones);
        channel=None lists every note (admin/terminal use)."""
        ...

    def delete(self, note_id: str) -> bool: ...


class Turn(BaseModel):
    role: Literal["user", "assistant"]
    text: str
    at: datetime


class ConversationStore(Protocol):
    """Thread history, kept in our database (reading it back from Slack is rate-limited)."""

    def append(self, thread_key: str, role: Literal["user", "assistant"], text: str) -> None: ...

    def history(self, thread_key: str, *, limit: int = 10) -> list[Turn]: ...

    def has_thread(self, thread_key: str) -> bool:
        """Whether the bot already took part in this thread."""
        ...


class QuestionLog(Protocol):
    """Questions asked and whether the knowledge base covered them (for digests: knowledge gaps)."""

    def record(self, *, thread_key: str, channel: str, user: str, question: str, grounded: bool) -> None: ...


class StoredVectors(Protocol):
    """Vectors embedded ahead of use, by text (the notes' sentences: `knowledge.sentence_store`)."""

    def get(self, texts: Sequence[str]) -> dict[str, Any]:
        """The stored vector of each of `texts` that has one (a text's `embed_documents` row)."""
        ...


class TextEncoder(Protocol):
    """Sentence embeddings (L2-normalised rows); the knowledge base's embedder provides it."""

    def embed_documents(self, texts: Sequence[str]) -> Any: ...

    def embed_query(self, text: str) -> Any: ...
