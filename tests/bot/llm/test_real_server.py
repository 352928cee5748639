"""The LLM paths against a REAL OpenAI-compatible server: llama-cpp-python's server with
SmolLM2-135M-Instruct on 127.0.0.1 (tests/support/llama_server.py). The answer composer, the
assessment extractor and both demo arms run through it with the production clients; what they
sent is recorded on the way. Never skipped.

The model is tiny (135M parameters): the tests check what must hold whatever it writes (the
requests, validation, each fallback reason, cancellation) and that schema-constrained decoding
makes it produce at least one validated `llm`-mode answer."""

from __future__ import annotations

import time
from typing import Any

import httpx

from bot.container import Container
from bot.llm.bounded_http import Endpoint
from bot.llm.openai_arms import CHAT_MIN_TOKENS, OpenAIArm
from bot.llm.openai_chat import OpenAIChatModel
from handlers.ask.service import AskService
from handlers.assess.llm_extract import LLMExtractor, quoted_in
from handlers.demo.arms import ArmSetup, DemoArms, Pricing
from handlers.demo.runner import DemoRunner
from handlers.models import Conversation
from knowledge.demos import load_pack
from knowledge.rubric.model import shipped_rubric
from tests.support.llama_server import MODEL_ALIAS, LlamaServer, RecordingTransport

WELL_POSED = ["What does LoRA stand for?", "How much of full fine-tuning performance does PEFT keep?"]
PACK = load_pack("ticket-triage")


def model(server: LlamaServer, requests: list[dict[str, Any]], **kw: Any) -> OpenAIChatModel:
    options: dict[str, Any] = {"deadline_s": 150.0, "max_tokens": 300, "temperature": 0.0, "answer_style": "quote"}
    options.update(kw)
    endpoint = Endpoint(server.base_url, timeout_s=150, max_retries=0, transport=lambda: RecordingTransport(requests))
    return OpenAIChatModel(endpoint, model=MODEL_ALIAS, **options)


def service(container: Container, chat: OpenAIChatModel, deadline_s: float = 150.0) -> AskService:
    return AskService(retriever=container.retriever, conversations=container.conversations,
                      questions=container.question_log, chat_model=chat, llm_deadline_s=deadline_s)


def conv(thread: str) -> Conversation:
    return Conversation(platform="terminal", channel="general", thread=thread, user="U1", user_name="ana")


def test_answer_composer_gets_a_validated_llm_answer(llama_server: LlamaServer, indexed_container: Container) -> None:
    sent: list[dict[str, Any]] = []
    svc = service(indexed_container, model(llama_server, sent))
    answers = [svc.answer(q, conv(f"real-{i}"), remember=False) for i, q in enumerate(WELL_POSED)]
    llm = [a for a in answers if a.mode == "llm"]
    assert llm, [a.notice for a in answers]
    for a in llm:
        assert a.grounded and a.citations and a.llm_ms is not None and a.notice is None
        for c in a.citations:  # every citation points at a passage the quote is really in
            assert c.quote in indexed_container.kb.index.get([c.id])[0].text
    first = sent[0]
    assert first["path"].endswith("/chat/completions")
    body = first["body"]
    assert body["model"] == MODEL_ALIAS and body["max_tokens"] == 300
    assert body["response_format"]["type"] == "json_schema"  # tried first...
    assert sent[1]["body"]["response_format"]["type"] == "json_object"  # ...llama-cpp-python wants this
    assert "sentences" in sent[1]["body"]["response_format"]["schema"]["properties"]


def test_each_fallback_reason_against_the_real_server(
    llama_server: LlamaServer, indexed_container: Container
) -> None:
    q = WELL_POSED[1]
    sent: list[dict[str, Any]] = []
    # refused: this server rejects a json_schema response_format (when not allowed to fall back)
    refused = service(indexed_container, model(llama_server, sent, schema_mode="json_schema")).answer(
        q, conv("r1"), remember=False)
    assert refused.mode == "extractive" and refused.notice_reason == "refused" and "HTTP 500" in (refused.notice or "")
    # unusable: far too few tokens for the JSON to close
    unusable = service(indexed_container, model(llama_server, sent, schema_mode="json_object", max_tokens=4)).answer(
        q, conv("r2"), remember=False)
    assert unusable.mode == "extractive" and unusable.notice_reason == "unusable"
    assert sent[-1]["body"]["max_tokens"] == 4
    # timeout: a deadline shorter than any generation; the request is cancelled...
    started = time.monotonic()
    late = service(indexed_container, model(llama_server, sent, schema_mode="json_object"), deadline_s=0.3).answer(
        q, conv("r3"), remember=False)
    assert late.mode == "extractive" and late.notice_reason == "timeout"
    assert time.monotonic() - started < 0.3 + 3 + 5  # deadline + 3 s, plus retrieval on a busy machine
    # ...and the server is free again for the next caller
    assert httpx.get(f"{llama_server.base_url}/models", timeout=30).status_code == 200
    # unreachable: nothing listens there
    gone = OpenAIChatModel(Endpoint("http://127.0.0.1:9/v1", max_retries=0), model=MODEL_ALIAS, deadline_s=5)
    assert service(indexed_container, gone).answer(q, conv("r4"), remember=False).notice_reason == "unreachable"


