"""With a language model configured, a question in a Teams personal chat is answered as a stream,
over HTTP: real activity JSON posted to the running app, the model behind a local OpenAI-compatible
server that streams server-sent events, and every Bot Connector call recorded by the fake
connector. The stream is the Agents SDK's: an informative `typing` update, `typing` updates with
the text so far and increasing `streamSequence`, then one final `message` carrying the citations.
A stream whose model stalls ends on the extractive answer with its notice; a final message the
connector refuses is replaced by the ordinary card. Channels and group chats do not stream."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from typing import Any

import pytest

from bot.container import Container
from tests.bot.conftest import make_settings
from tests.bot.teams import payloads as p
from tests.bot.teams.conftest import ALLOWED_HOSTS, TeamsHarness, run_scenario
from tests.bot.teams.fake_connector import Posted
from tests.support.openai_server import FakeOpenAI

QUESTION = "How much of full fine-tuning performance does PEFT keep?"


@pytest.fixture(scope="module")
def llm() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        server.stream_pause_s = 0.01  # a few characters every 10 ms: the sentences arrive one by one
        yield server


@pytest.fixture(scope="module")
def llm_container(llm: FakeOpenAI, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Container]:
    settings = make_settings(
        tmp_path_factory.mktemp("teams-stream"), teams_anonymous=True, link_allowlist=ALLOWED_HOSTS,
        openai_base_url=llm.base_url, llm_model="fake-model", llm_max_retries=0, llm_deadline_s=6.0,
        llm_timeout_s=6.0, llm_schema_mode="json_object",
    )
    c = Container(settings)
    c.retriever  # noqa: B018 - index the corpus once
    yield c
    c.close()


def first_sentences(container: Container, n: int) -> list[str]:
    passages = container.retriever.retrieve(QUESTION, k=container.settings.top_k)
    return [x.text.split(". ")[0].strip().rstrip(".") for x in passages[:n]]


def personal(h: TeamsHarness, chat: str) -> dict[str, Any]:
    activity = p.personal_message(h.service_url, QUESTION)
    activity["conversation"]["id"] = chat  # one chat per test: no history from another test
    return activity


def stream_info(posted: Posted) -> dict[str, Any] | None:
    return next((e for e in posted.body.get("entities") or [] if e.get("type") == "streaminfo"), None)


def streamed(h: TeamsHarness, chat: str) -> list[Posted]:
    return [x for x in h.connector.posted if x.conversation_id == chat and stream_info(x) is not None]


def test_a_personal_chat_answer_streams_then_ends_with_its_citations(
    llm_container: Container, llm: FakeOpenAI
) -> None:
    s1, s2 = first_sentences(llm_container, 2)
    llm.replies.append(json.dumps({"sentences": [{"passage": 1, "text": s1}, {"passage": 2, "text": s2}]}))
    chat = "a:stream-ok"

    async def scenario(h: TeamsHarness) -> None:
        activity = personal(h, chat)
        status, _ = await h.send(activity)
        assert status in (200, 202)
        await h.connector.wait_for_messages(1, conversation_id=chat)
        await h.drain()
        informative, *updates, final = streamed(h, chat)
        assert all(x.reply_to == activity["id"] for x in [informative, *updates, final])
        first = stream_info(informative)
        assert informative.type == "typing" and informative.body["text"] == "Looking in the sources\u2026"
        assert first is not None and first["streamType"] == "informative" and first["streamSequence"] == 1
        assert updates and all(x.type == "typing" for x in updates)
        infos = [stream_info(x) or {} for x in updates]
        assert all(i["streamType"] == "streaming" for i in infos)
        sequences = [i["streamSequence"] for i in infos]
        assert sequences == list(range(2, 2 + len(updates)))  # 1 was the informative update
        stream_id = infos[0]["streamId"]
        assert stream_id.startswith("posted-")  # the id the connector gave the first activity
        assert all(i["streamId"] == stream_id for i in infos)
        texts = [x.body["text"] for x in updates]
        assert all(later.startswith(earlier) for earlier, later in itertools.pairwise(texts))
        assert texts[0].startswith(f"{s1} [1].")  # whole, validated sentences only
        assert texts[-1] == f"{s1} [1]. {s2} [2]."
        end = stream_info(final) or {}
        assert final.type == "message" and end["streamType"] == "final" and end["streamId"] == stream_id
        assert "streamSequence" not in end
        assert final.body["text"] == f"{s1} [1]. {s2} [2]."
        card = json.dumps(final.card)
        titles = [x.chunk.title for x in llm_container.retriever.retrieve(QUESTION, k=2)]
        assert "Sources" in card and "[1]" in card and "[2]" in card and all(t in card for t in titles)
        assert "Written by the language model" in card
        assert [a["data"]["ftAction"] for a in final.card["actions"]] == ["feedback.up", "feedback.down"]
        assert any("AIGeneratedContent" in (e.get("additionalType") or []) for e in final.body["entities"])
        assert h.connector.messages(chat) == [final]  # one message: the stream's final one
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
        await h.send(personal(h, chat))
        await h.connector.wait_for_messages(1, conversation_id=chat)
        await h.drain()
        informative, *updates, final = streamed(h, chat)
        assert (stream_info(informative) or {})["streamType"] == "informative"
        assert [x.body["text"] for x in updates] == [f"{s1} [1]."]  # half an answer was streamed...
        assert (stream_info(final) or {})["streamType"] == "final"
        text = final.body["text"]  # ...and the final message replaces it with the fallback
        assert text.startswith("**LLM timeout") and "quoted directly from the sources" in text
        assert "Sources" in json.dumps(final.card)
        assert not any("AIGeneratedContent" in (e.get("additionalType") or []) for e in final.body["entities"])
        assert h.connector.messages(chat) == [final]

    run_scenario(llm_container, scenario)


def test_an_unusable_model_answer_ends_the_stream_on_the_extractive_answer(
    llm_container: Container, llm: FakeOpenAI
) -> None:
    llm.replies.append(json.dumps({"sentences": [{"passage": 1, "text": "Bananas are a popular fruit in winter."}]}))
    chat = "a:stream-unusable"

    async def scenario(h: TeamsHarness) -> None:
        await h.send(personal(h, chat))
        await h.connector.wait_for_messages(1, conversation_id=chat)
        await h.drain()
        informative, final = streamed(h, chat)  # nothing the model wrote was worth streaming
        assert (stream_info(informative) or {})["streamType"] == "informative"
        assert (stream_info(final) or {})["streamType"] == "final"
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
        await h.send(personal(h, chat))
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
        await h.send(personal(h, chat))
        await h.connector.wait_for_messages(1, conversation_id=chat)
        await h.drain()
        _informative, *updates, final = streamed(h, chat)
        assert updates, "the sentence was not streamed"
        for text in [x.body["text"] for x in updates] + [final.body["text"]]:
            assert text.startswith(s1) and "@here" not in text and "evil" not in text
            assert "[link removed]" in text

    run_scenario(llm_container, scenario)
