"""Opening the index's chroma collection: created in cosine space with our embedding function,
reopened as it is, refused when it was built for another embedder, space or embedding function."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest
from chromadb.api import ClientAPI

from knowledge.embedding_adapters import ChromaEmbeddingFunction
from knowledge.embeddings import OnnxEmbedder
from knowledge.index import KnowledgeIndex
from knowledge.index_collection import IndexConfigError, open_collection


class _OtherSpace:
    kind = "onnx"
    name = "some-other-model"

    def __init__(self, inner: OnnxEmbedder) -> None:
        self.inner = inner

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> np.ndarray:
        return self.inner.embed_query(text)


def test_a_new_collection_is_cosine_with_our_embedding_function_and_reopens(
    client: ClientAPI, embedder: OnnxEmbedder, collection_name: str
) -> None:
    ef = ChromaEmbeddingFunction(embedder)
    created = open_collection(client, collection_name, ef)
    config = created.configuration_json
    assert config["hnsw"]["space"] == "cosine"
    assert config["embedding_function"]["name"] == "ftadvisor"
    assert config["embedding_function"]["config"]["embedder"] == embedder.name
    assert open_collection(client, collection_name, ChromaEmbeddingFunction(embedder)).id == created.id


def test_collection_of_another_vector_space_is_refused(
    client: ClientAPI, embedder: OnnxEmbedder, collection_name: str
) -> None:
    KnowledgeIndex(client, embedder, collection_name)
    with pytest.raises(IndexConfigError, match="some-other-model"):
        KnowledgeIndex(client, _OtherSpace(embedder), collection_name)


def test_a_collection_in_another_distance_space_is_refused(
    client: ClientAPI, embedder: OnnxEmbedder, collection_name: str
) -> None:
    ef = ChromaEmbeddingFunction(embedder)
    client.create_collection(collection_name, embedding_function=ef, metadata={"hnsw:space": "l2"})  # type: ignore[arg-type]
    with pytest.raises(IndexConfigError, match="uses 'l2', not cosine"):
        open_collection(client, collection_name, ef)


def test_a_collection_of_another_embedding_function_is_refused(
    client: ClientAPI, embedder: OnnxEmbedder, collection_name: str
) -> None:
    client.create_collection(collection_name)  # chroma's default embedding function
    with pytest.raises(IndexConfigError, match="another embedding function"):
        open_collection(client, collection_name, ChromaEmbeddingFunction(embedder))