def test_assessment_extraction_keeps_only_quoted_values(llama_server: LlamaServer) -> None:
    sent: list[dict[str, Any]] = []
    text = "We have about 3000 labelled support tickets, our product docs change every week, and nobody knows ML."
    extractor = LLMExtractor(shipped_rubric(), model(llama_server, sent, schema_mode="json_object"),
                             deadline_s=150, max_tokens=700)
    got = extractor.extract(text)
    assert extractor.last_error is None, extractor.last_error
    body = sent[-1]["body"]
    assert body["model"] == MODEL_ALIAS and body["max_tokens"] == 700
    assert body["response_format"]["type"] == "json_object"
    assert set(body["response_format"]["schema"]["properties"]) == {c.id for c in shipped_rubric().criteria}
    rules = extractor.fallback.extract(text)
    for crit, value in got.answers.items():
        if rules.answers.get(crit) == value and got.evidence.get(crit) == rules.evidence.get(crit):
            continue  # the rules' own reading
        assert quoted_in(got.evidence[crit], text), (crit, value, got.evidence[crit])


def test_both_demo_arms_through_the_real_server(llama_server: LlamaServer) -> None:
    sent: list[dict[str, Any]] = []

    def endpoint() -> Endpoint:
        return Endpoint(llama_server.base_url, timeout_s=150, max_retries=0,
                        transport=lambda: RecordingTransport(sent))

    completions = OpenAIArm("SmolLM2 (completions, few-shot)", endpoint(), MODEL_ALIAS, api="completions",
                            timeout_s=150)
    chat = OpenAIArm("SmolLM2 (chat, schema)", endpoint(), MODEL_ALIAS, api="chat", timeout_s=150,
                     system="Label the support ticket.", schema=PACK.schema.model_json_schema())
    arms = DemoArms(
        base=ArmSetup(role="base", arm=completions, prompt="few_shot", pricing=Pricing()),
        finetuned=ArmSetup(role="finetuned", arm=chat, prompt="minimal", pricing=Pricing()),
        concurrency=1, parallel=False,
    )
    reply = DemoRunner(PACK, arms).side_by_side(PACK.examples("eval")[0].text)
    assert reply.base.error is None and reply.finetuned.error is None
    assert reply.finetuned.valid, reply.finetuned  # schema-constrained: always a valid label
    comp = next(r["body"] for r in sent if r["path"].endswith("/v1/completions"))
    chats = [r["body"] for r in sent if r["path"].endswith("/chat/completions")]
    assert comp["model"] == MODEL_ALIAS and comp["max_tokens"] == PACK.spec.generation.max_tokens
    assert comp["stop"] == ["\n"]
    assert all("stop" not in b and b["max_tokens"] == CHAT_MIN_TOKENS for b in chats)  # a budget that never cuts
    assert chats[-1]["response_format"] == {"type": "json_object", "schema": PACK.schema.model_json_schema()}


def test_a_demo_arm_deadline_cancels_the_generation(llama_server: LlamaServer) -> None:
    arm = OpenAIArm("late", Endpoint(llama_server.base_url, timeout_s=60, max_retries=0), MODEL_ALIAS,
                    api="completions", timeout_s=0.2)
    # a text the model continues (an instruction alone may be answered by an immediate end of text)
    story = "Once upon a time, in a kingdom far away, there lived a dragon who loved to tell long stories. One day,"
    result = arm.complete(story, max_tokens=512, stop=[])
    assert result.error == "timeout after 0.2 s", result
    fast = OpenAIArm("next", Endpoint(llama_server.base_url, timeout_s=60, max_retries=0), MODEL_ALIAS,
                     api="completions", timeout_s=60)
    assert fast.complete("Hello", max_tokens=2, stop=[]).error is None  # the server still serves

