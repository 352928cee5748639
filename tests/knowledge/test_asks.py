"""The shipped asks (`knowledge/corpus_asks/`) and the asks arm: ids, ranking, the vector cache,
and the coverage judge's refusals with the arm on."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path

import chromadb
import numpy as np
import pytest

from knowledge.asks import ASKS_DIR, SHIPPED_VECTORS, AskMatrix, CorpusAsks, load_asks, score_of
from knowledge.corpus import CORPUS_DIR, corpus_files
from knowledge.corpus_index import shipped_corpus_index
from knowledge.embeddings import OnnxEmbedder
from knowledge.ingest import Ingestor
from knowledge.retrieval import KnowledgeBase
from knowledge.types import Chunk, SearchScope


class HashEmbedder:
    """Deterministic unit vectors from a text's sha256; counts what it embeds."""

    name = "hash-test"
    kind = "test"

    def __init__(self) -> None:
        self.embedded = 0

    def _vector(self, text: str) -> np.ndarray:
        seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")
        v = np.random.default_rng(seed).standard_normal(32).astype(np.float32)
        return v / np.linalg.norm(v)

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        self.embedded += len(texts)
        return np.stack([self._vector(t) for t in texts]) if texts else np.zeros((0, 32), np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self._vector(text)


ASKS = {
    "doc#a": ("how much does it cost?", "is it pricey?"),
    "doc#b": ("what is it?",),
    "doc#c": ("who made it?", "when?"),
}


@pytest.fixture(scope="module")
def shipped_kb(embedder: OnnxEmbedder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeBase]:
    """The shipped corpus in a fresh collection, with the shipped asks (cached in a temp dir)."""
    asks = CorpusAsks(embedder, cache_dir=tmp_path_factory.mktemp("asks"))
    kb = KnowledgeBase.open(chromadb.EphemeralClient(), embedder, f"asks-{uuid.uuid4().hex[:10]}", asks=asks)
    Ingestor(kb).ingest([CORPUS_DIR], kind="corpus")
    yield kb


# --- the data ------------------------------------------------------------------------------------


def test_every_asks_key_is_a_passage_and_every_passage_has_asks() -> None:
    asks = load_asks()
    passages = set(shipped_corpus_index().ids())
    assert set(asks) - passages == set(), "asks for passages that do not exist"
    assert passages - set(asks) == set(), "passages without asks"
    for passage_id, questions in asks.items():
        assert len(questions) >= 5, passage_id
        assert len(set(questions)) == len(questions), f"{passage_id}: the same ask twice"


def test_asks_are_not_ingested_as_corpus_files() -> None:
    assert list(ASKS_DIR.glob("*.yaml"))
    assert not [p for p in corpus_files([CORPUS_DIR]) if p.is_relative_to(ASKS_DIR) or p.suffix != ".md"]


def test_asks_keys_are_the_chunk_ids_of_the_index(shipped_kb: KnowledgeBase) -> None:
    ids, _vectors = shipped_kb.index.vectors_of_kind("corpus")
    assert set(load_asks()) <= set(ids)


def test_load_rejects_a_malformed_file(tmp_path: Path) -> None:
    (tmp_path / "doc.yaml").write_text("section:\n  - ''\n", encoding="utf-8")
    with pytest.raises(ValueError, match="non-empty"):
        load_asks(tmp_path)


def test_score_of_falls_back_to_the_section_a_chunk_was_split_from() -> None:
    scores = {"doc#costs": 0.7}
    assert score_of(scores, "doc#costs-2") == 0.7
    assert score_of(scores, "doc#costs") == 0.7
    assert score_of(scores, "doc#other") is None


# --- the matrix and its cache -----------------------------------------------------------------


def test_each_ask_matches_its_own_passage_best() -> None:
    embedder = HashEmbedder()
    matrix = CorpusAsks(embedder, ASKS, shipped=None).matrix()
    assert isinstance(matrix, AskMatrix)
    for passage_id, questions in ASKS.items():
        for q in questions:
            scores = matrix.scores(embedder.embed_query(q))
            assert max(scores, key=lambda i: scores[i]) == passage_id
            assert scores[passage_id] == pytest.approx(1.0, abs=1e-5)


def test_the_vectors_are_cached_and_reused_until_an_ask_changes(tmp_path: Path) -> None:
    first = CorpusAsks(HashEmbedder(), ASKS, cache_dir=tmp_path, shipped=None)
    vectors = first.matrix().vectors
    assert first.embedded == 5 and first.cache_path is not None and first.cache_path.is_file()

    again = CorpusAsks(HashEmbedder(), ASKS, cache_dir=tmp_path, shipped=None)
    assert np.array_equal(again.matrix().vectors, vectors)
    assert again.embedded == 0

    changed = CorpusAsks(
        HashEmbedder(), {**ASKS, "doc#b": ("what is it, really?",)}, cache_dir=tmp_path, shipped=None
    )
    changed.matrix()
    assert changed.embedded == 5 and changed.cache_path != first.cache_path
    assert [p.name for p in tmp_path.glob("asks-*.npy")] == [changed.cache_path.name]  # type: ignore[union-attr]


def test_a_damaged_cache_file_is_embedded_again(tmp_path: Path) -> None:
    first = CorpusAsks(HashEmbedder(), ASKS, cache_dir=tmp_path, shipped=None)
    assert first.cache_path is not None
    first.cache_path.write_bytes(b"not numpy")
    again = CorpusAsks(HashEmbedder(), ASKS, cache_dir=tmp_path, shipped=None)
    assert again.matrix().vectors.shape == (5, 32)
    assert again.embedded == 5


def test_another_embedder_gets_its_own_cache(tmp_path: Path) -> None:
    class Other(HashEmbedder):
        name = "hash-other"

    a = CorpusAsks(HashEmbedder(), ASKS, cache_dir=tmp_path, shipped=None)
    b = CorpusAsks(Other(), ASKS, cache_dir=tmp_path, shipped=None)
    assert a.digest != b.digest


def test_the_shipped_vectors_are_those_of_the_shipped_asks(embedder: OnnxEmbedder, tmp_path: Path) -> None:
    """Fails after an ask was edited until `python -m knowledge.asks` rewrites the vectors."""
    shipped = CorpusAsks(embedder, cache_dir=tmp_path)
    vectors = shipped.shipped_vectors()
    assert vectors is not None, "knowledge/corpus_asks/vectors.npz is stale: run `python -m knowledge.asks`"
    assert shipped.matrix().vectors.shape == (sum(len(a) for a in shipped.asks.values()), 384)
    assert shipped.embedded == 0 and not list(tmp_path.iterdir())
    texts = [a for asks in shipped.asks.values() for a in asks]
    sample = list(range(0, len(texts), 37))
    fresh = embedder.embed_documents([texts[i] for i in sample])
    assert np.min(np.sum(fresh * vectors[sample], axis=1)) > 0.999


def test_shipped_vectors_of_other_asks_are_not_used(tmp_path: Path) -> None:
    other = CorpusAsks(HashEmbedder(), ASKS, cache_dir=tmp_path, shipped=SHIPPED_VECTORS)
    assert other.shipped_vectors() is None
    assert other.matrix().vectors.shape == (5, 32) and other.embedded == 5


# --- the arm in retrieval ----------------------------------------------------------------------


def test_every_passage_is_ranked_first_for_one_of_its_own_asks(shipped_kb: KnowledgeBase) -> None:
    retriever = shipped_kb.retriever
    not_first = []
    for passage_id, questions in load_asks().items():
        if not any(retriever.retrieve(q, k=1)[0].id == passage_id for q in questions):
            not_first.append(passage_id)
    assert not_first == []


def test_the_arm_ranks_passages_first_that_the_other_arms_do_not(shipped_kb: KnowledgeBase) -> None:
    with_asks = shipped_kb.retriever
    without = KnowledgeBase(shipped_kb.index, shipped_kb.keyword_index).retriever
    firsts = {"with": 0, "without": 0}
    for passage_id, questions in load_asks().items():
        firsts["with"] += with_asks.retrieve(questions[0], k=1)[0].id == passage_id
        firsts["without"] += without.retrieve(questions[0], k=1)[0].id == passage_id
    assert firsts["with"] >= firsts["without"] + 10, firsts


def test_passages_carry_their_ask_score_and_notes_have_none(shipped_kb: KnowledgeBase) -> None:
    note = Chunk(
        id="note:asks-1", doc_id="note:asks-1", kind="note", title="Team note", source="Team note by ana",
        text="Team Heron decided to fine-tune the invoice classifier with LoRA rank 8 on 12k invoices.",
    )
    shipped_kb.upsert([note])
    try:
        passages = shipped_kb.retriever.retrieve("what did team Heron decide for the invoice classifier?", k=5)
        assert passages[0].id == note.id and passages[0].ask_score is None
        assert all(p.ask_score is not None for p in passages if p.chunk.kind == "corpus")
        notes_only = shipped_kb.retriever.retrieve("invoice classifier", k=5, scope=SearchScope(kinds=["note"]))
        assert [p.id for p in notes_only] == [note.id]
    finally:
        shipped_kb.delete([note.id])


@pytest.mark.parametrize(
    "question",
    [
        "how do I tune my guitar to drop D?",
        "best way to tune the drum heads so the snare sounds crisp?",
        "how do I tune Postgres autovacuum settings?",
        "how do I tune hyperparameters for an XGBoost model?",
        "what's the weather in Paris tomorrow?",
    ],
)
def test_off_topic_and_homonym_questions_stay_not_covered(shipped_kb: KnowledgeBase, question: str) -> None:
    retriever = shipped_kb.retriever
    assert not retriever.is_covered(retriever.retrieve(question, k=5), question)


def test_a_question_close_to_an_ask_is_covered(shipped_kb: KnowledgeBase) -> None:
    question = "we're a small startup with little money - which route gets us live fastest?"  # an ask
    retriever = shipped_kb.retriever
    passages = retriever.retrieve(question, k=5)
    assert max(p.ask_score or 0.0 for p in passages) >= 0.99
    assert max(p.vector_score or 0.0 for p in passages) < retriever.min_relevance  # not covered by text alone
    assert retriever.is_covered(passages, question)
    without = KnowledgeBase(shipped_kb.index, shipped_kb.keyword_index).retriever
    assert not without.is_covered(without.retrieve(question, k=5), question)
