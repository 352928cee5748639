"""The ask path end to end on the real corpus: real chroma, real ONNX embeddings, real SQLite."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.container import Container
from bot.llm.openai_chat import OpenAIChatModel
from handlers.ask.service import AskService
from handlers.ask.text import sentences_of
from handlers.models import AnswerReply, Conversation, Request
from tests.bot.conftest import make_settings
from tests.support.openai_server import FakeOpenAI

ROOT = Path(__file__).resolve().parents[2]
# The items marked `added: issue-10` are scored by bench/qa_eval.py; these floors predate them.
QUESTIONS = [q for q in yaml.safe_load((ROOT / "bench" / "questions.yaml").read_text()) if "added" not in q]
IN_SCOPE = [q for q in QUESTIONS if not q.get("out_of_scope")]
OUT_OF_SCOPE = [q["q"] for q in QUESTIONS if q.get("out_of_scope")]


def conv(channel: str = "general", thread: str = "t1", channel_type: str = "public") -> Conversation:
    return Conversation(platform="slack", channel=channel, thread=thread, channel_type=channel_type,  # type: ignore[arg-type]
                        user="U1", user_name="ana")


def test_quotes_are_substrings_of_cited_passages(indexed_container: Container) -> None:
    kb = indexed_container.kb
    grounded = 0
    for i, item in enumerate(IN_SCOPE):
        answer = indexed_container.ask.answer(item["q"], conv(thread=f"q{i}"), remember=False)
        grounded += answer.grounded
        for c in answer.citations:
            passage = kb.index.get([c.id])[0]
            assert c.quote and c.quote in passage.text, (item["q"], c.id)
            assert c.title == passage.title
            assert f"[{c.n}]" in answer.answer
    assert grounded >= 0.9 * len(IN_SCOPE)


def test_out_of_scope_questions_are_refused(indexed_container: Container) -> None:
    """Floors from BENCHMARKS.md (bench/qa_eval.py): >= 90 % of the out-of-scope questions refused
    (the near-domain decoy "fine-tune the intonation on my guitar" is the known miss), and every
    refusal says so plainly with no citations."""
    refused = 0
    for question in OUT_OF_SCOPE:
        answer = indexed_container.ask.answer(question, conv(thread="oos"), remember=False)
        if not answer.grounded:
            refused += 1
            assert answer.citations == [] and "can't answer" in answer.answer
    assert refused >= 0.9 * len(OUT_OF_SCOPE)
    clearly_foreign = ["what's the weather in Paris tomorrow?", "how do I bake sourdough bread?",
                       "how do I tune hyperparameters for an XGBoost model?"]
    for question in clearly_foreign:
        assert not indexed_container.ask.answer(question, conv(thread="oos"), remember=False).grounded


def test_flagship_question_is_answered(indexed_container: Container) -> None:
    answer = indexed_container.ask.answer("should we fine-tune or use RAG for support tickets?", conv(), remember=False)
    assert answer.grounded and answer.citations


def test_private_note_only_retrieved_in_its_channel(indexed_container: Container) -> None:
    notes = indexed_container.notes
    note = notes.add(
        "Our zebrafish-codename project found that LoRA rank 4 matched rank 16 for ticket routing.",
        author="bo", channel="C-PRIVATE", visibility="private", platform="slack",
    )
    q = "What did the zebrafish-codename project find about LoRA rank?"
    inside = indexed_container.ask.answer(q, conv("C-PRIVATE", "p1", "private"), remember=False)
    outside = indexed_container.ask.answer(q, conv("C-PUBLIC", "p2"), remember=False)
    assert f"note:{note.id}" in [c.id for c in inside.citations]
    assert f"note:{note.id}" not in [c.id for c in outside.citations]
    assert "zebrafish" not in outside.answer
    cited = next(c for c in inside.citations if c.id == f"note:{note.id}")
    assert cited.source.startswith("Team note by bo, ")


def test_a_notes_sentences_are_embedded_when_it_is_added_and_read_when_asked(indexed_container: Container) -> None:
    """The composers' sentences of a new note are in the sentence store (same split), and the ask
    path reads that store before it would run the encoder."""
    note = indexed_container.notes.add(
        "The okapi-codename pilot kept prompts for tone. Its LoRA adapter took three days to train on 9k tickets.",
        author="cy", channel="C-OKAPI", visibility="public", platform="slack",
    )
    store = indexed_container.kb.sentences
    assert store is not None and indexed_container.ask.similarity is not None
    assert indexed_container.ask.similarity.stored is store
    sentences = sentences_of(note.text)
    assert len(sentences) == 2 and set(store.get(sentences)) == set(sentences)
    answer = indexed_container.ask.answer(
        "How long did the okapi-codename LoRA adapter take to train?", conv("C-OKAPI", "o1"), remember=False
    )
    assert f"note:{note.id}" in [c.id for c in answer.citations]
    indexed_container.notes.delete(note.id)
    assert store.get(sentences) == {}


def test_follow_up_uses_thread_history(indexed_container: Container) -> None:
    router = indexed_container.router
    c = conv(thread="follow")
    first = router.handle(Request(text="How many fewer parameters does prompt tuning update?", conversation=c))
    assert isinstance(first[0], AnswerReply) and first[0].answer.grounded
    follow = router.handle(Request(text="and what about PEFT?", conversation=c))[0]
    assert isinstance(follow, AnswerReply) and follow.answer.grounded
    history = indexed_container.conversations.history(c.thread_key)
    assert [t.role for t in history] == ["user", "assistant", "user", "assistant"]


def llm_service(container: Container, fake: FakeOpenAI, **overrides: object) -> AskService:
    settings = make_settings(container.settings.data_dir, openai_base_url=fake.base_url, llm_model="fake-model",
                             llm_max_retries=0, **overrides)
    return AskService(
        retriever=container.retriever, conversations=container.conversations, questions=container.question_log,
        chat_model=OpenAIChatModel.from_settings(settings), llm_timeout_s=settings.llm_timeout_s,
        llm_deadline_s=settings.llm_deadline_s,
    )


Q = "How much of full fine-tuning performance does PEFT keep?"


def test_llm_answer_is_used_and_invalid_citations_removed(indexed_container: Container) -> None:
    with FakeOpenAI() as fake:
        fake.replies.append("PEFT keeps most of the quality of full fine-tuning [1] while training few weights [9].")
        answer = llm_service(indexed_container, fake, llm_schema_mode="none").answer(
            Q, conv(thread="llm1"), remember=False
        )
        sent = fake.requests[0]["body"]
    assert answer.mode == "llm" and answer.grounded
    assert "[9]" not in answer.answer and "[1]" in answer.answer
    assert sent["model"] == "fake-model" and sent["max_tokens"] == 512 and "response_format" not in sent
    assert "[1]" in sent["messages"][0]["content"]
    assert answer.llm_ms is not None and answer.notice is None


def test_schema_constrained_answer_keeps_only_sentences_their_passage_supports(
    indexed_container: Container,
) -> None:
    passages = indexed_container.retriever.retrieve(Q, k=indexed_container.settings.top_k)
    copied = passages[0].text.split(". ")[0].strip().rstrip(".")
    reply = {"sentences": [
        {"text": copied, "passage": 1},
        {"text": "Quantum bananas orbit the moon every Tuesday afternoon.", "passage": 2},
        {"text": copied, "passage": 9},
    ]}
    with FakeOpenAI() as fake:
        fake.replies.append("Sure! " + json.dumps(reply) + " {\"sentences\": []}")
        answer = llm_service(indexed_container, fake).answer(Q, conv(thread="llm-json"), remember=False)
        sent = fake.requests[0]["body"]
    assert sent["response_format"]["type"] == "json_schema"
    schema = sent["response_format"]["json_schema"]["schema"]
    assert schema["properties"]["sentences"]["items"]["properties"]["passage"]["enum"] == list(
        range(1, len(passages) + 1)
    )
    assert sent["max_tokens"] == 512 and sent["model"] == "fake-model"
    assert answer.mode == "llm" and answer.grounded
    assert answer.answer == f"{copied} [1]."
    assert "bananas" not in answer.answer
    assert [c.id for c in answer.citations] == [passages[0].chunk.id]


def test_json_schema_rejected_falls_back_to_json_object_with_schema(indexed_container: Container) -> None:
    passages = indexed_container.retriever.retrieve(Q, k=indexed_container.settings.top_k)
    copied = passages[0].text.split(". ")[0].strip().rstrip(".")
    with FakeOpenAI() as fake:
        fake.replies.append({"status": 422, "body": {"error": {"message": "json_schema not supported"}}})
        fake.replies.append(json.dumps({"sentences": [{"text": copied, "passage": 1}]}))
        answer = llm_service(indexed_container, fake).answer(Q, conv(thread="llm-obj"), remember=False)
        formats = [r["body"]["response_format"] for r in fake.requests]
    assert [f["type"] for f in formats] == ["json_schema", "json_object"]
    assert "sentences" in formats[1]["schema"]["properties"]
    assert answer.mode == "llm"


def test_llm_timeout_falls_back_to_extractive(indexed_container: Container) -> None:
    with FakeOpenAI() as fake:
        fake.replies.append({"delay": 3, "content": "too late [1]"})
        svc = llm_service(indexed_container, fake, llm_timeout_s=0.5, llm_deadline_s=1.0)
        answer = svc.answer(Q, conv(thread="llm2"), remember=False)
    assert answer.mode == "extractive" and answer.grounded
    assert answer.notice and "in time" in answer.notice and answer.notice_reason == "timeout"
    assert answer.llm_ms is not None


@pytest.mark.parametrize(
    ("garbage", "reason", "words"),
    [
        ("", "unusable", "could not be used"),
        ("lorem ipsum without any citation at all", "unusable", "could not be used"),
        ({"status": 500}, "refused", "refused the request (HTTP 500)"),
        ({"status": 401, "body": {"error": {"message": "bad key"}}}, "refused", "HTTP 401"),
    ],
)
def test_llm_garbage_or_error_falls_back_with_its_real_cause(
    indexed_container: Container, garbage: object, reason: str, words: str
) -> None:
    with FakeOpenAI() as fake:
        fake.replies.append(garbage)
        answer = llm_service(indexed_container, fake).answer(Q, conv(thread="llm3"), remember=False)
    assert answer.mode == "extractive" and answer.grounded and answer.notice
    assert answer.notice_reason == reason and words in answer.notice


def test_unreachable_server_is_reported_as_unreachable(indexed_container: Container) -> None:
    settings = make_settings(indexed_container.settings.data_dir, openai_base_url="http://127.0.0.1:9/v1",
                             llm_max_retries=0)
    svc = AskService(
        retriever=indexed_container.retriever, conversations=indexed_container.conversations,
        questions=indexed_container.question_log, chat_model=OpenAIChatModel.from_settings(settings),
    )
    answer = svc.answer(Q, conv(thread="llm4"), remember=False)
    assert answer.mode == "extractive" and answer.notice_reason == "unreachable"
    assert answer.notice and "could not be reached" in answer.notice and "unusable" not in answer.notice


def test_cli_ask_json_contract(tmp_path: Path) -> None:
    env = {**os.environ, "FTADVISOR_DATA_DIR": str(tmp_path / "d")}
    env.pop("OPENAI_API_KEY", None)
    env.pop("OPENAI_BASE_URL", None)
    out = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--json", "Does PEFT keep the performance of full fine-tuning?"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300, check=True,
    )
    data = json.loads(out.stdout.strip().splitlines()[-1])
    assert set(data) == {
        "answer", "citations", "grounded", "mode", "notice", "notice_reason", "llm_ms", "question_kind"
    }
    assert data["grounded"] is True and data["mode"] == "extractive"
    assert data["notice"] is None and data["llm_ms"] is None  # no language model configured
    assert {"n", "id", "title", "source", "quote", "summary"} == set(data["citations"][0])
    # the curated corpus is our summary of the articles, and every citation of it says so
    for c in data["citations"]:
        if c["id"].split("#")[0] in {"gupta-customizing-ai", "llm-expert-comparison"}:
            assert c["summary"] is True and c["title"].startswith("Summary of: ")
            assert c["source"].startswith("ft-advisor summary of")
