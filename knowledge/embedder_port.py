"""The embedding seam: the `Embedder` protocol every backend implements, its one error type, and
the two helpers all backends share (L2 normalisation and the query LRU).

Kept apart from the backends so that `knowledge.onnx_embedder` (the shipped model) and
`knowledge.embeddings` (the OpenAI backend and the factory) depend on this small module, not on
each other.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

QUERY_CACHE_SIZE = 512


class EmbeddingError(RuntimeError):
    """The embedding model cannot be loaded or called (missing/tampered file, bad endpoint...)."""


class Embedder(Protocol):
    """What the index needs: unit-length float32 vectors for documents and queries."""

    @property
    def name(self) -> str:
        """Identifies the vector space (e.g. 'onnx-all-minilm-l6-v2-int8'); used in collection names."""
        ...

    @property
    def kind(self) -> str: ...

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dim) float32, L2-normalised."""
        ...

    def embed_query(self, text: str) -> np.ndarray:
        """(dim,) float32, L2-normalised; cached (LRU)."""
        ...


def l2_normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    normalised: np.ndarray = (vectors / np.clip(norms, 1e-12, None)).astype(np.float32)
    return normalised


class QueryCache:
    """A small thread-safe LRU of query -> vector (vectors are returned read-only)."""

    def __init__(self, size: int = QUERY_CACHE_SIZE) -> None:
        self._size = size
        self._items: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_compute(self, text: str, compute: Callable[[str], np.ndarray]) -> np.ndarray:
        with self._lock:
            hit = self._items.get(text)
            if hit is not None:
                self._items.move_to_end(text)
                return hit
        vector = compute(text)
        vector.setflags(write=False)
        with self._lock:
            self._items[text] = vector
            self._items.move_to_end(text)
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return vector
