"""Hybrid retrieval (vectors + BM25, ranked by `knowledge.fusion`: domain-centred cosine and BM25
fused by normalised score) and the `KnowledgeBase` facade that keeps the chroma index and the
in-memory keyword index in step.

`HybridRetriever` structurally implements `handlers.ports.Retriever`; `KnowledgeBase` implements
the `Indexer` port (`upsert`, `delete`) used by the notes service.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future

import numpy as np
from chromadb.api import ClientAPI

from knowledge.asks import AskScores, CorpusAsks
from knowledge.coverage import CoverageJudge
from knowledge.embeddings import Embedder
from knowledge.expansion import expand, expansion_words
from knowledge.fusion import Candidate, centred_cosines, corpus_centre, expansion_bonus, fuse
from knowledge.index import KnowledgeIndex
from knowledge.index_records import collection_name_for, is_visible
from knowledge.keyword import KeywordIndex
from knowledge.keyword_port import KeywordSearch
from knowledge.sentence_store import SentenceVectorStore
from knowledge.spelling import Speller
from knowledge.terms import keyword_text
from knowledge.types import Chunk, Passage, SearchScope

#: Cosine similarity (int8 all-MiniLM-L6-v2) the best passage must reach for a question to count
#: as covered. Tuned on bench/questions.yaml: `python -m bench.retrieval_bench --skip-scale` prints
#: the sweep; with the anchor and foreign-word rules of `knowledge.coverage`, 0.33 is the best balance.
#: Embedder-specific: re-tune for OpenAI embeddings, whose cosines sit in another range.
DEFAULT_MIN_RELEVANCE = 0.33
#: Curated passages whose asks match best (by cosine, and by BM25) that join the candidates even if
#: neither other arm found them.
ASK_CANDIDATES = 10


class HybridRetriever:
    """Vector top-N + BM25 top-N, ranked by `knowledge.fusion`; `vector_score` is always the cosine
    similarity. The keyword arm searches the query spelt right (`knowledge.spelling`: "retreival"
    -> "retrieval", against the indexed text's own words) and expanded with the articles'
    vocabulary (`knowledge.expansion`); the vector arm embeds the question as asked."""

    def __init__(
        self,
        index: KnowledgeIndex,
        keyword_index: KeywordSearch,
        *,
        min_relevance: float = DEFAULT_MIN_RELEVANCE,
        candidates: int = 20,
        keyword_executor: Executor | None = None,
        asks: CorpusAsks | None = None,
        speller: Speller | None = None,
    ) -> None:
        self.index = index
        self.keyword_index = keyword_index
        self.speller = speller
        self.keyword_executor = keyword_executor  # set when keyword search is a round trip (PostgreSQL)
        self.asks = asks
        self.min_relevance = min_relevance
        self.candidates = candidates
        self.coverage = CoverageJudge(
            keyword_index,
            min_relevance=min_relevance,
            whole_word=getattr(index.embedder, "whole_word", None),
            vocabulary=(lambda term: asks.keywords().knows(term)) if asks is not None else None,
            spell=self.spelt,
            clipped=getattr(index.embedder, "clips", None),
        )
        self._centre_lock = threading.Lock()
        self._centre: tuple[np.ndarray | None, frozenset[str]] | None = None

    def centre(self) -> np.ndarray | None:
        """The curated corpus's mean vector (`knowledge.fusion`), read once and kept until the
        corpus changes (`forget_centre`)."""
        with self._centre_lock:
            if self._centre is None:
                ids, vectors = self.index.vectors_of_kind("corpus")
                self._centre = (corpus_centre(vectors), frozenset(ids))
            return self._centre[0]

    def forget_centre(self, ids: Sequence[str] | None = None) -> None:
        """Recompute the centre on the next query: always, or when one of `ids` was part of it."""
        with self._centre_lock:
            if self._centre is not None and (ids is None or not self._centre[1].isdisjoint(ids)):
                self._centre = None

    def spelt(self, text: str) -> str:
        """`text` with its misspelt words corrected (unchanged without a speller)."""
        return self.speller.correct(text) if self.speller is not None else text

    def retrieve(
        self, query: str, *, k: int = 5, scope: SearchScope | None = None, keywords: str = ""
    ) -> list[Passage]:
        """`keywords`: words for the keyword arms only (BM25 and the asks' BM25), not embedded: the
        vector arm embeds `query` alone, so a caller adding the articles' words for what is asked
        costs no encoder call (and the composer's embedding of the question is the same one)."""
        query = query.strip()
        if not query or k <= 0:
            return []
        n = max(self.candidates, k)
        spelt = self.spelt(f"{query} {keywords}".strip())
        expanded, words = expand(spelt), expansion_words(spelt)
        pool = self.keyword_executor
        # A keyword engine in another process (PostgreSQL): its two searches need nothing from the
        # vector side, so they run while the query is embedded and Chroma is asked.
        top = pool.submit(self.keyword_index.search, expanded, n, scope) if pool is not None else None
        extra = pool.submit(self.keyword_index.search, words, n, scope) if pool is not None and words else None
        vector = self.index.embedder.embed_query(query)
        vector_hits = self.index.search_with_vectors(vector, n, scope)
        hit_ids = [chunk.id for chunk, _, _ in vector_hits]
        if pool is None or top is None:  # in-process BM25: one call scores both
            bm25, of_hits = self.keyword_index.search_and_score(expanded, n, scope, ids=hit_ids)
            scored: Future[tuple[list[tuple[str, float]], dict[str, float]]] | None = None
        else:  # the vector hits' own scores (those not in the top) while Chroma sends the top's vectors
            bm25 = top.result()
            in_top = {i for i, _ in bm25}
            missing = [i for i in hit_ids if i not in in_top]
            scored = pool.submit(self.keyword_index.search_and_score, expanded, 0, scope, missing) if missing else None
            of_hits = {}
        stored = [(chunk, stored) for chunk, _, stored in vector_hits]
        seen = {chunk.id for chunk, _ in stored}
        asked = self._ask_scores(spelt, vector, scope)
        # BM25-only and asks-only hits: their stored vectors (what embedding them gives).
        wanted = list(dict.fromkeys(i for i in [*(i for i, _ in bm25), *asked.top(ASK_CANDIDATES)] if i not in seen))
        stored += [(c, v) for c, v in self.index.get_with_vectors(wanted) if is_visible(c, scope)]
        if scored is not None:
            of_hits = scored.result()[1]
        keyword_scores = {**of_hits, **dict(bm25)}
        if not stored:
            return []
        vectors = np.stack([v for _, v in stored])
        cosines = vectors @ vector
        centred = centred_cosines(vector, vectors, self.centre())
        candidates = [
            Candidate(
                chunk=c, cosine=float(cos), centred=float(cen), bm25=keyword_scores.get(c.id, 0.0), asks=asked.of(c.id)
            )
            for (c, _), cos, cen in zip(stored, cosines.tolist(), centred.tolist(), strict=True)
        ]
        if extra is not None:
            bonus = expansion_bonus(extra.result())
        else:
            bonus = expansion_bonus(self.keyword_index.search(words, n, scope)) if words else {}
        return fuse(candidates, k=k, bonus=bonus)

    def _ask_scores(self, query: str, vector: np.ndarray, scope: SearchScope | None) -> AskScores:
        """The curated passages' asks scores (`knowledge.asks`; `query` for their BM25, `vector` for
        their cosines); none without asks or when the scope leaves the curated corpus out."""
        if self.asks is None or (scope is not None and "corpus" not in scope.kinds):
            return AskScores({}, {})
        return self.asks.scores(query, vector)

    def is_covered(self, passages: Sequence[Passage], query: str = "") -> bool:
        """See `knowledge.coverage`: similarity, domain anchors and foreign topic words."""
        return self.coverage.covered(query, passages)


class KnowledgeBase:
    """Owns the chroma index and the keyword index (and, when given, the notes' sentence vectors:
    `knowledge.sentence_store`) and keeps them in step (the `Indexer` port); `retriever` searches."""

    def __init__(
        self,
        index: KnowledgeIndex,
        keyword_index: KeywordSearch | None = None,
        *,
        min_relevance: float = DEFAULT_MIN_RELEVANCE,
        candidates: int = 20,
        keyword_executor: Executor | None = None,
        asks: CorpusAsks | None = None,
        sentences: SentenceVectorStore | None = None,
    ) -> None:
        self.index = index
        self.sentences = sentences
        # An in-memory keyword index is built from every chunk anyway; with one in another process
        # (PostgreSQL, up to 100,000s of chunks) start-up reads only the curated corpus for the speller.
        chunks = index.all_chunks() if keyword_index is None else index.chunks_of_kind("corpus")
        self.keyword_index: KeywordSearch = keyword_index if keyword_index is not None else KeywordIndex(chunks)
        # the words users may misspell: the indexed text's (notes too as they are indexed in this
        # process) and those the asks phrase questions in
        self.speller = Speller(is_word=getattr(index.embedder, "whole_word", None))
        self.speller.add(keyword_text(c) for c in chunks)
        if asks is not None:
            self.speller.add(a for texts in asks.asks.values() for a in texts)
        self.retriever = HybridRetriever(
            index, self.keyword_index, min_relevance=min_relevance, candidates=candidates,
            keyword_executor=keyword_executor, asks=asks, speller=self.speller,
        )

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
        keyword_executor: Executor | None = None,
        asks: CorpusAsks | None = None,
        split_sentences: Callable[[str], list[str]] | None = None,
    ) -> KnowledgeBase:
        """The knowledge base in collection `<collection>-<embedder name>` (one per vector space),
        with `keyword_index`, or else an in-memory one built from what chroma already holds;
        `keyword_executor` runs keyword searches concurrently with the vector search; `asks`: the
        curated passages' asks (`knowledge.asks`; None: no asks arm); `split_sentences`: how the
        composers cut a passage into sentences (given: the notes' sentence vectors are kept in
        `<collection>-sentences-<embedder name>`, see `knowledge.sentence_store`)."""
        index = KnowledgeIndex(client, embedder, collection_name_for(collection, embedder))
        sentences = None
        if split_sentences is not None:
            name = collection_name_for(f"{collection}-sentences", embedder)
            sentences = SentenceVectorStore(client, embedder, name, split_sentences)
        return cls(
            index, keyword_index, min_relevance=min_relevance, candidates=candidates,
            keyword_executor=keyword_executor, asks=asks, sentences=sentences,
        )

    def upsert(self, chunks: Sequence[Chunk]) -> None:
        self.index.upsert(chunks)
        if self.sentences is not None:
            self.sentences.add(chunks)
        self.keyword_index.add(chunks)
        self.speller.add(keyword_text(c) for c in chunks)
        if any(c.kind == "corpus" for c in chunks):
            self.retriever.forget_centre()

    def delete(self, ids: Sequence[str]) -> None:
        if self.sentences is not None:
            self.sentences.delete(self.index.get(ids))  # their texts, read before they go
        self.index.delete(ids)
        self.keyword_index.delete(ids)
        self.retriever.forget_centre(ids)

    def reset(self) -> None:
        self.index.reset()
        if self.sentences is not None:
            self.sentences.reset()
        self.keyword_index.reset()
        self.retriever.forget_centre()

    def reload_keywords(self) -> None:
        """Rebuild the keyword index from chroma (after another process changed the collection)."""
        self.keyword_index.rebuild(self.index.all_chunks())
        self.retriever.forget_centre()

    def count(self) -> int:
        return self.index.count()
