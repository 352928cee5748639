"""With a language model configured, an answer streams into the Slack thread (chat.startStream /
appendStream / stopStream against the fake Web API, the model behind a local OpenAI-compatible
server that streams server-sent events): one validated, sanitized sentence per chunk, then the
final reply with its citations in the streamed message's place; a stream whose model stalls is
replaced by the extractive fallback with its notice."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from bot.container import Container
from bot.slack.app import build_app
from bot.slack.server import SlackHttpServer
from tests.bot.slack.conftest import SlackEnv, blocks_text, slack_settings, stop_env
from tests.support.fake_slack import Call, FakeSlack
from tests.support.openai_server import FakeOpenAI
from tests.support.tracking_executor import TrackingExecutor

QUESTION = "How much of full fine-tuning performance does PEFT keep?"


@pytest.fixture(scope="module")
def llm() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        yield server


@pytest.fixture(scope="module")
def streaming_env(fake: FakeSlack, llm: FakeOpenAI, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SlackEnv]:
    settings = slack_settings(
        tmp_path_factory.mktemp("slack-stream"), fake, openai_base_url=llm.base_url, llm_model="fake-model",
        llm_max_retries=0, llm_deadline_s=3.0, llm_timeout_s=3.0, llm_schema_mode="json_object",
    )
    container = Container(settings)
    container.router  # noqa: B018
    container.retriever  # noqa: B018
    executor = TrackingExecutor()
    server = SlackHttpServer(build_app(container, executor=executor), host="127.0.0.1", port=0).start()
    env = SlackEnv(fake=fake, container=container, server=server, executor=executor)
    yield env
    stop_env(env)


def first_sentences(env: SlackEnv, n: int) -> list[str]:
    passages = env.container.retriever.retrieve(QUESTION, k=env.container.settings.top_k)
    return [p.text.split(". ")[0].strip().rstrip(".") for p in passages[:n]]


def stream_calls(fake: FakeSlack, channel: str) -> list[Call]:
    return [c for c in fake.calls if c.method.startswith("chat.") and "Stream" in c.method
            and c.params.get("channel") == channel]


def test_an_llm_answer_streams_sentence_by_sentence_then_gets_its_citations(
    streaming_env: SlackEnv, fake: FakeSlack, llm: FakeOpenAI
) -> None:
    s1, s2 = first_sentences(streaming_env, 2)
    llm.replies.append(json.dumps({"sentences": [{"passage": 1, "text": s1}, {"passage": 2, "text": s2}]}))
    root = streaming_env.mention(QUESTION, channel="CSTREAM1")
    streaming_env.idle()
    assert llm.requests[-1]["body"]["stream"] is True and llm.requests[-1]["body"]["max_tokens"] > 0
    start, *appends, stop = stream_calls(fake, "CSTREAM1")
    assert start.method == "chat.startStream" and start.params["thread_ts"] == root
    assert start.params["recipient_user_id"] == "U0001" and start.params["recipient_team_id"]
    assert start.params["markdown_text"] == f"{s1} [1]."  # a whole, validated sentence per chunk
    assert [a.method for a in appends] == ["chat.appendStream"]
    assert appends[0].params["markdown_text"] == f" {s2} [2]."
    assert stop.method == "chat.stopStream" and stop.params["ts"] == start.ts
    final = [c for c in fake.calls if c.method == "chat.update" and c.params.get("ts") == start.ts]
    assert final, "the streamed message was not completed with the final reply"
    text = blocks_text(final[-1])
    titles = [p.chunk.title for p in streaming_env.container.retriever.retrieve(QUESTION, k=2)]
    assert "[1]" in text and "[2]" in text and all(t in text for t in titles)  # the citations, at the stop
    placeholder = [c for c in fake.calls if c.method == "chat.postMessage" and c.params.get("thread_ts") == root]
    deleted = {c.params.get("ts") for c in fake.calls if c.method == "chat.delete"}
    assert all(p.ts in deleted for p in placeholder)  # the placeholder made way for the stream


def test_a_stalled_stream_is_replaced_by_the_extractive_answer(
    streaming_env: SlackEnv, fake: FakeSlack, llm: FakeOpenAI
) -> None:
    [s1] = first_sentences(streaming_env, 1)
    partial = '{"sentences": [' + json.dumps({"passage": 1, "text": s1}) + ", "
    llm.replies.append({"drop_after": partial, "hang": 6})
    streaming_env.mention(QUESTION, channel="CSTREAM2")
    streaming_env.idle()
    start = next(c for c in stream_calls(fake, "CSTREAM2") if c.method == "chat.startStream")
    assert start.params["markdown_text"] == f"{s1} [1]."
    assert any(c.method == "chat.stopStream" for c in stream_calls(fake, "CSTREAM2"))
    final = [c for c in fake.calls if c.method == "chat.update" and c.params.get("ts") == start.ts][-1]
    text = blocks_text(final)
    assert "LLM timeout" in text and "quoted directly from the sources" in text

