"""chromadb and LangChain adapters for an `Embedder` (kept apart from `knowledge.embeddings` so
that code needing only the model - e.g. the assessment's free-text matcher - never imports
chromadb, which costs about a second at start-up)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings, Space
from chromadb.utils.embedding_functions import register_embedding_function
from langchain_core.embeddings import Embeddings as LangChainEmbeddingsBase

from knowledge.embeddings import Embedder, EmbeddingError, get_onnx_embedder


class _UnavailableEmbedder:
    """Stands in when chroma rebuilds an OpenAI function from config without a client."""

    kind = "openai"

    def __init__(self, name: str) -> None:
        self.name = name

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        raise EmbeddingError(f"Collection uses {self.name}; open it through KnowledgeIndex with that embedder.")

    def embed_query(self, text: str) -> np.ndarray:
        first: np.ndarray = self.embed_documents([text])[0]
        return first


@register_embedding_function
class ChromaEmbeddingFunction(EmbeddingFunction[Documents]):
    """chromadb adapter: collections are created with this, so chroma never uses its default."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def __call__(self, input: Documents) -> Embeddings:
        return list(self.embedder.embed_documents(list(input)))

    def embed_query(self, input: Documents) -> Embeddings:
        return [self.embedder.embed_query(text) for text in input]

    @staticmethod
    def name() -> str:
        return "ftadvisor"

    def default_space(self) -> Space:
        return "cosine"

    def supported_spaces(self) -> list[Space]:
        return ["cosine", "ip", "l2"]

    def get_config(self) -> dict[str, Any]:
        return {"kind": self.embedder.kind, "embedder": self.embedder.name}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> ChromaEmbeddingFunction:
        if config.get("kind") == "onnx":
            return ChromaEmbeddingFunction(get_onnx_embedder())
        return ChromaEmbeddingFunction(_UnavailableEmbedder(str(config.get("embedder", "openai"))))


class LangChainEmbeddings(LangChainEmbeddingsBase):
    """LangChain adapter (used by `langchain_chroma.Chroma`)."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed_documents(texts).tolist()  # type: ignore[no-any-return]

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_query(text).tolist()  # type: ignore[no-any-return]
