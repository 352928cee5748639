"""Hybrid retrieval on a real chroma + ONNX fixture knowledge base: fusion, dedupe, visibility, coverage."""

from __future__ import annotations

import inspect

import numpy as np
import pytest
from chromadb.api import ClientAPI

from handlers.ports import Retriever
from knowledge.embeddings import OnnxEmbedder
from knowledge.ingest import Ingestor
from knowledge.retrieval import HybridRetriever, KnowledgeBase
from knowledge.types import Chunk, SearchScope
from tests.knowledge.conftest import FIXTURE_CORPUS


def _chunk(chunk_id: str, text: str, **extra: str) -> Chunk:
    fields = {"doc_id": chunk_id.split("#")[0], "title": "T", "source": "S", **extra}
    return Chunk(id=chunk_id, text=text, **fields)  # type: ignore[arg-type]


@pytest.fixture
def fixture_kb(kb: KnowledgeBase) -> KnowledgeBase:
    Ingestor(kb, corpus_dirs=[FIXTURE_CORPUS]).ingest([FIXTURE_CORPUS])
    return kb


def test_retriever_matches_the_port_signature() -> None:
    assert inspect.signature(HybridRetriever.retrieve) == inspect.signature(Retriever.retrieve)
    assert inspect.signature(HybridRetriever.is_covered) == inspect.signature(Retriever.is_covered)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How many parameters does a LoRA adapter train?", "lora-basics#what-lora-changes-in-a-model"),
        (
            "what KPIs should we track for a fine-tuned model?",
            "rag-vs-finetune#measuring-success-kpis-for-a-fine-tuned-model",
        ),
        (
            "our docs change weekly, should we retrain or use RAG?",
            "rag-vs-finetune#keeping-answers-current-with-retrieval-augmented-generation",
        ),
        (
            "is a 2,000-token few-shot prompt expensive at millions of requests?",
            "prompting-costs#long-prompts-cost-tokens-on-every-request",
        ),
    ],
)
def test_in_scope_questions_are_covered(fixture_kb: KnowledgeBase, question: str, expected: str) -> None:
    retriever = fixture_kb.retriever
    passages = retriever.retrieve(question, k=3)
    assert expected in [p.id for p in passages]
    assert retriever.is_covered(passages)
    assert [p.rank for p in passages] == [1, 2, 3]
    assert all(p.vector_score is not None for p in passages)
    assert passages == sorted(passages, key=lambda p: -p.score)


@pytest.mark.parametrize(
    "question",
    [
        "what's the weather in Paris tomorrow?",
        "how do I bake sourdough bread?",
        "who won the football world cup in 2018?",
        "how do I configure Kubernetes ingress with TLS?",
    ],
)
def test_out_of_scope_questions_are_not_covered(fixture_kb: KnowledgeBase, question: str) -> None:
    retriever = fixture_kb.retriever
    assert not retriever.is_covered(retriever.retrieve(question, k=5))


def test_private_note_only_in_its_own_channel(fixture_kb: KnowledgeBase) -> None:
    note = _chunk(
        "note:42",
        "Team Falcon decided: we fine-tune with LoRA rank 16 on the ticket-triage data.",
        kind="note",
        visibility="private",
        channel="C-FALCON",
        title="Team note",
    )
    fixture_kb.upsert([note])
    retriever = fixture_kb.retriever
    question = "what LoRA rank did team Falcon decide on?"
    assert "note:42" in [p.id for p in retriever.retrieve(question, scope=SearchScope(channel="C-FALCON"))]
    assert "note:42" not in [p.id for p in retriever.retrieve(question, scope=SearchScope(channel="C-OTHER"))]
    assert "note:42" not in [p.id for p in retriever.retrieve(question, scope=None)]
    fixture_kb.delete(["note:42"])
    assert "note:42" not in [p.id for p in retriever.retrieve(question, scope=SearchScope(channel="C-FALCON"))]


