"""Keyword search served by PostgreSQL full-text search: one index that every replica sees.

Rows of `keyword_chunks` (created by the storage migrations) hold each chunk's terms, tokenized
and stemmed exactly as the in-process BM25 index does (`keyword.tokenize`: same stopwords, same
light stemmer), and a stored `tsvector` over them (`to_tsvector('simple', terms)`, GIN-indexed), so
the two backends agree on what a term is. A query is its terms OR-ed (`websearch_to_tsquery`),
ranked by cover density (`ts_rank_cd`, normalized by document length). Visibility is filtered in
SQL exactly as in the vector index: private chunks only for their own channel.

Bounded work per query. The GIN index finds matching rows but cannot order them, so ranking reads
every match: an expanded question of a dozen terms matched ~28% of a 100,000-chunk corpus, and
ranking those ~28,000 rows took 0.5-1.3 s. So at most `candidates` rows (1,000) are read and
ranked: all matches when they fit (every small corpus: then the ranking is exactly `ts_rank_cd`
over all matches); else the rows holding at least two distinct query terms (`a & (b | c | ...) |
b & (c | ...) | ...`, evaluated in the index), ranked the same way, with single-term matches
filling the list when fewer than k such rows exist. Rows sharing more terms with the query come
first, as BM25's summed term weights would put them. Only when even the two-term rows overflow
the cap is the ranked set a subset of them (the first `candidates` the index returns). When the
planner already estimates far more matches than the cap, the first tier is not even read.

Nothing is loaded at start-up and nothing grows in memory with the corpus; a chunk written by any
replica is searchable by all of them as soon as its transaction commits.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, text

from knowledge.terms import keyword_text, tokenize
from knowledge.types import ALL_KINDS, Chunk, SearchScope

TABLE = "keyword_chunks"
RANK_NORMALIZATION = 1  # divide the rank by 1 + log(document length), like BM25's length term
BATCH = 500
#: At most this many matching rows are read and ranked per query (see the module docstring).
CANDIDATES = 1000
#: The planner estimating more matches than this many times `candidates`: straight to two-term rows.
BROAD_ESTIMATE = 4
#: Terms used for the two-term tier (the question's own terms come first in an expanded query).
MAX_TIER_TERMS = 12


def query_text(query: str) -> str:
    """The query's terms, OR-ed in `websearch_to_tsquery` syntax ('' when none is left)."""
    return " or ".join(dict.fromkeys(tokenize(query)))


class PostgresKeywordIndex:
    """Implements `knowledge.keyword_port.KeywordSearch` on a PostgreSQL engine."""

    def __init__(self, engine: Engine, *, candidates: int = CANDIDATES) -> None:
        self.engine = engine
        self.candidates = candidates

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
        with self.engine.connect() as conn:
            top = self._top(conn, q, k, where, params) if k > 0 else []
            if wanted:
                stmt = text(
                    f"SELECT id, ts_rank_cd(tsv, query, :norm) AS score FROM {TABLE}, "
                    f"websearch_to_tsquery('simple', :q) AS query WHERE tsv @@ query AND {where} AND id IN :ids"
                ).bindparams(bindparam("ids", expanding=True))
                for r in conn.execute(stmt, {**params, "ids": wanted}):
                    scores[str(r.id)] = float(r.score)
        return top, scores

    def _top(self, conn: Connection, q: str, k: int, where: str, params: dict[str, Any]) -> list[tuple[str, float]]:
        """The k best rows among at most `candidates` read (see the module docstring)."""
        any_term = "websearch_to_tsquery('simple', :tier)"
        terms = list(dict.fromkeys(q.split(" or ")))[:MAX_TIER_TERMS]
        estimate = text(f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {TABLE} WHERE tsv @@ {any_term} AND {where}")
        plan = conn.execute(estimate, {**params, "tier": q}).scalar_one()
        plan = json.loads(plan) if isinstance(plan, str) else plan  # json, or text with some drivers
        clearly_broad = len(terms) >= 2 and float(plan[0]["Plan"]["Plan Rows"]) > BROAD_ESTIMATE * self.candidates
        if not clearly_broad:  # (the planner's estimate: when far above the cap, skip reading the first tier)
            ranked, overflow = self._rank(conn, any_term, q, k, where, params, always=False)
            if not overflow or len(terms) < 2:
                return ranked
        two, _ = self._rank(conn, "to_tsquery('simple', :tier)", two_term_query(terms), k, where, params)
        if len(two) < k:  # few rows hold two terms: single-term matches fill the list
            ranked, _ = self._rank(conn, any_term, q, k, where, params)
            seen = {i for i, _ in two}
            two += [(i, s) for i, s in ranked if i not in seen]
        return two[:k]

    def _rank(
        self, conn: Connection, tier_sql: str, tier: str, k: int, where: str, params: dict[str, Any],
        *, always: bool = True,
    ) -> tuple[list[tuple[str, float]], bool]:
        """The k best of the first `candidates` rows matching `tier`, and whether more rows match
        (then, unless `always`, nothing is ranked: the caller goes on to a narrower tier)."""
        stmt = text(
            f"WITH cand AS MATERIALIZED (SELECT id, tsv FROM {TABLE} WHERE tsv @@ {tier_sql} AND {where} LIMIT :cap1), "
            "counted AS (SELECT id, tsv, count(*) OVER () AS n FROM cand) "
            "SELECT id, n, CASE WHEN :always OR n <= :cap "
            "THEN ts_rank_cd(tsv, websearch_to_tsquery('simple', :q), :norm) END AS score "
            "FROM counted ORDER BY score DESC NULLS LAST, id LIMIT :k"
        )
        cap = self.candidates
        rows = conn.execute(stmt, {**params, "tier": tier, "cap": cap, "cap1": cap + 1, "always": always, "k": k}).all()
        overflow = bool(rows) and int(rows[0].n) > cap
        if overflow and not always:
            return [], True
        return [(str(r.id), float(r.score)) for r in rows], overflow


def two_term_query(terms: Sequence[str]) -> str:
    """`to_tsquery` text matching rows that hold at least two of `terms`: a & (b | c) | b & c."""
    quoted = ["'" + t.replace("'", "''").replace("\\", "") + "'" for t in terms]
    return " | ".join(f"{t} & ({' | '.join(quoted[i + 1 :])})" for i, t in enumerate(quoted[:-1]))


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
