"""Semantic sentence scores for the extractive composer: cosine similarity between the question
and each candidate sentence, with sentence vectors cached (corpus sentences repeat constantly).

A sentence met for the first time is looked up among the vectors embedded ahead (`stored`: the
notes' sentences, embedded as they were indexed) before the encoder is asked; a stored vector is
that text's embedding, so the scores are the same either way."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from handlers.ports import StoredVectors, TextEncoder

log = logging.getLogger(__name__)


class SentenceSimilarity:
    def __init__(self, encoder: TextEncoder, *, max_items: int = 50_000, stored: StoredVectors | None = None) -> None:
        self.encoder = encoder
        self.stored = stored
        self.max_items = max_items
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def _vectors(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            found = self._stored(missing)
            rest = [t for t in missing if t not in found]
            computed = np.asarray(self.encoder.embed_documents(rest) if rest else [], dtype=np.float32)
            found.update(zip(rest, computed, strict=True))
            with self._lock:
                for text in missing:
                    self._cache[text] = found[text]
                while len(self._cache) > self.max_items:
                    self._cache.popitem(last=False)
        with self._lock:
            rows = []
            for t in texts:
                vec = self._cache.get(t)
                if vec is None:  # evicted meanwhile by a concurrent request
                    vec = np.asarray(self.encoder.embed_documents([t]), dtype=np.float32)[0]
                rows.append(vec)
        return np.vstack(rows) if rows else np.zeros((0, 1), dtype=np.float32)

    def _stored(self, texts: list[str]) -> dict[str, np.ndarray]:
        """The vectors embedded ahead among `texts` (none when the store cannot be read: the
        encoder computes the same vectors)."""
        if self.stored is None:
            return {}
        try:
            return {t: np.asarray(v, dtype=np.float32) for t, v in self.stored.get(texts).items()}
        except Exception:  # a store that fails costs encoder calls, never an answer
            log.warning("reading the stored sentence vectors failed; embedding the sentences", exc_info=True)
            return {}

    def prime(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Keep vectors computed ahead (`handlers.ask.sentence_vectors`): one row per text."""
        with self._lock:
            for text, vec in zip(texts, np.asarray(vectors, dtype=np.float32), strict=True):
                self._cache.setdefault(text, vec)
            while len(self._cache) > self.max_items:
                self._cache.popitem(last=False)

    def scores(self, question: str, sentences: Sequence[str]) -> list[float]:
        if not sentences:
            return []
        q = np.asarray(self.encoder.embed_query(question), dtype=np.float32)
        return [float(x) for x in self._vectors(sentences) @ q]

    def pair_scores(self, text: str, others: Sequence[str]) -> list[float]:
        """Cosine similarity between one sentence and each of `others` (both as documents)."""
        if not others:
            return []
        vectors = self._vectors([text, *others])
        return [float(x) for x in vectors[1:] @ vectors[0]]