def test_notes_added_one_at_a_time_are_found_by_keyword_and_vector(fixture_kb: KnowledgeBase) -> None:
    fixture_kb.upsert(
        [_chunk("note:1", "Zorblax is our internal codename for the LoRA ticket classifier.", kind="note")]
    )
    passages = fixture_kb.retriever.retrieve("what is zorblax?", k=3)
    top = passages[0]
    assert top.id == "note:1"
    assert top.keyword_score is not None and top.keyword_score > 0
    assert top.vector_score is not None


def test_keyword_only_hits_get_a_cosine_score(fixture_kb: KnowledgeBase) -> None:
    retriever = HybridRetriever(fixture_kb.index, fixture_kb.keyword_index, candidates=1)
    passages = retriever.retrieve("QLoRA 24 GB GPU adapters hot-swap", k=5)
    keyword_only = [p for p in passages if p.keyword_score and p.rank > 1]
    assert keyword_only
    assert all(p.vector_score is not None for p in passages)


def test_same_paragraph_ingested_twice_is_returned_once(fixture_kb: KnowledgeBase) -> None:
    text = "Distillation copies a large model's behaviour into a small student model for cheap serving."
    fixture_kb.upsert([_chunk("copy-a#p1", text), _chunk("copy-b#p1", text + " ")])
    passages = fixture_kb.retriever.retrieve("what is distillation into a student model?", k=5)
    assert len([p for p in passages if p.id in ("copy-a#p1", "copy-b#p1")]) == 1


def test_knowledge_base_rebuilds_keywords_from_chroma(
    client: ClientAPI, embedder: OnnxEmbedder, collection_name: str
) -> None:
    first = KnowledgeBase.open(client, embedder, collection_name)
    first.upsert([_chunk("note:7", "Quokka is the codename of our evaluation harness.", kind="note")])
    second = KnowledgeBase.open(client, embedder, collection_name)  # e.g. after a restart
    assert [i for i, _ in second.keyword_index.search("quokka")] == ["note:7"]
    first.delete(["note:7"])
    second.reload_keywords()
    assert second.keyword_index.search("quokka") == []
    first.reset()
    assert first.count() == 0 and len(first.keyword_index) == 0


def test_empty_knowledge_base_and_empty_query(kb: KnowledgeBase) -> None:
    retriever = kb.retriever
    assert retriever.retrieve("anything about LoRA?") == []
    assert not retriever.is_covered([])
    kb.upsert([_chunk("a#1", "LoRA")])
    assert retriever.retrieve("   ") == []


def test_open_names_the_collection_after_the_vector_space(client: ClientAPI, embedder: OnnxEmbedder) -> None:
    kb = KnowledgeBase.open(client, embedder, "team-kb", min_relevance=0.5, candidates=7)
    assert kb.index.collection_name == f"team-kb-{embedder.name}"
    assert kb.retriever.min_relevance == 0.5 and kb.retriever.candidates == 7
    assert kb.retriever.keyword_index is kb.keyword_index


def test_the_corpus_centre_follows_the_corpus(kb: KnowledgeBase) -> None:
    retriever = kb.retriever
    assert retriever.centre() is None  # nothing indexed yet
    corpus = [_chunk(f"c#{i}", f"Passage {i} on fine-tuning topic number {i}.", kind="corpus") for i in range(20)]
    kb.upsert(corpus)
    first = retriever.centre()
    assert first is not None and first.shape == (kb.index.embedder.embed_query("x").shape[0],)
    kb.upsert([_chunk("note:1", "A team note about quokkas.", kind="note")])
    assert retriever.centre() is first  # a note does not move the corpus centre
    kb.delete(["note:1"])
    assert retriever.centre() is first
    kb.delete(["c#0"])
    assert retriever.centre() is None  # 19 corpus passages left: too few for a centre
    kb.upsert([_chunk("c#0", "Passage zero again.", kind="corpus")])
    again = retriever.centre()
    assert again is not None and not np.allclose(again, first)


QUESTIONS = [
    "How many parameters does a LoRA adapter train?",
    "what KPIs should we track for a fine-tuned model?",
    "is prompt engineering cheaper than fine-tuning on-prem?",
    "team notes about adapters",
]


