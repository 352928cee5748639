"""The chroma-backed index: round-trips, bookkeeping queries, visibility filter, reset and markers."""

from __future__ import annotations

from pathlib import Path

import chromadb
import numpy as np
import pytest
from chromadb.api import ClientAPI

from knowledge.embeddings import OnnxEmbedder
from knowledge.index import KnowledgeIndex
from knowledge.index_records import scope_filter
from knowledge.types import Chunk, SearchScope


def _chunk(chunk_id: str, text: str, **extra: str) -> Chunk:
    base = {"doc_id": chunk_id.split("#")[0], "title": "Title", "source": "Src", "path": "/docs/a.md"}
    return Chunk(id=chunk_id, text=text, **{**base, **extra})  # type: ignore[arg-type]


def test_chunks_round_trip_with_every_field(client: ClientAPI, embedder: OnnxEmbedder, collection_name: str) -> None:
    index = KnowledgeIndex(client, embedder, collection_name)
    chunk = Chunk(
        id="doc#costs",
        doc_id="doc",
        text="LoRA is cheap.",
        heading="Costs",
        title="T",
        source="S",
        kind="note",
        author="ann",
        date="2025-02-01",
        path="/p/doc.md",
        content_hash="abc",
        visibility="private",
        channel="C9",
    )
    index.upsert([chunk, chunk])  # repeated ids in one call are fine
    assert index.count() == 1
    assert index.get(["doc#costs", "missing"]) == [chunk]
    assert index.all_chunks() == [chunk]
    assert index.hashes() == {"doc#costs": "abc"}
    assert index.hashes(path="/p/doc.md") == {"doc#costs": "abc"}
    assert index.hashes(path="/elsewhere") == {}
    assert index.ids_by_path() == {"/p/doc.md": {"doc#costs"}}


def test_collection_uses_cosine_and_our_embedding_function(
    client: ClientAPI, embedder: OnnxEmbedder, collection_name: str
) -> None:
    index = KnowledgeIndex(client, embedder, collection_name)
    config = index.collection.configuration_json
    assert config["hnsw"]["space"] == "cosine"
    assert config["embedding_function"]["name"] == "ftadvisor"
    index.upsert([_chunk("a#1", "Adapters are small.", heading="LoRA")])
    stored = index.get_with_vectors(["a#1"])[0][1]
    assert np.allclose(stored, embedder.embed_documents(["LoRA\n\nAdapters are small."])[0], atol=1e-5)


def test_vector_search_returns_cosine_similarity(
    client: ClientAPI, embedder: OnnxEmbedder, collection_name: str
) -> None:
    index = KnowledgeIndex(client, embedder, collection_name)
    index.upsert(
        [
            _chunk("a#1", "LoRA trains low-rank adapters.", heading="LoRA"),
            _chunk("b#1", "Sourdough needs a long, cold proof.", heading="Baking"),
        ]
    )
    hits = index.vector_search("what are low-rank adapters?", k=2)
    assert [c.id for c, _ in hits] == ["a#1", "b#1"]
    query = embedder.embed_query("what are low-rank adapters?")
    expected = float(index.get_with_vectors(["a#1"])[0][1] @ query)
    assert hits[0][1] == pytest.approx(expected, abs=1e-4)
    assert hits[0][1] > hits[1][1]


def test_scope_filter_hides_other_channels_private_chunks(
    client: ClientAPI, embedder: OnnxEmbedder, collection_name: str
) -> None:
    index = KnowledgeIndex(client, embedder, collection_name)
    index.upsert(
        [
            _chunk("pub#1", "Our LoRA runbook.", kind="corpus"),
            _chunk("note:1", "Private LoRA runbook of team one.", kind="note", visibility="private", channel="C1"),
            _chunk("note:2", "Private LoRA runbook of team two.", kind="note", visibility="private", channel="C2"),
        ]
    )

    def ids(scope: SearchScope | None) -> set[str]:
        return {c.id for c, _ in index.vector_search("LoRA runbook", k=10, where=scope_filter(scope))}

    assert ids(None) == {"pub#1"}
    assert ids(SearchScope()) == {"pub#1"}
    assert ids(SearchScope(channel="C1")) == {"pub#1", "note:1"}
    assert ids(SearchScope(channel="C2", kinds=["note"])) == {"note:2"}


