"""The corpus's sentence vectors: which texts, the cache file, and priming `SentenceSimilarity`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from handlers.ask.scored import score_sentences
from handlers.ask.semantic import SentenceSimilarity
from handlers.ask.sentence_vectors import corpus_texts, sentence_vectors, texts_digest
from handlers.ask.text import split_sentences
from knowledge.types import Chunk, Passage


class LengthEncoder:
    """A text's vector depends on the text alone (its length and its first letter); remembers calls."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        rows = np.asarray([[len(t), ord(t[0]) if t else 0, 1.0] for t in texts], dtype=np.float32)
        normalised: np.ndarray = rows / np.linalg.norm(rows, axis=1, keepdims=True)
        return normalised

    def embed_query(self, text: str) -> np.ndarray:
        vector: np.ndarray = self.embed_documents([text])[0]
        return vector


LORA = Chunk(id="a#lora", doc_id="a", text="LoRA trains small adapter matrices. It keeps the base model frozen.",
             heading="LoRA", title="T", source="S", kind="corpus")
RAG = Chunk(id="a#rag", doc_id="a", text="RAG retrieves passages at question time.\n- It needs an index.",
            heading="RAG", title="T", source="S", kind="corpus")


def test_corpus_texts_are_the_sentences_the_composers_split_and_the_headings_once_each() -> None:
    texts = corpus_texts([LORA, RAG, LORA])
    sentences = [c.text[s:e] for c in (LORA, RAG) for s, e in split_sentences(c.text)]
    assert set(texts) == {*sentences, "LoRA", "RAG"}
    assert len(texts) == len(set(texts)) == 6


def test_vectors_are_embedded_once_then_read_from_the_data_dir(tmp_path: Path) -> None:
    texts = corpus_texts([LORA, RAG])
    encoder = LengthEncoder()
    first = sentence_vectors(texts, encoder, "fake", tmp_path)
    again = sentence_vectors(texts, encoder, "fake", tmp_path)
    assert len(encoder.calls) == 1 and encoder.calls[0] == texts
    assert np.array_equal(first, again)
    assert [p.name for p in tmp_path.glob("sentences-*.npy")] == [f"sentences-{texts_digest(texts, 'fake')[:32]}.npy"]


def test_another_corpus_or_embedder_embeds_again_and_replaces_the_file(tmp_path: Path) -> None:
    encoder = LengthEncoder()
    sentence_vectors(corpus_texts([LORA]), encoder, "fake", tmp_path)
    sentence_vectors(corpus_texts([LORA]), encoder, "other", tmp_path)
    sentence_vectors(corpus_texts([LORA, RAG]), encoder, "other", tmp_path)
    assert len(encoder.calls) == 3
    assert len(list(tmp_path.glob("sentences-*.npy"))) == 1


def test_an_unreadable_cache_file_is_embedded_again(tmp_path: Path) -> None:
    texts = corpus_texts([LORA])
    encoder = LengthEncoder()
    (tmp_path / f"sentences-{texts_digest(texts, 'fake')[:32]}.npy").write_bytes(b"not numpy")
    vectors = sentence_vectors(texts, encoder, "fake", tmp_path)
    assert len(encoder.calls) == 1 and vectors.shape == (len(texts), 3)


def test_a_primed_similarity_embeds_only_what_it_was_not_given_and_scores_the_same() -> None:
    passages = [Passage(chunk=LORA), Passage(chunk=RAG)]
    plain_encoder = LengthEncoder()
    plain = score_sentences("what is LoRA?", passages, SentenceSimilarity(plain_encoder))
    encoder = LengthEncoder()
    primed = SentenceSimilarity(encoder)
    texts = corpus_texts([LORA])
    primed.prime(texts, sentence_vectors(texts, encoder, "fake"))
    encoder.calls.clear()
    assert score_sentences("what is LoRA?", passages, primed) == plain
    embedded = [t for call in encoder.calls for t in call]
    assert embedded and not set(embedded) & set(texts)
    assert set(embedded) == {RAG.text[s:e] for s, e in split_sentences(RAG.text)} | {"what is LoRA?"}


class DictStore:
    """Vectors embedded ahead, by text; remembers what was asked; `broken` raises like a lost server."""

    def __init__(self, vectors: dict[str, np.ndarray], *, broken: bool = False) -> None:
        self.vectors = vectors
        self.broken = broken
        self.asked: list[list[str]] = []

    def get(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        self.asked.append(list(texts))
        if self.broken:
            raise ConnectionError("chroma is away")
        return {t: self.vectors[t] for t in texts if t in self.vectors}


NOTE = Chunk(id="note:1", doc_id="note:1", text="Our LoRA run took two days. Prompting alone was not enough.",
             heading="Team note", title="Team note", source="Team note by ana", kind="note")


def test_stored_sentences_are_read_not_embedded_and_score_the_same() -> None:
    passages = [Passage(chunk=NOTE), Passage(chunk=RAG)]
    plain = score_sentences("did LoRA take long?", passages, SentenceSimilarity(LengthEncoder()))
    note_sentences = [NOTE.text[s:e] for s, e in split_sentences(NOTE.text)]
    store = DictStore(dict(zip(note_sentences, LengthEncoder().embed_documents(note_sentences), strict=True)))
    encoder = LengthEncoder()
    similarity = SentenceSimilarity(encoder, stored=store)
    assert score_sentences("did LoRA take long?", passages, similarity) == plain
    embedded = {t for call in encoder.calls for t in call}
    assert not embedded & set(note_sentences) and embedded >= {RAG.text[s:e] for s, e in split_sentences(RAG.text)}
    store.asked.clear()
    score_sentences("did LoRA take long?", passages, similarity)
    assert store.asked == []  # met once: kept in memory like an embedded one


def test_a_store_that_fails_costs_encoder_calls_not_the_answer() -> None:
    passages = [Passage(chunk=NOTE)]
    plain = score_sentences("did LoRA take long?", passages, SentenceSimilarity(LengthEncoder()))
    similarity = SentenceSimilarity(LengthEncoder(), stored=DictStore({}, broken=True))
    assert score_sentences("did LoRA take long?", passages, similarity) == plain