def test_keyword_searches_run_beside_the_vector_search_with_the_same_ranking(
    client: ClientAPI, embedder: OnnxEmbedder, collection_name: str, postgres_url: str
) -> None:
    """With PostgreSQL keyword search the retriever runs its keyword queries on an executor while
    the vector search runs: the passages are exactly those of the one-after-the-other order."""
    from concurrent.futures import ThreadPoolExecutor

    from bot.storage.db import Database
    from knowledge.keyword_pg import PostgresKeywordIndex
    from tests.support.database import empty_database

    empty_database(postgres_url)
    db = Database(postgres_url)
    db.create_schema()
    keywords = PostgresKeywordIndex(db.engine)
    in_order = KnowledgeBase.open(client, embedder, collection_name, keyword_index=keywords)
    Ingestor(in_order, corpus_dirs=[FIXTURE_CORPUS]).ingest([FIXTURE_CORPUS])
    in_order.upsert([_chunk("note:1", "Our team notes: adapters cost us little", kind="note",
                            visibility="private", channel="C1")])
    with ThreadPoolExecutor(max_workers=2) as pool:
        beside = KnowledgeBase.open(client, embedder, collection_name, keyword_index=keywords, keyword_executor=pool)
        for question in QUESTIONS:
            for scope in (None, SearchScope(channel="C1"), SearchScope(channel="C2", kinds=["corpus"])):
                expected = in_order.retriever.retrieve(question, k=6, scope=scope)
                assert expected
                assert beside.retriever.retrieve(question, k=6, scope=scope) == expected
    db.dispose()


def test_a_misspelt_note_word_is_found_by_keyword_once_the_note_is_indexed(fixture_kb: KnowledgeBase) -> None:
    assert fixture_kb.retriever.spelt("the zorblax trick") == "the zorblax trick"  # not a word yet
    fixture_kb.upsert([_chunk("note:7", "Zorblaxing is our team's trick for shrinking adapters.", kind="note")])
    assert fixture_kb.retriever.spelt("what is zorblaxng?") == "what is zorblaxing?"
    passages = fixture_kb.retriever.retrieve("what is zorblaxng?", k=3)
    assert passages[0].id == "note:7"
    assert passages[0].keyword_score is not None and passages[0].keyword_score > 0


def test_with_a_keyword_index_elsewhere_start_up_spells_from_the_curated_corpus_only(
    client: ClientAPI, embedder: OnnxEmbedder, collection_name: str
) -> None:
    first = KnowledgeBase.open(client, embedder, collection_name)
    first.upsert([
        _chunk("note:7", "Zorblaxing is our team's trick for shrinking adapters.", kind="note"),
        _chunk("guide#p1", "Quantization shrinks adapters for serving.", kind="corpus"),
    ])
    # another process's keyword engine (PostgreSQL): start-up does not read every note
    elsewhere = KnowledgeBase.open(client, embedder, collection_name, keyword_index=first.keyword_index)
    assert elsewhere.retriever.spelt("what is quantizaton?") == "what is quantization?"
    assert elsewhere.retriever.spelt("what is zorblaxng?") == "what is zorblaxng?"
    # the in-memory keyword index reads every chunk anyway, so its speller knows the notes' words
    local = KnowledgeBase.open(client, embedder, collection_name)
    assert local.retriever.spelt("what is zorblaxng?") == "what is zorblaxing?"
    first.reset()


def test_keywords_reach_the_keyword_arm_and_are_not_embedded(fixture_kb: KnowledgeBase) -> None:
    fixture_kb.upsert([_chunk("note:2", "Zorblax is the codename of our ticket classifier.", kind="note")])
    question = "how many parameters does LoRA train?"
    plain = [p.id for p in fixture_kb.retriever.retrieve(question, k=50)]
    helped = {p.id: p for p in fixture_kb.retriever.retrieve(question, k=50, keywords="zorblax codename")}
    assert list(helped).index("note:2") < plain.index("note:2")
    assert helped["note:2"].keyword_score
    # the vector arm embedded the question alone: the note's cosine is the one the question gives
    vector = fixture_kb.index.embedder.embed_query(question)
    ((_, stored),) = fixture_kb.index.get_with_vectors(["note:2"])
    assert helped["note:2"].vector_score == pytest.approx(float(stored @ vector), abs=1e-4)
