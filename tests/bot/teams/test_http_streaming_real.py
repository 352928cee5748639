"""A Teams personal-chat answer streamed from a REAL model: llama-cpp-python's server with
SmolLM2-135M-Instruct (the session's `llama_server` fixture, shared with tests/bot/llm), the real
Teams app over HTTP and the fake Bot Connector. Whatever the tiny model writes, the stream must be
well formed: the informative update first, cumulative text updates with increasing
`streamSequence`, and one final message with the sources card, whose text is the model's
validated answer or the extractive answer with its notice. Never skipped."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from bot.container import Container
from tests.bot.teams.conftest import TeamsHarness, run_scenario
from tests.bot.teams.streams import ask_streamed, streaming_container
from tests.support.llama_server import MODEL_ALIAS, LlamaServer


@pytest.fixture(scope="module")
def real_container(llama_server: LlamaServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Container]:
    data_dir = tmp_path_factory.mktemp("teams-real-stream")
    with streaming_container(
        data_dir, llama_server.base_url, model=MODEL_ALIAS, deadline_s=150.0, llm_max_tokens=300,
        llm_answer_style="quote",
    ) as c:
        yield c


def test_a_real_model_answer_streams_into_a_personal_chat(real_container: Container) -> None:
    async def scenario(h: TeamsHarness) -> None:
        stream = await ask_streamed(h, "a:stream-real", timeout_s=300)
        final, texts = stream.final, stream.texts
        card = json.dumps(final.card)
        written = any("AIGeneratedContent" in (e.get("additionalType") or []) for e in final.body["entities"])
        if written:  # the model's validated answer: what was streamed, with its sources
            assert texts and final.body["text"] == texts[-1] and "Sources" in card and "[1]" in final.body["text"]
        else:  # the extractive answer, with the notice saying why
            assert final.body["text"].startswith("**LLM ")

    run_scenario(real_container, scenario)
