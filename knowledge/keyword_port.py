"""The keyword-search port the hybrid retriever uses, with two backends chosen by the composition
root: `knowledge.keyword.KeywordIndex` (BM25 in this process's memory: single-process installs on
SQLite) and `knowledge.keyword_pg.PostgresKeywordIndex` (PostgreSQL full-text search: one index
every replica shares, nothing rebuilt or held in memory at start-up)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from knowledge.types import Chunk, SearchScope


class KeywordSearch(Protocol):
    def add(self, chunks: Iterable[Chunk]) -> None:
        """Index (or re-index) chunks."""

    def delete(self, ids: Iterable[str]) -> None: ...

    def reset(self) -> None:
        """Forget everything."""

    def rebuild(self, chunks: Iterable[Chunk]) -> None:
        """Replace the whole index with `chunks`."""

    def knows(self, term: str) -> bool:
        """Whether a term (as `keyword.tokenize` makes it) occurs in any chunk."""

    def search(self, query: str, k: int = 20, scope: SearchScope | None = None) -> list[tuple[str, float]]:
        """Best `k` (chunk id, score) pairs with a positive score, best first, visible in `scope`."""

    def search_and_score(
        self, query: str, k: int = 20, scope: SearchScope | None = None, ids: Iterable[str] = ()
    ) -> tuple[list[tuple[str, float]], dict[str, float]]:
        """`search`, plus the scores of the given `ids` (0.0 when they do not match or are hidden)."""
