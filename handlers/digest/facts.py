""" "Did you know" candidates from the curated corpus: one sentence per corpus passage, quoted
verbatim so the citation (article title, site/author, passage id) is honest.

A sentence with a figure in it (a number or a percentage) is preferred: those are the facts a
team remembers. Passages come from `knowledge` (the same chunks, with the same ids, that the
index holds), handed in by the composition root.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from handlers.digest.ports import Fact
from knowledge.types import Chunk

MIN_CHARS = 40
MAX_CHARS = 280
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
_FIGURE = re.compile(r"\d")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text.strip()) if s.strip()]


def fact_from_chunk(chunk: Chunk) -> Fact | None:
    """The passage's most memorable sentence (first one with a figure, else the first), or None."""
    candidates = [s for s in sentences(chunk.text) if MIN_CHARS <= len(s) <= MAX_CHARS and "|" not in s]
    if not candidates:
        return None
    best = next((s for s in candidates if _FIGURE.search(s)), candidates[0])
    return Fact(id=chunk.id, text=best, title=chunk.title, source=chunk.source)


class CorpusFacts:
    """Implements `FactSource` over the corpus chunks (loaded once, on first use)."""

    def __init__(self, load_chunks: Callable[[], Sequence[Chunk]]) -> None:
        self._load = load_chunks
        self._facts: list[Fact] | None = None

    def facts(self) -> Sequence[Fact]:
        if self._facts is None:
            found = (fact_from_chunk(c) for c in self._load())
            self._facts = sorted((f for f in found if f is not None), key=lambda f: f.id)
        return self._facts
