"""Keyword search on PostgreSQL full-text search (a real PostgreSQL, the table made by the storage
migrations): the same ranking as the BM25 backend on small cases, visibility and kinds in SQL,
replace/delete, and two replicas (two engines) seeing each other's writes at once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.storage.db import Database
from knowledge.keyword import KeywordIndex, tokenize
from knowledge.keyword_pg import PostgresKeywordIndex, query_text, two_term_query
from knowledge.types import Chunk, SearchScope
from tests.support.database import empty_database


def _chunk(chunk_id: str, text: str, **extra: str) -> Chunk:
    return Chunk(id=chunk_id, doc_id=chunk_id.split("#")[0], text=text, title="T", source="S", **extra)  # type: ignore[arg-type]


@pytest.fixture
def pg(postgres_url: str) -> Iterator[Database]:
    empty_database(postgres_url)
    db = Database(postgres_url)
    db.create_schema()
    yield db
    db.dispose()


CHUNKS = [
    _chunk("a#1", "LoRA trains low-rank adapters on frozen weights"),
    _chunk("b#1", "Retrieval-augmented generation fetches documents at question time"),
    _chunk("c#1", "Prompt engineering changes only the input text"),
]


def test_the_query_is_the_bm25_terms_or_ed() -> None:
    assert query_text("How does LoRA train the adapters?") == " or ".join(tokenize("LoRA train adapters"))
    assert query_text("the and of") == ""


def test_ranks_like_the_in_memory_index(pg: Database) -> None:
    index = PostgresKeywordIndex(pg.engine)
    index.add(CHUNKS)
    memory = KeywordIndex(CHUNKS)
    for query in ("how does LoRA train adapters?", "retrieval of documents", "prompt engineering input"):
        assert index.search(query, k=1)[0][0] == memory.search(query, k=1)[0][0]
    assert all(score > 0 for _, score in index.search("adapters documents prompt", k=3))
    assert index.search("sourdough bread", k=3) == []
    assert index.search("", k=3) == []


def test_heading_title_and_term_knowledge(pg: Database) -> None:
    index = PostgresKeywordIndex(pg.engine)
    index.add([_chunk("a#1", "Only body words here", heading="Quantization tricks")])
    assert [i for i, _ in index.search("quantization")] == ["a#1"]
    assert all(index.knows(t) for t in tokenize("quantization tricks"))
    assert not index.knows("sourdough")


def test_visibility_and_kinds_are_filtered(pg: Database) -> None:
    index = PostgresKeywordIndex(pg.engine)
    index.add(
        [
            _chunk("pub#1", "adapters everywhere"),
            _chunk("priv#1", "adapters in private", visibility="private", channel="C1", kind="note"),
        ]
    )
    assert {i for i, _ in index.search("adapters")} == {"pub#1"}
    assert {i for i, _ in index.search("adapters", scope=SearchScope(channel="C2"))} == {"pub#1"}
    assert {i for i, _ in index.search("adapters", scope=SearchScope(channel="C1"))} == {"pub#1", "priv#1"}
    notes_only = SearchScope(channel="C1", kinds=("note",))
    assert {i for i, _ in index.search("adapters", scope=notes_only)} == {"priv#1"}
    top, scores = index.search_and_score("adapters", 1, SearchScope(channel="C2"), ids=["priv#1", "pub#1", "x"])
    assert len(top) == 1 and scores["priv#1"] == 0.0 and scores["pub#1"] > 0 and scores["x"] == 0.0


def test_replace_delete_reset_and_two_replicas(pg: Database, postgres_url: str) -> None:
    a = PostgresKeywordIndex(pg.engine)
    other = Database(postgres_url)  # another replica: its own engine
    b = PostgresKeywordIndex(other.engine)
    a.add([_chunk("note:1", "our team prefers adapters for latency")])
    assert [i for i, _ in b.search("latency")] == ["note:1"]  # visible to the other replica at once
    b.add([_chunk("note:1", "actually we switched to retrieval")])
    assert a.search("latency") == [] and [i for i, _ in a.search("switched")] == ["note:1"]
    assert len(a) == 1
    a.delete(["note:1", "missing"])
    assert b.search("switched") == [] and len(b) == 0
    b.rebuild(CHUNKS)
    assert len(a) == 3
    a.reset()
    assert len(b) == 0
    other.dispose()


BROAD = [
    _chunk("one#1", "adapters adapters adapters adapters"),  # one term, many times: the best ts_rank_cd
    _chunk("one#2", "adapters alone"),
    _chunk("one#3", "latency alone"),
    _chunk("two#1", "adapters cut latency"),
    _chunk("two#2", "latency of adapters, measured"),
]


def test_at_most_candidates_rows_are_ranked_two_term_rows_first(pg: Database) -> None:
    """More matches than `candidates`: only rows holding two of the query terms are ranked (the
    single-term rows fill in after them); within the cap the ranking is over every match."""
    exact = PostgresKeywordIndex(pg.engine)
    exact.add(BROAD)
    everything = [i for i, _ in exact.search("adapters latency", k=5)]
    assert everything[0] == "one#1" and set(everything) == {c.id for c in BROAD}
    bounded = PostgresKeywordIndex(pg.engine, candidates=3)
    top = [i for i, _ in bounded.search("adapters latency", k=5)]
    assert set(top[:2]) == {"two#1", "two#2"}
    assert len(top) >= 4 and set(top[2:]) <= {"one#1", "one#2", "one#3"}  # from the first rows read
    assert [i for i, _ in bounded.search("adapters latency", k=2)] == top[:2]
    assert [i for i, _ in PostgresKeywordIndex(pg.engine, candidates=5).search("adapters latency", k=5)] == everything


def test_two_term_query_is_at_least_two_of_the_terms() -> None:
    assert two_term_query(["a", "b", "c"]) == "'a' & ('b' | 'c') | 'b' & ('c')"
