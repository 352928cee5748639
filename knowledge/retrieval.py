"""Hybrid retrieval (vectors + BM25, fused with Reciprocal Rank Fusion) and the `KnowledgeBase`
facade that keeps the chroma index and the in-memory keyword index in step.

`HybridRetriever` structurally implements `handlers.ports.Retriever`; `KnowledgeBase` implements
the `Indexer` port (`upsert`, `delete`) used by the notes service.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from chromadb.api import ClientAPI

from knowledge.coverage import CoverageJudge
from knowledge.embeddings import Embedder
from knowledge.index import KnowledgeIndex, collection_name_for, is_visible
from knowledge.keyword import KeywordIndex
from knowledge.keyword_port import KeywordSearch
from knowledge.types import Chunk, Passage, SearchScope

RRF_K = 60
#: Cosine similarity (int8 all-MiniLM-L6-v2) the best passage must reach for a question to count
#: as covered. Tuned on bench/questions.yaml: `python -m bench.retrieval_bench --skip-scale` prints
#: the sweep; with the anchor and foreign-word rules of `knowledge.coverage`, 0.33 is the best balance.
#: Embedder-specific: re-tune for OpenAI embeddings, whose cosines sit in another range.
DEFAULT_MIN_RELEVANCE = 0.33
NEAR_DUPLICATE_JACCARD = 0.9


def _norm_words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z0-9]+", text.lower()))


def _near_duplicate(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return a == b
    return len(a & b) / len(a | b) >= NEAR_DUPLICATE_JACCARD


@dataclass
class _Candidate:
    chunk: Chunk
    fused: float = 0.0
    vector_score: float | None = None
    keyword_score: float | None = None
    words: frozenset[str] = field(default_factory=frozenset)


def fuse(
    vector_hits: Sequence[tuple[Chunk, float]],
    keyword_hits: Sequence[tuple[Chunk, float]],
    *,
    k: int,
    cosines: dict[str, float] | None = None,
    bm25: dict[str, float] | None = None,
    rrf_k: int = RRF_K,
) -> list[Passage]:
    """Reciprocal Rank Fusion of two ranked lists, de-duplicated.

    `vector_hits`: (chunk, cosine), best first; `keyword_hits`: (chunk, BM25), best first.
    fused = sum over the lists a chunk appears in of 1/(rrf_k + rank). `cosines` / `bm25` fill in
    the other arm's score of a chunk found by one arm only (reported, not used for ranking).
    The same id is merged; near-identical texts under different ids (the same paragraph ingested
    twice) keep only the best-fused one.
    """
    by_id: dict[str, _Candidate] = {}
    for rank, (chunk, cosine) in enumerate(vector_hits, 1):
        cand = by_id.setdefault(chunk.id, _Candidate(chunk))
        if cand.vector_score is None:
            cand.fused += 1.0 / (rrf_k + rank)
            cand.vector_score = cosine
    keyword_ranked: set[str] = set()
    for rank, (chunk, score) in enumerate(keyword_hits, 1):
        cand = by_id.setdefault(chunk.id, _Candidate(chunk))
        if chunk.id not in keyword_ranked:
            keyword_ranked.add(chunk.id)
            cand.fused += 1.0 / (rrf_k + rank)
            cand.keyword_score = score
    for cand in by_id.values():
        if cand.vector_score is None and cosines is not None:
            cand.vector_score = cosines.get(cand.chunk.id)
        if cand.keyword_score is None and bm25 is not None:
            cand.keyword_score = bm25.get(cand.chunk.id)
    ranked = sorted(by_id.values(), key=lambda c: (-c.fused, -(c.vector_score or 0.0), c.chunk.id))
    kept: list[_Candidate] = []
    for cand in ranked:
        cand.words = _norm_words(cand.chunk.text)
        if any(_near_duplicate(cand.words, other.words) for other in kept):
            continue
        kept.append(cand)
        if len(kept) == k:
            break
    return [
        Passage(chunk=c.chunk, score=c.fused, vector_score=c.vector_score, keyword_score=c.keyword_score, rank=i)
        for i, c in enumerate(kept, 1)
    ]


class HybridRetriever:
    """Vector top-N + BM25 top-N, fused with RRF; `vector_score` is always the cosine similarity."""

    def __init__(
        self,
        index: KnowledgeIndex,
        keyword_index: KeywordSearch,
        *,
        min_relevance: float = DEFAULT_MIN_RELEVANCE,
        candidates: int = 20,
    ) -> None:
        self.index = index
        self.keyword_index = keyword_index
        self.min_relevance = min_relevance
        self.candidates = candidates
        self.coverage = CoverageJudge(
            keyword_index, min_relevance=min_relevance, whole_word=getattr(index.embedder, "whole_word", None)
        )

    def retrieve(self, query: str, *, k: int = 5, scope: SearchScope | None = None) -> list[Passage]:
        query = query.strip()
        if not query or k <= 0:
            return []
        n = max(self.candidates, k)
        vector = self.index.embedder.embed_query(query)
        vector_hits = self.index.search(vector, n, scope)
        bm25, bm25_of_vector_hits = self.keyword_index.search_and_score(
            query, n, scope, ids=[chunk.id for chunk, _ in vector_hits]
        )
        chunks = {chunk.id: chunk for chunk, _ in vector_hits}
        cosines = {chunk.id: cosine for chunk, cosine in vector_hits}
        # BM25-only hits: their cosine comes from their stored vectors (what embedding them gives).
        for chunk, stored in self.index.get_with_vectors([i for i, _ in bm25 if i not in chunks]):
            chunks[chunk.id] = chunk
            cosines[chunk.id] = float(np.dot(stored, vector))
        keyword_hits = [(chunks[i], s) for i, s in bm25 if i in chunks and is_visible(chunks[i], scope)]
        return fuse(vector_hits, keyword_hits, k=k, cosines=cosines, bm25=bm25_of_vector_hits)

    def is_covered(self, passages: Sequence[Passage], query: str = "") -> bool:
        """See `knowledge.coverage`: similarity, domain anchors and foreign topic words."""
        return self.coverage.covered(query, passages)


class KnowledgeBase:
    """Owns the chroma index and the keyword index and keeps them in step (the `Indexer` port);
    `retriever` searches both."""

    def __init__(
        self,
        index: KnowledgeIndex,
        keyword_index: KeywordSearch | None = None,
        *,
        min_relevance: float = DEFAULT_MIN_RELEVANCE,
        candidates: int = 20,
    ) -> None:
        self.index = index
        self.keyword_index: KeywordSearch = (
            keyword_index if keyword_index is not None else KeywordIndex(index.all_chunks())
        )
        self.retriever = HybridRetriever(index, self.keyword_index, min_relevance=min_relevance, candidates=candidates)

    @classmethod
    def open(
        cls,
        client: ClientAPI,
        embedder: Embedder,
        collection: str = "ftadvisor",
        *,
        min_relevance: float = DEFAULT_MIN_RELEVANCE,
        candidates: int = 20,
        keyword_index: KeywordSearch | None = None,
    ) -> KnowledgeBase:
        """The knowledge base in collection `<collection>-<embedder name>` (one per vector space),
        with `keyword_index`, or else an in-memory one built from what chroma already holds."""
        index = KnowledgeIndex(client, embedder, collection_name_for(collection, embedder))
        return cls(index, keyword_index, min_relevance=min_relevance, candidates=candidates)

    def upsert(self, chunks: Sequence[Chunk]) -> None:
        self.index.upsert(chunks)
        self.keyword_index.add(chunks)

    def delete(self, ids: Sequence[str]) -> None:
        self.index.delete(ids)
        self.keyword_index.delete(ids)

    def reset(self) -> None:
        self.index.reset()
        self.keyword_index.reset()

    def reload_keywords(self) -> None:
        """Rebuild the keyword index from chroma (after another process changed the collection)."""
        self.keyword_index.rebuild(self.index.all_chunks())

    def count(self) -> int:
        return self.index.count()
