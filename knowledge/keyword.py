"""BM25 keyword search over chunks, kept in memory and updated incrementally.

An own inverted index on numpy: each term keeps its postings as numpy arrays plus small pending
blocks that are merged lazily at query time, so adding a note costs microseconds and a query over
100,000 chunks scores only the postings of its terms. Deleted chunks are masked out (and their
document frequencies decremented) and the arrays are compacted once they are mostly dead.
Visibility is filtered here exactly as in the vector index: private chunks only for their channel.
Terms (tokenizer, stopwords, stemmer) are defined in `knowledge.terms`, re-exported here.
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from knowledge.terms import STOPWORDS, keyword_text, stem, tokenize
from knowledge.types import Chunk, PassageKind, SearchScope

__all__ = ["K1", "STOPWORDS", "B", "KeywordIndex", "keyword_text", "stem", "tokenize"]

K1 = 1.5
B = 0.75


@dataclass
class _Postings:
    slots: np.ndarray  # int32
    tfs: np.ndarray  # float32
    pending_slots: list[np.ndarray]
    pending_tfs: list[np.ndarray]

    def merged(self) -> tuple[np.ndarray, np.ndarray]:
        if self.pending_slots:
            self.slots = np.concatenate([self.slots, *self.pending_slots])
            self.tfs = np.concatenate([self.tfs, *self.pending_tfs])
            self.pending_slots.clear()
            self.pending_tfs.clear()
        return self.slots, self.tfs


_EMPTY_I = np.zeros(0, dtype=np.int32)
_EMPTY_F = np.zeros(0, dtype=np.float32)


class KeywordIndex:
    """In-memory BM25 (Okapi, k1=1.5, b=0.75) with incremental add/delete. Thread-safe."""

    def __init__(self, chunks: Iterable[Chunk] = ()) -> None:
        self._lock = threading.RLock()
        self._clear()
        self.add(chunks)

    def _clear(self) -> None:
        self._vocab: dict[str, int] = {}
        self._postings: list[_Postings] = []
        self._df = np.zeros(1024, dtype=np.int64)  # document frequency per term id
        self._slot_of: dict[str, int] = {}
        self._ids: list[str] = []
        self._slot_terms: list[np.ndarray | None] = []
        self._cap = 1024
        self._len = np.zeros(self._cap, dtype=np.float32)
        self._alive = np.zeros(self._cap, dtype=bool)
        self._public = np.zeros(self._cap, dtype=bool)
        self._channel = np.zeros(self._cap, dtype=np.int32)
        self._kind = np.zeros(self._cap, dtype=np.int8)
        self._channels: dict[str, int] = {"": 0}
        self._kinds: dict[str, int] = {"corpus": 0, "note": 1, "document": 2}
        self._n_alive = 0
        self._total_len = 0.0

    def __len__(self) -> int:
        return self._n_alive

    def __contains__(self, chunk_id: object) -> bool:
        return chunk_id in self._slot_of

    def knows(self, term: str) -> bool:
        """Whether a (tokenized) term occurs in any live chunk."""
        with self._lock:
            tid = self._vocab.get(term)
            return tid is not None and bool(self._df[tid] > 0)

    # --- updates -------------------------------------------------------------------------------

    def add(self, chunks: Iterable[Chunk]) -> None:
        """Add or replace chunks (by id). Postings of the batch are built with numpy in one go."""
        with self._lock:
            batch = list({c.id: c for c in chunks}.values())
            if not batch:
                return
            flat_terms: list[int] = []
            flat_slots: list[int] = []
            flat_tfs: list[int] = []
            vocab = self._vocab
            for chunk in batch:
                if chunk.id in self._slot_of:
                    self._remove(chunk.id)
                slot = len(self._ids)
                if slot >= self._cap:
                    self._grow()
                counts = Counter(tokenize(keyword_text(chunk)))
                term_ids = [vocab.get(term) for term in counts]
                for i, term in enumerate(counts):
                    if term_ids[i] is None:
                        term_ids[i] = vocab[term] = len(self._postings)
                        self._postings.append(_Postings(_EMPTY_I, _EMPTY_F, [], []))
                ids_array = np.asarray(term_ids, dtype=np.int32)
                flat_terms.extend(term_ids)  # type: ignore[arg-type]
                flat_slots.extend([slot] * len(term_ids))
                flat_tfs.extend(counts.values())
                length = float(sum(counts.values()))
                self._ids.append(chunk.id)
                self._slot_terms.append(ids_array)
                self._slot_of[chunk.id] = slot
                self._len[slot] = length
                self._alive[slot] = True
                self._public[slot] = chunk.visibility == "public"
                self._channel[slot] = self._channels.setdefault(chunk.channel, len(self._channels))
                self._kind[slot] = self._kinds[chunk.kind]
                self._n_alive += 1
                self._total_len += length
            self._append_postings(
                np.asarray(flat_terms, dtype=np.int32),
                np.asarray(flat_slots, dtype=np.int32),
                np.asarray(flat_tfs, dtype=np.float32),
            )

    def _append_postings(self, terms: np.ndarray, slots: np.ndarray, tfs: np.ndarray) -> None:
        if len(self._df) < len(self._postings):
            grown = np.zeros(max(len(self._postings), 2 * len(self._df)), dtype=np.int64)
            grown[: len(self._df)] = self._df
            self._df = grown
        self._df[: len(self._postings)] += np.bincount(terms, minlength=len(self._postings))
        order = np.argsort(terms, kind="stable")
        terms, slots, tfs = terms[order], slots[order], tfs[order]
        bounds = np.flatnonzero(np.diff(terms)) + 1
        starts = np.concatenate([[0], bounds])
        ends = np.concatenate([bounds, [len(terms)]])
        for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
            postings = self._postings[int(terms[start])]
            postings.pending_slots.append(slots[start:end])
            postings.pending_tfs.append(tfs[start:end])

    def _grow(self) -> None:
        self._cap *= 2
        for name in ("_len", "_alive", "_public", "_channel", "_kind"):
            old = getattr(self, name)
            new = np.zeros(self._cap, dtype=old.dtype)
            new[: len(old)] = old
            setattr(self, name, new)

    def delete(self, ids: Iterable[str]) -> None:
        with self._lock:
            for chunk_id in ids:
                if chunk_id in self._slot_of:
                    self._remove(chunk_id)
            dead = len(self._ids) - self._n_alive
            if dead > 1000 and dead > self._n_alive:
                self._compact()

    def _remove(self, chunk_id: str) -> None:
        slot = self._slot_of.pop(chunk_id)
        terms = self._slot_terms[slot]
        if terms is not None:
            self._df[terms] -= 1
        self._slot_terms[slot] = None
        self._alive[slot] = False
        self._n_alive -= 1
        self._total_len -= float(self._len[slot])

    def _compact(self) -> None:
        """Renumber live slots densely and drop dead postings."""
        alive_slots = np.flatnonzero(self._alive[: len(self._ids)])
        remap = np.full(len(self._ids), -1, dtype=np.int32)
        remap[alive_slots] = np.arange(len(alive_slots), dtype=np.int32)
        for postings in self._postings:
            slots, tfs = postings.merged()
            keep = remap[slots] >= 0
            postings.slots, postings.tfs = remap[slots[keep]], tfs[keep]
        self._ids = [self._ids[s] for s in alive_slots.tolist()]
        self._slot_terms = [self._slot_terms[s] for s in alive_slots.tolist()]
        self._slot_of = {chunk_id: i for i, chunk_id in enumerate(self._ids)}
        for name in ("_len", "_alive", "_public", "_channel", "_kind"):
            old = getattr(self, name)
            new = np.zeros(self._cap, dtype=old.dtype)
            new[: len(alive_slots)] = old[alive_slots]
            setattr(self, name, new)

    def reset(self) -> None:
        with self._lock:
            self._clear()

    def rebuild(self, chunks: Iterable[Chunk]) -> None:
        """Replace the contents in place (readers holding this object see the new state)."""
        fresh = KeywordIndex(chunks)
        with self._lock:
            self.__dict__.update({k: v for k, v in fresh.__dict__.items() if k != "_lock"})

    # --- search --------------------------------------------------------------------------------

    def _allowed(self, n: int, scope: SearchScope | None) -> np.ndarray:
        channel_id = self._channels.get(scope.channel) if scope is not None and scope.channel else None
        visible = self._public[:n].copy()
        if channel_id is not None:
            visible |= self._channel[:n] == channel_id
        allowed = self._alive[:n] & visible
        kinds: Sequence[PassageKind] = scope.kinds if scope is not None else ("corpus", "note", "document")
        if len(set(kinds)) < len(self._kinds):
            allowed &= np.isin(self._kind[:n], [self._kinds[k] for k in kinds])
        return allowed

    def _scores(self, query: str, scope: SearchScope | None) -> np.ndarray | None:
        """BM25 score of every slot (0 where not allowed); None when nothing can match. Lock held."""
        query_terms = list(dict.fromkeys(tokenize(query)))
        terms = [self._vocab[t] for t in query_terms if t in self._vocab]
        n = len(self._ids)
        if not terms or self._n_alive == 0:
            return None
        avgdl = self._total_len / self._n_alive
        norm = K1 * (1.0 - B + B * self._len[:n] / max(avgdl, 1e-9))
        scores = np.zeros(n, dtype=np.float32)
        for term_id in terms:
            df = self._df[term_id]
            if df <= 0:
                continue
            idf = math.log(1.0 + (self._n_alive - df + 0.5) / (df + 0.5))
            slots, tfs = self._postings[term_id].merged()
            scores[slots] += idf * tfs * (K1 + 1.0) / (tfs + norm[slots])
        scores[~self._allowed(n, scope)] = 0.0
        return scores

    def search(self, query: str, k: int = 20, scope: SearchScope | None = None) -> list[tuple[str, float]]:
        """Best `k` (chunk id, BM25 score) pairs with a positive score, best first."""
        return self.search_and_score(query, k, scope)[0]

    def search_and_score(
        self, query: str, k: int = 20, scope: SearchScope | None = None, ids: Iterable[str] = ()
    ) -> tuple[list[tuple[str, float]], dict[str, float]]:
        """`search`, plus the scores of the given `ids` (0.0 when they do not match or are hidden)."""
        with self._lock:
            scores = self._scores(query, scope)
            if scores is None:
                return [], {i: 0.0 for i in ids}
            wanted = {i: float(scores[self._slot_of[i]]) if i in self._slot_of else 0.0 for i in ids}
            candidates = np.flatnonzero(scores > 0)
            if k <= 0:
                return [], wanted
            if len(candidates) > k:
                top = np.argpartition(-scores[candidates], k - 1)[:k]
                candidates = candidates[top]
            order = candidates[np.argsort(-scores[candidates], kind="stable")]
            return [(self._ids[s], float(scores[s])) for s in order.tolist()], wanted