def test_search_falls_back_to_the_filter_when_private_chunks_crowd_the_top(
    client: ClientAPI, embedder: OnnxEmbedder, collection_name: str
) -> None:
    index = KnowledgeIndex(client, embedder, collection_name)
    crowd = [
        _chunk(f"note:{i}", f"LoRA runbook step {i}", kind="note", visibility="private", channel="C1")
        for i in range(250)  # more than the unfiltered over-fetch (200), so the where filter is needed
    ]
    near = embedder.embed_documents(["LoRA runbook step"])
    # near-identical vectors (small fixed noise): 250 exact copies make a degenerate HNSW graph in
    # which chroma's filtered search sometimes misses the lone visible record (a flaky test).
    noisy = np.repeat(near, len(crowd), axis=0) + np.random.default_rng(0).normal(0, 0.01, (len(crowd), near.shape[1]))
    noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
    index.upsert_with_embeddings(crowd, noisy.astype(np.float32))
    index.upsert([_chunk("pub#1", "Sourdough starter feeding schedule.")])
    query = embedder.embed_query("LoRA runbook step")
    assert [c.id for c, _ in index.search(query, 3, SearchScope(channel="C2"))] == ["pub#1"]
    assert [c.id for c, _ in index.search(query, 3, None)] == ["pub#1"]
    own = index.search(query, 3, SearchScope(channel="C1"))
    assert len(own) == 3 and all(c.channel == "C1" for c, _ in own)
    notes_only = index.search(query, 5, SearchScope(channel="C1", kinds=["note"]))
    assert len(notes_only) == 5 and all(c.kind == "note" for c, _ in notes_only)


def test_delete_reset_and_markers(client: ClientAPI, embedder: OnnxEmbedder, collection_name: str) -> None:
    index = KnowledgeIndex(client, embedder, collection_name)
    index.upsert([_chunk("a#1", "one"), _chunk("a#2", "two")])
    index.delete(["a#1", "a#1"])
    assert [c.id for c in index.all_chunks()] == ["a#2"]
    assert index.get_marker("corpus_fingerprint") is None
    index.set_marker("corpus_fingerprint", "abc")
    index.set_marker("other", "x")
    assert index.get_marker("corpus_fingerprint") == "abc"
    assert index.collection.configuration_json["hnsw"]["space"] == "cosine"
    index.reset()
    assert index.count() == 0
    assert index.get_marker("corpus_fingerprint") is None
    index.upsert([_chunk("a#3", "three")])
    assert index.count() == 1


def test_paging_reads_everything(client: ClientAPI, embedder: OnnxEmbedder, collection_name: str) -> None:
    index = KnowledgeIndex(client, embedder, collection_name)
    chunks = [_chunk(f"d#{i}", f"text {i}", path=f"/d/{i % 3}.md") for i in range(2100)]
    vectors = np.tile(embedder.embed_documents(["text"]), (len(chunks), 1))
    index.upsert_with_embeddings(chunks, vectors)
    assert len(index.all_chunks()) == 2100
    assert len(index.hashes()) == 2100
    assert sum(len(v) for v in index.ids_by_path().values()) == 2100
    assert len(index.hashes(path="/d/0.md")) == 700


def test_persistent_collection_reopens(tmp_path: Path, embedder: OnnxEmbedder) -> None:
    first = KnowledgeIndex(chromadb.PersistentClient(str(tmp_path)), embedder, "kb-test")
    first.upsert([_chunk("a#1", "persisted")])
    again = KnowledgeIndex(chromadb.PersistentClient(str(tmp_path)), embedder, "kb-test")
    assert [c.id for c in again.all_chunks()] == ["a#1"]


def test_a_search_asks_chroma_for_its_size_only_when_a_query_came_back_short(
    client: ClientAPI, embedder: OnnxEmbedder, collection_name: str
) -> None:
    class Counting(KnowledgeIndex):
        counted = 0

        def count(self) -> int:
            self.counted += 1
            return super().count()

    index = Counting(client, embedder, collection_name)
    vector = embedder.embed_query("LoRA costs")
    assert index.search_with_vectors(vector, 5, None) == []  # an empty collection
    index.upsert([_chunk(f"doc#c{i}", f"LoRA adapters cost little, note {i}.") for i in range(40)])
    index.counted = 0
    assert len(index.search_with_vectors(vector, 5, None)) == 5
    assert index.counted == 0  # one query round trip, no `count`
    assert len(index.search_with_vectors(vector, 50, None)) == 40  # fewer chunks than asked for
    assert index.counted >= 1


def test_chunks_of_kind_reads_one_kind_only(client: ClientAPI, embedder: OnnxEmbedder, collection_name: str) -> None:
    index = KnowledgeIndex(client, embedder, collection_name)
    corpus = _chunk("doc#a", "LoRA is cheap.", heading="Costs", kind="corpus")
    index.upsert([corpus, _chunk("up#1", "uploaded"), _chunk("note:1", "our notes", kind="note")])
    assert index.chunks_of_kind("corpus") == [corpus]
    assert [c.id for c in index.chunks_of_kind("note")] == ["note:1"]
