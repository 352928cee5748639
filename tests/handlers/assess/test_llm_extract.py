"""The LLM extraction path against a local OpenAI-compatible server, with the production
LangChain client pointed at it: valid structured output is used (and validated), malformed or
invalid output, HTTP errors and timeouts fall back to the rule-based result."""

from __future__ import annotations

import json
from typing import Any

import pytest
from langchain_openai import ChatOpenAI
from pydantic import SecretStr

from handlers.assess.extract import RuleExtractor
from handlers.assess.llm_extract import LLMExtractor, StructuredMethod, answers_model
from knowledge.rubric.model import shipped_rubric
from tests.support.openai_server import FakeOpenAI

RUBRIC = shipped_rubric()
TEXT = "we have ~5k labelled tickets, 2M calls a day, docs change weekly, no ML people"
RULES = RuleExtractor(RUBRIC).extract(TEXT).answers


def tool_call(arguments: str) -> dict[str, Any]:
    """A reply whose assistant message calls the structured-output tool with `arguments`."""
    call = {"id": "call_1", "type": "function", "function": {"name": "AssessmentAnswers", "arguments": arguments}}
    return {"tool_calls": [call]}


def extractor(
    fake: FakeOpenAI, *, method: StructuredMethod = "function_calling", timeout: float = 5.0
) -> LLMExtractor:
    def build() -> ChatOpenAI:
        return ChatOpenAI(
            model="fake-model",
            base_url=fake.base_url,
            api_key=SecretStr("test"),
            timeout=timeout,
            max_retries=0,
        )

    return LLMExtractor(RUBRIC, build, method=method)


@pytest.mark.parametrize("method", ["function_calling", "json_schema"])
def test_valid_structured_output_is_used_and_rules_fill_gaps(method: StructuredMethod) -> None:
    said = {"labelled_examples": 5200, "timeline": "weeks", "ml_expertise": "none", "deployment": None}
    with FakeOpenAI() as fake:
        fake.replies.append(tool_call(json.dumps(said)) if method == "function_calling" else json.dumps(said))
        got = extractor(fake, method=method).extract(TEXT)
    assert got.answers["labelled_examples"] == 5200  # the model's reading wins
    assert got.answers["timeline"] == "weeks"  # something only the model saw
    assert got.answers["request_volume"] == RULES["request_volume"]  # the model left it null: rules fill in
    assert "deployment" not in got.answers
    request = fake.requests[0]["body"]
    if method == "function_calling":
        assert request["tools"][0]["function"]["name"] == "AssessmentAnswers"
    else:
        assert request["response_format"]["type"] == "json_schema"
    assert TEXT in str(request["messages"])


@pytest.mark.parametrize(
    "reply",
    [
        tool_call('{"timeline": "days", "labelled_examples": '),  # cut off mid-JSON
        tool_call(json.dumps({"timeline": "whenever", "labelled_examples": -5})),  # not valid for the schema
        {"status": 500, "body": {"error": {"message": "boom", "type": "server_error"}}},
    ],
    ids=["malformed", "invalid", "error"],
)
def test_bad_output_falls_back_to_rules(reply: dict[str, Any]) -> None:
    with FakeOpenAI() as fake:
        fake.replies.append(reply)
        llm = extractor(fake)
        got = llm.extract(TEXT)
    assert got.answers == RULES
    assert llm.last_error is not None


def test_timeout_falls_back_to_rules() -> None:
    with FakeOpenAI() as fake:
        fake.replies.append({"delay": 2.0, "content": json.dumps({"timeline": "days"})})  # the client gives up first
        llm = extractor(fake, timeout=0.3)
        got = llm.extract(TEXT)
    assert got.answers == RULES
    assert llm.last_error is not None and "Timeout" in llm.last_error


def test_read_answer_uses_rules_first_and_the_model_second() -> None:
    with FakeOpenAI() as fake:
        fake.replies.append(tool_call(json.dumps({"budget": "high"})))
        llm = extractor(fake)
        assert llm.read_answer("timeline", "2") == "weeks"  # a button number: no model call
        assert fake.requests == []
        assert llm.read_answer("budget", "the CFO signed off on whatever it takes") == "high"
        assert len(fake.requests) == 1


def test_schema_offers_the_rubric_choices() -> None:
    schema = answers_model(RUBRIC).model_json_schema()
    assert set(schema["properties"]) == {c.id for c in RUBRIC.criteria}
    timeline = str(schema["properties"]["timeline"])
    assert "days" in timeline and "months" in timeline
