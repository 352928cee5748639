"""The structured calls of `OpenAIChatModel`, plain and streamed, against a local OpenAI-compatible
server: which `response_format` each mode sends, `auto` falling back from a rejected `json_schema`
to `json_object` + schema once and remembering it, and other refusals raised as they are."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from bot.llm.bounded_http import Endpoint
from bot.llm.openai_chat import OpenAIChatModel, SchemaMode
from handlers.errors import ModelRefused
from handlers.ports import ChatMessage
from tests.support.openai_server import FakeOpenAI

SCHEMA = {"type": "object", "properties": {"verdict": {"type": "string"}}}
ANSWER = json.dumps({"verdict": "fine-tune"})
REJECTED = {"status": 422, "body": {"error": {"message": "json_schema not supported"}}}
MESSAGES = [ChatMessage(role="user", content="Should we fine-tune?")]


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        yield server


def model(fake: FakeOpenAI, mode: SchemaMode) -> OpenAIChatModel:
    endpoint = Endpoint(fake.base_url, timeout_s=5, max_retries=0)
    return OpenAIChatModel(endpoint, model="fake-model", deadline_s=5, max_tokens=64, schema_mode=mode)


def call(chat: OpenAIChatModel, streamed: bool) -> str:
    if streamed:
        return "".join(chat.stream_json(MESSAGES, schema=SCHEMA, name="verdict"))
    return chat.complete_json(MESSAGES, schema=SCHEMA, name="verdict")


def formats(fake: FakeOpenAI) -> list[Any]:
    return [r["body"].get("response_format") for r in fake.requests]


JSON_SCHEMA = {"type": "json_schema", "json_schema": {"name": "verdict", "schema": SCHEMA, "strict": False}}
JSON_OBJECT = {"type": "json_object", "schema": SCHEMA}


@pytest.mark.parametrize("streamed", [False, True])
@pytest.mark.parametrize(
    ("mode", "sent"),
    [("json_schema", JSON_SCHEMA), ("json_object", JSON_OBJECT), ("none", None), ("auto", JSON_SCHEMA)],
)
def test_each_mode_sends_its_response_format(fake: FakeOpenAI, streamed: bool, mode: SchemaMode, sent: Any) -> None:
    fake.replies.append(ANSWER)
    chat = model(fake, mode)
    assert call(chat, streamed) == ANSWER
    assert formats(fake) == [sent]
    assert chat.schema_mode == ("json_schema" if mode == "auto" else mode)  # auto learns what worked
    assert all(r["body"]["max_tokens"] == 64 and r["body"].get("stream", False) is streamed for r in fake.requests)


@pytest.mark.parametrize("streamed", [False, True])
def test_auto_falls_back_once_to_json_object_and_remembers_it(fake: FakeOpenAI, streamed: bool) -> None:
    fake.replies.extend([REJECTED, ANSWER, ANSWER])
    chat = model(fake, "auto")
    assert call(chat, streamed) == ANSWER
    assert chat.schema_mode == "json_object"
    assert call(chat, streamed) == ANSWER  # the next call goes straight to what worked
    assert formats(fake) == [JSON_SCHEMA, JSON_OBJECT, JSON_OBJECT]


@pytest.mark.parametrize("streamed", [False, True])
def test_a_set_json_schema_mode_does_not_fall_back(fake: FakeOpenAI, streamed: bool) -> None:
    fake.replies.append(REJECTED)
    with pytest.raises(ModelRefused):
        call(model(fake, "json_schema"), streamed)
    assert formats(fake) == [JSON_SCHEMA]


@pytest.mark.parametrize("streamed", [False, True])
def test_a_refusal_that_is_not_about_the_schema_is_raised_under_auto(fake: FakeOpenAI, streamed: bool) -> None:
    fake.replies.append({"status": 401, "body": {"error": {"message": "bad key"}}})
    chat = model(fake, "auto")
    with pytest.raises(ModelRefused):
        call(chat, streamed)
    assert formats(fake) == [JSON_SCHEMA] and chat.schema_mode == "auto"
