"""Text embeddings: the front door. Owns the OpenAI-compatible backend and `make_embedder`, the
factory that picks a backend by name, and re-exports the rest so callers import one module.

The `Embedder` protocol and its error live in `knowledge.embedder_port`, the shipped offline ONNX
model in `knowledge.onnx_embedder` (its files are sha256-pinned; nothing downloads anything), and
the chromadb and LangChain adapters in `knowledge.embedding_adapters`, so that loading the model
does not import chromadb.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import numpy as np

from knowledge.embedder_port import (
    QUERY_CACHE_SIZE,
    Embedder,
    EmbeddingError,
    QueryCache,
    l2_normalise,
)
from knowledge.onnx_embedder import (
    BATCH_SIZE,
    MAX_BATCH_TOKENS,
    MAX_TOKENS,
    MODEL_SHA256,
    ONNX_DIM,
    ONNX_MODEL_NAME,
    TOKENIZER_SHA256,
    OnnxEmbedder,
    default_model_path,
    default_tokenizer_path,
    get_onnx_embedder,
)

__all__ = [
    "BATCH_SIZE", "EMBEDDER_KINDS", "MAX_BATCH_TOKENS", "MAX_TOKENS", "MODEL_SHA256", "ONNX_DIM",
    "ONNX_MODEL_NAME", "QUERY_CACHE_SIZE", "TOKENIZER_SHA256", "Embedder", "EmbedderKind",
    "EmbeddingError", "OnnxEmbedder", "OpenAIEmbedder", "default_model_path", "default_tokenizer_path",
    "get_onnx_embedder", "make_embedder", "model_slug",
]

EmbedderKind = Literal["onnx", "openai"]
EMBEDDER_KINDS: tuple[str, ...] = ("onnx", "openai")


# --- OpenAI ------------------------------------------------------------------------------------


class OpenAIEmbedder:
    """Embeddings from an OpenAI-compatible `/embeddings` endpoint (client injected)."""

    kind = "openai"

    def __init__(self, client: Any, *, model: str = "text-embedding-3-small", batch_size: int = 128) -> None:
        self._client = client
        self.model = model
        self.batch_size = batch_size
        self._cache = QueryCache()

    @property
    def name(self) -> str:
        return "openai-" + model_slug(self.model)

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        rows: list[list[float]] = []
        for start in range(0, len(texts), self.batch_size):
            batch = [t or " " for t in texts[start : start + self.batch_size]]
            try:
                response = self._client.embeddings.create(model=self.model, input=batch)
            except Exception as exc:  # the SDK raises many types; callers get one
                raise EmbeddingError(f"OpenAI embeddings call failed ({self.model}): {exc}") from exc
            rows.extend(item.embedding for item in sorted(response.data, key=lambda d: d.index))
        if not rows:
            return np.zeros((0, 0), dtype=np.float32)
        return l2_normalise(np.asarray(rows, dtype=np.float32))

    def embed_query(self, text: str) -> np.ndarray:
        return self._cache.get_or_compute(text, lambda t: self.embed_documents([t])[0])


def model_slug(model: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in model.lower()).strip("-")


def make_embedder(kind: str, *, openai_client: Any = None, model: str = "text-embedding-3-small") -> Embedder:
    """'onnx' (shipped, offline) or 'openai' (needs `openai_client`, e.g.
    `openai.OpenAI(base_url=..., api_key=..., http_client=...)`)."""
    if kind == "onnx":
        return get_onnx_embedder()
    if kind == "openai":
        if openai_client is None:
            raise EmbeddingError("Embeddings 'openai' need an OpenAI client (set OPENAI_API_KEY or OPENAI_BASE_URL).")
        return OpenAIEmbedder(openai_client, model=model)
    raise EmbeddingError(f"Unknown embeddings backend {kind!r}; valid choices: {', '.join(EMBEDDER_KINDS)}.")


def __getattr__(name: str) -> Any:
    """The chromadb and LangChain adapters live in `knowledge.embedding_adapters` (importing
    chromadb costs ~1 s, which one-shot commands such as `assess --from-text` must not pay)."""
    if name in ("ChromaEmbeddingFunction", "LangChainEmbeddings"):
        from knowledge import embedding_adapters

        return getattr(embedding_adapters, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
