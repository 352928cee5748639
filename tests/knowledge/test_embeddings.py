"""Embeddings: the real int8 ONNX model, its pinned hash, the adapters and the backend switch."""

from __future__ import annotations

import shutil
from pathlib import Path

import chromadb
import numpy as np
import pytest

from knowledge.embeddings import (
    MODEL_SHA256,
    ChromaEmbeddingFunction,
    EmbeddingError,
    LangChainEmbeddings,
    OnnxEmbedder,
    OpenAIEmbedder,
    default_model_path,
    get_onnx_embedder,
    make_embedder,
)
from knowledge.hashing import file_sha256
from tests.support.openai_server import FakeOpenAI


def test_model_file_matches_pinned_hash() -> None:
    assert file_sha256(default_model_path()) == MODEL_SHA256


def test_tampered_model_copy_is_refused(tmp_path: Path) -> None:
    tampered = tmp_path / "model.onnx"
    shutil.copyfile(default_model_path(), tampered)
    with tampered.open("r+b") as fh:
        fh.seek(1000)
        byte = fh.read(1)
        fh.seek(1000)
        fh.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(EmbeddingError, match="sha256"):
        OnnxEmbedder(model_path=tampered)


def test_missing_model_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(EmbeddingError, match="not found"):
        OnnxEmbedder(model_path=tmp_path / "nope.onnx")


def test_vectors_are_unit_length_and_semantic(embedder: OnnxEmbedder) -> None:
    texts = [
        "LoRA trains small low-rank matrices instead of the full weights.",
        "Low-rank adapters fine-tune a model cheaply.",
        "Knead the sourdough and let it rise overnight.",
        "",
    ]
    vectors = embedder.embed_documents(texts)
    assert vectors.shape == (4, 384)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


def test_batching_and_padding_do_not_change_vectors(embedder: OnnxEmbedder) -> None:
    texts = [f"Question {i}: " + "prompt engineering " * (i % 7) for i in range(40)]
    together = embedder.embed_documents(texts)
    alone = np.stack([embedder.embed_documents([t])[0] for t in texts[:5]])
    assert np.allclose(together[:5], alone, atol=1e-4)


def test_long_input_is_truncated_not_rejected(embedder: OnnxEmbedder) -> None:
    vector = embedder.embed_documents(["fine-tuning " * 2000])
    assert vector.shape == (1, 384)


def test_query_cache_returns_the_same_read_only_vector(embedder: OnnxEmbedder) -> None:
    first = embedder.embed_query("when should we use RAG?")
    second = embedder.embed_query("when should we use RAG?")
    assert first is second
    assert not first.flags.writeable
    assert np.allclose(first, embedder.embed_documents(["when should we use RAG?"])[0], atol=1e-5)


def test_embedder_is_loaded_once_per_process() -> None:
    assert get_onnx_embedder() is get_onnx_embedder()


def test_make_embedder_choices() -> None:
    assert make_embedder("onnx") is get_onnx_embedder()
    with pytest.raises(EmbeddingError, match="valid choices: onnx, openai"):
        make_embedder("word2vec")
    with pytest.raises(EmbeddingError, match="OpenAI client"):
        make_embedder("openai")


def _embedding_reply(vectors: list[list[float]]) -> dict[str, object]:
    data = [{"object": "embedding", "index": i, "embedding": v} for i, v in enumerate(vectors)]
    return {
        "status": 200,
        "body": {
            "object": "list",
            "data": list(reversed(data)),
            "model": "m",
            "usage": {"prompt_tokens": 1, "total_tokens": 1},
        },
    }


def test_openai_embedder_normalises_orders_and_caches() -> None:
    import openai

    with FakeOpenAI() as server:
        server.replies.extend(
            [_embedding_reply([[3.0, 4.0, 0.0], [0.0, 0.0, 2.0]]), _embedding_reply([[1.0, 1.0, 0.0]])]
        )
        client = openai.OpenAI(base_url=server.base_url, api_key="test", max_retries=0)
        embedder = make_embedder("openai", openai_client=client, model="text-embedding-3-small")
        assert isinstance(embedder, OpenAIEmbedder)
        assert embedder.name == "openai-text-embedding-3-small"
        vectors = embedder.embed_documents(["a", "abc"])
        assert np.allclose(vectors, [[0.6, 0.8, 0.0], [0.0, 0.0, 1.0]])  # by index, normalised
        first = embedder.embed_query("q")
        assert embedder.embed_query("q") is first
        bodies = [r["body"] for r in server.requests]
        assert [b["input"] for b in bodies] == [["a", "abc"], ["q"]]
        assert bodies[0]["model"] == "text-embedding-3-small"
        server.replies.append({"status": 500, "body": {"error": {"message": "down"}}})
        with pytest.raises(EmbeddingError, match="OpenAI embeddings call failed"):
            embedder.embed_documents(["x"])


def test_chroma_adapter_is_persisted_and_never_the_default(embedder: OnnxEmbedder) -> None:
    client = chromadb.EphemeralClient()
    ef = ChromaEmbeddingFunction(embedder)
    collection = client.get_or_create_collection("adapter-check", embedding_function=ef)  # type: ignore[arg-type]
    persisted = collection.configuration_json["embedding_function"]
    assert persisted["name"] == "ftadvisor"
    assert persisted["config"] == {"kind": "onnx", "embedder": embedder.name}
    assert not ef.is_legacy()
    # Opened again without an explicit function, chroma rebuilds ours from the stored config.
    collection.add(ids=["a"], documents=["LoRA adapters are small."])
    reopened = client.get_collection("adapter-check")
    hit = reopened.query(query_texts=["low-rank adapters"], n_results=1)
    assert hit["ids"] == [["a"]]
    stored = reopened.get(ids=["a"], include=["embeddings"])["embeddings"]
    assert stored is not None
    assert np.allclose(stored[0], embedder.embed_documents(["LoRA adapters are small."])[0], atol=1e-5)


def test_langchain_adapter(embedder: OnnxEmbedder) -> None:
    lc = LangChainEmbeddings(embedder)
    docs = lc.embed_documents(["a b c", "d e f"])
    query = lc.embed_query("a b c")
    assert len(docs) == 2 and len(docs[0]) == 384
    assert isinstance(query[0], float)
    assert np.allclose(docs[0], query, atol=1e-5)


def test_clips_finds_a_longer_whole_word_by_its_first_letters(embedder: OnnxEmbedder) -> None:
    assert embedder.clips("prod")  # production
    assert embedder.clips("chem")  # chemistry
    assert not embedder.clips("kube")
