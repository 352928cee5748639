"""Keyword search served by PostgreSQL full-text search: one index that every replica sees.

Rows of `keyword_chunks` (created by the storage migrations) hold each chunk's terms, tokenized
and stemmed exactly as the in-process BM25 index does (`keyword.tokenize`: same stopwords, same
light stemmer), and a stored `tsvector` over them (`to_tsvector('simple', terms)`, GIN-indexed), so
the two backends agree on what a term is. A query is its terms OR-ed (`websearch_to_tsquery`),
ranked by cover density (`ts_rank_cd`, normalized by document length). Visibility is filtered in
SQL exactly as in the vector index: private chunks only for their own channel.

Nothing is loaded at start-up and nothing grows in memory with the corpus; a chunk written by any
replica is searchable by all of them as soon as its transaction commits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Engine, bindparam, text

from knowledge.keyword import keyword_text, tokenize
from knowledge.types import Chunk, SearchScope

TABLE = "keyword_chunks"
RANK_NORMALIZATION = 1  # divide the rank by 1 + log(document length), like BM25's length term
ALL_KINDS = ("corpus", "note", "document")
BATCH = 500


def query_text(query: str) -> str:
    """The query's terms, OR-ed in `websearch_to_tsquery` syntax ('' when none is left)."""
    return " or ".join(dict.fromkeys(tokenize(query)))


class PostgresKeywordIndex:
    """Implements `knowledge.keyword_port.KeywordSearch` on a PostgreSQL engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # --- writes --------------------------------------------------------------------------------
    def add(self, chunks: Iterable[Chunk]) -> None:
        rows = [
            {
                "id": c.id,
                "kind": c.kind,
                "visibility": c.visibility,
                "channel": c.channel or "",
                "terms": " ".join(tokenize(keyword_text(c))),
            }
            for c in {c.id: c for c in chunks}.values()
        ]
        upsert = text(
            f"INSERT INTO {TABLE} (id, kind, visibility, channel, terms) "
            "VALUES (:id, :kind, :visibility, :channel, :terms) "
            "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, visibility = excluded.visibility, "
            "channel = excluded.channel, terms = excluded.terms"
        )
        for start in range(0, len(rows), BATCH):
            with self.engine.begin() as conn:
                conn.execute(upsert, rows[start : start + BATCH])

    def delete(self, ids: Iterable[str]) -> None:
        wanted = list(ids)
        if wanted:
            stmt = text(f"DELETE FROM {TABLE} WHERE id IN :ids").bindparams(bindparam("ids", expanding=True))
            with self.engine.begin() as conn:
                conn.execute(stmt, {"ids": wanted})

    def reset(self) -> None:
        with self.engine.begin() as conn:
            conn.execute(text(f"DELETE FROM {TABLE}"))

    def rebuild(self, chunks: Iterable[Chunk]) -> None:
        self.reset()
        self.add(chunks)

    def __len__(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(text(f"SELECT count(*) FROM {TABLE}")).scalar_one())

    # --- reads ---------------------------------------------------------------------------------
    def knows(self, term: str) -> bool:
        stmt = text(f"SELECT EXISTS (SELECT 1 FROM {TABLE} WHERE tsv @@ plainto_tsquery('simple', :t))")
        with self.engine.connect() as conn:
            return bool(conn.execute(stmt, {"t": term}).scalar_one())

    def search(self, query: str, k: int = 20, scope: SearchScope | None = None) -> list[tuple[str, float]]:
        return self.search_and_score(query, k, scope)[0]

    def search_and_score(
        self, query: str, k: int = 20, scope: SearchScope | None = None, ids: Iterable[str] = ()
    ) -> tuple[list[tuple[str, float]], dict[str, float]]:
        wanted = list(ids)
        scores = dict.fromkeys(wanted, 0.0)
        q = query_text(query)
        if not q:
            return [], scores
        where, params = _scope_sql(scope)
        params.update({"q": q, "norm": RANK_NORMALIZATION})
        rank = "ts_rank_cd(tsv, query, :norm)"
        base = f"FROM {TABLE}, websearch_to_tsquery('simple', :q) AS query WHERE tsv @@ query AND {where}"
        with self.engine.connect() as conn:
            top: list[tuple[str, float]] = []
            if k > 0:
                rows = conn.execute(text(f"SELECT id, {rank} AS score {base} ORDER BY score DESC, id LIMIT :k"),
                                    {**params, "k": k})
                top = [(str(r.id), float(r.score)) for r in rows]
            if wanted:
                stmt = text(f"SELECT id, {rank} AS score {base} AND id IN :ids").bindparams(
                    bindparam("ids", expanding=True)
                )
                for r in conn.execute(stmt, {**params, "ids": wanted}):
                    scores[str(r.id)] = float(r.score)
        return top, scores


def _scope_sql(scope: SearchScope | None) -> tuple[str, dict[str, Any]]:
    """SQL for what `scope` may see: public chunks, private ones of its channel, its kinds."""
    params: dict[str, Any] = {}
    channel = scope.channel if scope is not None else None
    if channel:
        where = "(visibility = 'public' OR (visibility = 'private' AND channel = :channel))"
        params["channel"] = channel
    else:
        where = "visibility = 'public'"
    kinds: Sequence[str] = scope.kinds if scope is not None else ALL_KINDS
    if set(kinds) < set(ALL_KINDS):
        where += " AND kind = ANY(:kinds)"
        params["kinds"] = list(dict.fromkeys(kinds))
    return where, params
