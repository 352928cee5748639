"""Semantic sentence scores for the extractive composer: cosine similarity between the question
and each candidate sentence, with sentence vectors cached (corpus sentences repeat constantly)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from handlers.ports import TextEncoder


class SentenceSimilarity:
    def __init__(self, encoder: TextEncoder, *, max_items: int = 50_000) -> None:
        self.encoder = encoder
        self.max_items = max_items
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def _vectors(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            computed = np.asarray(self.encoder.embed_documents(missing), dtype=np.float32)
            with self._lock:
                for text, vec in zip(missing, computed, strict=True):
                    self._cache[text] = vec
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
