"""The notes' sentence vectors: embedded when a note is indexed, read back exactly, kept in step
with the index (delete, reset) and kept across a restart (real ONNX embedder, real chroma)."""

from __future__ import annotations

from pathlib import Path

import chromadb
import numpy as np
from chromadb.api import ClientAPI

from knowledge.embeddings import OnnxEmbedder
from knowledge.retrieval import KnowledgeBase
from knowledge.sentence_store import SentenceVectorStore, sentence_id
from knowledge.types import Chunk

NOTE = Chunk(id="note:a1", doc_id="note:a1", text="LoRA r=8 was enough for our ticket triage. We saw no gain at r=16.",
             heading="Team note", title="Team note", source="Team note by ana", kind="note")
OTHER = Chunk(id="note:b2", doc_id="note:b2", text="Our RAG pilot on the policy docs halved the wrong answers.",
              heading="Team note", title="Team note", source="Team note by bo", kind="note")
CORPUS = Chunk(id="a#lora", doc_id="a", text="LoRA trains small adapter matrices. The base model stays frozen.",
               heading="LoRA", title="T", source="S", kind="corpus")


def sentences_of(text: str) -> list[str]:
    """A splitter (the ask handlers inject theirs: `handlers.ask.text.sentences_of`)."""
    return [s if s.endswith(".") else s + "." for s in text.split(". ")]


def _kb(client: ClientAPI, embedder: OnnxEmbedder, name: str) -> KnowledgeBase:
    return KnowledgeBase.open(client, embedder, name, split_sentences=sentences_of)


def _store(kb: KnowledgeBase) -> SentenceVectorStore:
    assert kb.sentences is not None
    return kb.sentences


def test_indexing_a_note_stores_its_sentences_exactly_as_the_encoder_embeds_them(
    client: ClientAPI, embedder: OnnxEmbedder, collection_name: str
) -> None:
    kb = _kb(client, embedder, collection_name)
    kb.upsert([NOTE, OTHER, CORPUS])
    texts = sentences_of(NOTE.text) + sentences_of(OTHER.text)
    store = _store(kb)
    assert store.count() == len(texts) == 3  # the corpus's sentences are not stored here
    got = store.get([*texts, *sentences_of(CORPUS.text), "never indexed"])
    assert list(got) == texts
    for text in texts:  # bit for bit: an answer scored with them is the one scored without them
        assert np.array_equal(got[text], embedder.embed_documents([text])[0])


def test_a_sentence_already_stored_is_not_embedded_again(
    client: ClientAPI, embedder: OnnxEmbedder, collection_name: str
) -> None:
    store = _store(_kb(client, embedder, collection_name))
    assert store.add([NOTE]) == 2
    assert store.add([NOTE, OTHER]) == 1
    assert store.sentences([NOTE, CORPUS]) == sentences_of(NOTE.text)


def test_deleting_and_resetting_the_index_drops_the_sentences(
    client: ClientAPI, embedder: OnnxEmbedder, collection_name: str
) -> None:
    kb = _kb(client, embedder, collection_name)
    kb.upsert([NOTE, OTHER])
    kb.delete([NOTE.id])
    assert set(_store(kb).get(sentences_of(NOTE.text) + sentences_of(OTHER.text))) == set(sentences_of(OTHER.text))
    kb.reset()
    assert _store(kb).count() == 0


def test_the_sentences_outlive_the_process(tmp_path: Path, embedder: OnnxEmbedder) -> None:
    first = chromadb.PersistentClient(path=str(tmp_path))
    _kb(first, embedder, "kb").upsert([NOTE])
    store = _store(_kb(chromadb.PersistentClient(path=str(tmp_path)), embedder, "kb"))
    assert set(store.get(sentences_of(NOTE.text))) == set(sentences_of(NOTE.text))


def test_records_are_named_by_their_text_alone() -> None:
    assert sentence_id("a") == sentence_id("a") != sentence_id("b")
    assert len(sentence_id("a")) == 64


def test_without_a_splitter_nothing_is_stored(client: ClientAPI, embedder: OnnxEmbedder, collection_name: str) -> None:
    kb = KnowledgeBase.open(client, embedder, collection_name)
    kb.upsert([NOTE])
    assert kb.sentences is None and collection_name + "-sentences" not in [c.name for c in client.list_collections()]
