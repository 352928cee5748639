"""The composition root picks the keyword backend: PostgreSQL full-text search when DATABASE_URL is
PostgreSQL (a note saved through one replica is found by keyword through another at once, with no
rebuild), the in-memory BM25 index on SQLite."""

from __future__ import annotations

from pathlib import Path

from bot.container import Container
from bot.settings import Settings
from knowledge.keyword import KeywordIndex
from knowledge.keyword_pg import PostgresKeywordIndex
from knowledge.types import SearchScope
from tests.support.database import empty_database


def test_replicas_on_postgresql_share_one_keyword_index(postgres_url: str, tmp_path: Path) -> None:
    empty_database(postgres_url)
    a = Container(Settings(data_dir=tmp_path / "a", database_url=postgres_url), chat_model=None)
    b = Container(Settings(data_dir=tmp_path / "a", database_url=postgres_url), chat_model=None)
    try:
        assert isinstance(a.kb.keyword_index, PostgresKeywordIndex)
        b.kb  # noqa: B018 - B is up before the note exists
        note = a.notes.add(
            "Our zebrafish pipeline prefers adapters", author="ana", channel="C1", visibility="private",
            platform="slack",
        )
        hits = b.kb.keyword_index.search("zebrafish", k=5, scope=SearchScope(channel="C1"))
        assert [i for i, _ in hits] == [f"note:{note.id}"]
        passages = b.kb.retriever.retrieve("zebrafish pipeline", k=3, scope=SearchScope(channel="C1"))
        top = passages[0]
        assert top.chunk.id == f"note:{note.id}" and top.keyword_score and top.vector_score
    finally:
        a.close()
        b.close()


def test_sqlite_installs_keep_the_in_memory_index(tmp_path: Path) -> None:
    c = Container(Settings(data_dir=tmp_path), chat_model=None)
    try:
        assert isinstance(c.kb.keyword_index, KeywordIndex)
    finally:
        c.close()
