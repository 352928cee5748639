"""Value types shared by the knowledge pipeline and its users: chunks and retrieved passages."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Visibility = Literal["public", "private"]
PassageKind = Literal["corpus", "note", "document"]
ALL_KINDS: tuple[PassageKind, ...] = ("corpus", "note", "document")


class Chunk(BaseModel):
    """A unit of indexed text with its provenance (what goes into chroma and BM25)."""

    id: str  # stable: "<doc_id>#<heading-slug>[-<n>]" for documents, "note:<note_id>" for notes
    doc_id: str
    text: str  # the passage text as cited (heading not included)
    heading: str = ""  # section heading path, kept with the chunk for retrieval
    title: str  # document title (article title, or "Team note")
    source: str  # site / author, or "Team note by <author>, <date>"
    kind: PassageKind = "document"
    author: str = ""
    date: str = ""
    path: str = ""  # file the chunk came from ("" for notes)
    content_hash: str = ""  # sha256 of heading+text, for idempotent ingest
    # visibility: a private note is retrievable only from `channel`
    visibility: Visibility = "public"
    channel: str = ""


class Passage(BaseModel):
    """A retrieved chunk with its fused relevance score."""

    chunk: Chunk
    score: float = 0.0  # fused score (higher is better)
    vector_score: float | None = None  # cosine similarity, if the vector arm found it
    keyword_score: float | None = None  # BM25 score, if the keyword arm found it
    ask_score: float | None = None  # best cosine of the question to a question this passage answers (`knowledge.asks`)
    rank: int = 0

    @property
    def id(self) -> str:
        return self.chunk.id

    @property
    def text(self) -> str:
        return self.chunk.text


class SearchScope(BaseModel):
    """Who is asking: decides which private notes are visible."""

    channel: str | None = None  # private notes of this channel are visible; others never are
    kinds: list[PassageKind] = Field(default_factory=lambda: list(ALL_KINDS))
