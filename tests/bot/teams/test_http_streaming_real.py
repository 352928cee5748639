"""A Teams personal-chat answer streamed from a REAL model: llama-cpp-python's server with
SmolLM2-135M-Instruct (the session's `llama_server` fixture, shared with tests/bot/llm), the real
Teams app over HTTP and the fake Bot Connector. Whatever the tiny model writes, the stream must be
well formed: the informative update first, cumulative text updates with increasing
`streamSequence`, and one final message with the sources card, whose text is the model's
validated answer or the extractive answer with its notice. Never skipped."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator

import pytest

from bot.container import Container
from tests.bot.conftest import make_settings
from tests.bot.teams import payloads as p
from tests.bot.teams.conftest import ALLOWED_HOSTS, TeamsHarness, run_scenario
from tests.bot.teams.test_http_streaming import stream_info, streamed
from tests.support.llama_server import MODEL_ALIAS, LlamaServer

QUESTION = "How much of full fine-tuning performance does PEFT keep?"


@pytest.fixture(scope="module")
def real_container(llama_server: LlamaServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Container]:
    settings = make_settings(
        tmp_path_factory.mktemp("teams-real-stream"), teams_anonymous=True, link_allowlist=ALLOWED_HOSTS,
        openai_base_url=llama_server.base_url, llm_model=MODEL_ALIAS, llm_max_retries=0, llm_deadline_s=150.0,
        llm_timeout_s=150.0, llm_max_tokens=300, llm_answer_style="quote", llm_schema_mode="json_object",
    )
    c = Container(settings)
    c.retriever  # noqa: B018 - index the corpus once
    yield c
    c.close()


def test_a_real_model_answer_streams_into_a_personal_chat(real_container: Container) -> None:
    chat = "a:stream-real"

    async def scenario(h: TeamsHarness) -> None:
        activity = p.personal_message(h.service_url, QUESTION)
        activity["conversation"]["id"] = chat
        await h.send(activity)
        await h.connector.wait_for_messages(1, conversation_id=chat, timeout_s=300)
        await h.drain()
        informative, *updates, final = streamed(h, chat)
        assert (stream_info(informative) or {})["streamType"] == "informative"
        assert [(stream_info(x) or {})["streamSequence"] for x in updates] == list(range(2, 2 + len(updates)))
        texts = [x.body["text"] for x in updates]
        assert all(later.startswith(earlier) for earlier, later in itertools.pairwise(texts))
        end = stream_info(final) or {}
        assert final.type == "message" and end["streamType"] == "final" and "streamSequence" not in end
        assert h.connector.messages(chat) == [final]
        card = json.dumps(final.card)
        written = any("AIGeneratedContent" in (e.get("additionalType") or []) for e in final.body["entities"])
        if written:  # the model's validated answer: what was streamed, with its sources
            assert texts and final.body["text"] == texts[-1] and "Sources" in card and "[1]" in final.body["text"]
        else:  # the extractive answer, with the notice saying why
            assert final.body["text"].startswith("**LLM ")

    run_scenario(real_container, scenario)
