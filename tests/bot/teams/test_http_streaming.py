"""With a language model configured, a question in a Teams personal chat is answered as a stream,
over HTTP: real activity JSON posted to the running app, the model behind a local OpenAI-compatible
server that streams server-sent events, and every Bot Connector call recorded by the fake
connector. The stream is the Agents SDK's: an informative `typing` update, `typing` updates with
the text so far and increasing `streamSequence`, then one final `message` carrying the citations.
A stream whose model stalls ends on the extractive answer with its notice; a final message the
connector refuses is replaced by the ordinary card. Channels and group chats do not stream."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.container import Container
from tests.bot.teams import payloads as p
from tests.bot.teams.conftest import TeamsHarness, run_scenario
from tests.bot.teams.streams import QUESTION, ask_streamed, personal_question, stream_info, streaming_container
from tests.support.openai_server import FakeOpenAI


@pytest.fixture(scope="module")
def llm() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        server.stream_pause_s = 0.01  # a few characters every 10 ms: the sentences arrive one by one
        yield server


@pytest.fixture(scope="module")
def llm_container(llm: FakeOpenAI, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Container]:
    data_dir: Path = tmp_path_factory.mktemp("teams-stream")
    with streaming_container(data_dir, llm.base_url, model="fake-model", deadline_s=6.0) as c:
        yield c


def first_sentences(container: Container, n: int) -> list[str]:
    passages = container.retriever.retrieve(QUESTION, k=container.settings.top_k)
    return [x.text.split(". ")[0].strip().rstrip(".") for x in passages[:n]]


def test_a_personal_chat_answer_streams_then_ends_with_its_citations(
    llm_container: Container, llm: FakeOpenAI
) -> None:
    s1, s2 = first_sentences(llm_container, 2)
    llm.replies.append(json.dumps({"sentences": [{"passage": 1, "text": s1}, {"passage": 2, "text": s2}]}))
    chat = "a:stream-ok"

    async def scenario(h: TeamsHarness) -> None:
        stream = await ask_streamed(h, chat)
        informative, updates, final = stream.informative, stream.updates, stream.final
        assert all(x.reply_to == stream.activity["id"] for x in [informative, *updates, final])
        assert informative.body["text"] == "Looking in the sources\u2026" and updates
        infos = [stream_info(x) or {} for x in [*updates, final]]
        stream_id = infos[0]["streamId"]
        assert stream_id.startswith("posted-")  # the id the connector gave the first activity
        assert all(i["streamId"] == stream_id for i in infos)
        assert stream.texts[0].startswith(f"{s1} [1].")  # whole, validated sentences only
        assert stream.texts[-1] == f"{s1} [1]. {s2} [2]."
        assert final.body["text"] == f"{s1} [1]. {s2} [2]."
        card = json.dumps(final.card)
        titles = [x.chunk.title for x in llm_container.retriever.retrieve(QUESTION, k=2)]
        assert "Sources" in card and "[1]" in card and "[2]" in card and all(t in card for t in titles)
        assert "Written by the language model" in card
        assert [a["data"]["ftAction"] for a in final.card["actions"]] == ["feedback.up", "feedback.down"]
        assert any("AIGeneratedContent" in (e.get("additionalType") or []) for e in final.body["entities"])
        sent = llm.requests[-1]["body"]
        assert sent["stream"] is True and sent["max_tokens"] > 0

    run_scenario(llm_container, scenario)


def test_a_stalled_stream_ends_on_the_extractive_answer_with_its_notice(
    llm_container: Container, llm: FakeOpenAI
) -> None:
    [s1] = first_sentences(llm_container, 1)
    partial = '{"sentences": [' + json.dumps({"passage": 1, "text": s1}) + ", "
    llm.replies.append({"drop_after": partial, "hang": 9})  # past the 6 s deadline
    chat = "a:stream-stalled"

    async def scenario(h: TeamsHarness) -> None:
        stream = await ask_streamed(h, chat)
        final = stream.final
        assert stream.texts == [f"{s1} [1]."]  # half an answer was streamed...
        text = final.body["text"]  # ...and the final message replaces it with the fallback
        assert text.startswith("**LLM timeout") and "quoted directly from the sources" in text
        assert "Sources" in json.dumps(final.card)
        assert not any("AIGeneratedContent" in (e.get("additionalType") or []) for e in final.body["entities"])

    run_scenario(llm_container, scenario)


def test_an_unusable_model_answer_ends_the_stream_on_the_extractive_answer(
    llm_container: Container, llm: FakeOpenAI
) -> None:
    llm.replies.append(json.dumps({"sentences": [{"passage": 1, "text": "Bananas are a popular fruit in winter."}]}))
    chat = "a:stream-unusable"

    async def scenario(h: TeamsHarness) -> None:
        stream = await ask_streamed(h, chat)
        final = stream.final
        assert stream.updates == []  # nothing the model wrote was worth streaming
        assert final.body["text"].startswith("**LLM unusable") and "Bananas" not in final.body["text"]
        assert "Sources" in json.dumps(final.card)

    run_scenario(llm_container, scenario)


def test_a_final_message_the_connector_refuses_is_replaced_by_the_ordinary_card(
    llm_container: Container, llm: FakeOpenAI
) -> None:
    [s1] = first_sentences(llm_container, 1)
    llm.replies.append(json.dumps({"sentences": [{"passage": 1, "text": s1}]}))
    chat = "a:stream-refused"

    async def scenario(h: TeamsHarness) -> None:
        h.connector.fail_next(503)  # the first message post: the stream's final message
        await h.send(personal_question(h, chat))
        [answer] = await h.connector.wait_for_messages(1, conversation_id=chat)
        await h.drain()
        assert [status for status, _ in h.connector.failed] == [503]
        assert stream_info(answer) is None  # posted the ordinary way, with retries
        card = json.dumps(answer.card)
        assert f"{s1} [1]." in card and "Sources" in card
        assert h.connector.messages(chat) == [answer]

    run_scenario(llm_container, scenario)


def test_channels_and_group_chats_get_one_message_without_streaming(
    llm_container: Container, llm: FakeOpenAI
) -> None:
    s1, s2 = first_sentences(llm_container, 2)
    reply = json.dumps({"sentences": [{"passage": 1, "text": s1}, {"passage": 2, "text": s2}]})
    llm.replies.extend([reply, reply])

    async def scenario(h: TeamsHarness) -> None:
        await h.send(p.channel_mention(h.service_url, QUESTION))
        [in_channel] = await h.connector.wait_for_messages(1)
        await h.send(p.group_mention(h.service_url, QUESTION))
        await h.connector.wait_for_messages(2)
        await h.drain()
        assert not any(stream_info(x) for x in h.connector.posted)
        assert not [x for x in h.connector.posted if x.type == "typing" and x.conversation_id.startswith(p.CHANNEL_ID)]
        assert any(x.type == "typing" for x in h.connector.posted if x.conversation_id == p.GROUP_CHAT_ID)
        in_group = h.connector.messages(p.GROUP_CHAT_ID)
        assert len(in_group) == 1 and len(h.connector.messages()) == 2
        for answer in (in_channel, in_group[0]):
            card = json.dumps(answer.card)
            assert "Sources" in card and "Written by the language model" in card
        assert all(not r["body"].get("stream") for r in llm.requests[-2:])

    run_scenario(llm_container, scenario)


def test_every_streamed_update_goes_through_the_sanitizer(llm_container: Container, llm: FakeOpenAI) -> None:
    [s1] = first_sentences(llm_container, 1)
    llm.replies.append(json.dumps({"sentences": [{"passage": 1, "text": f"{s1} @here www.evil.io/x"}]}))
    chat = "a:stream-sanitized"

    async def scenario(h: TeamsHarness) -> None:
        stream = await ask_streamed(h, chat)
        assert stream.updates, "the sentence was not streamed"
        for text in [*stream.texts, stream.final.body["text"]]:
            assert text.startswith(s1) and "@here" not in text and "evil" not in text
            assert "[link removed]" in text

    run_scenario(llm_container, scenario)
