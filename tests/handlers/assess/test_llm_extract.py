"""The LLM extraction path against a local OpenAI-compatible server, with the production client
pointed at it: values backed by a verbatim quote of the user's words are used; values without
one, numbers whose quote holds no number and values that contradict the rules' reading of the
same words are dropped; malformed output, HTTP errors and timeouts fall back to the rules."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.llm.bounded_http import Endpoint
from bot.llm.openai_chat import OpenAIChatModel
from handlers.assess.extract import RuleExtractor
from handlers.assess.llm_extract import LLMExtractor, answers_schema, quoted_in
from knowledge.rubric.model import shipped_rubric
from tests.support.openai_server import FakeOpenAI

RUBRIC = shipped_rubric()
TEXT = "we have ~5k labelled tickets, 2M calls a day, docs change weekly, no ML people"
RULES = RuleExtractor(RUBRIC).extract(TEXT).answers


def extractor(fake: FakeOpenAI, *, deadline: float = 5.0, schema_mode: str = "auto") -> LLMExtractor:
    model = OpenAIChatModel(
        Endpoint(fake.base_url, api_key="test", timeout_s=deadline, max_retries=0),
        model="fake-model", deadline_s=deadline, max_tokens=300, schema_mode=schema_mode,  # type: ignore[arg-type]
    )
    return LLMExtractor(RUBRIC, model, deadline_s=deadline, max_tokens=300)


def said(**values: tuple[Any, str] | None) -> str:
    return json.dumps({k: None if v is None else {"value": v[0], "quote": v[1]} for k, v in values.items()})


def test_quoted_values_are_used_and_rules_fill_gaps() -> None:
    reply = said(
        labelled_examples=(5000, "~5k labelled tickets"),  # a number backed by the user's words
        request_volume=(2100000, "2M calls a day"),  # the rules read those words as 2,000,000
        timeline=("weeks", "Docs   change WEEKLY"),  # case and spacing aside, a verbatim span
        deployment=None,
    )
    with FakeOpenAI() as fake:
        fake.replies.append("Here you go: " + reply)
        llm = extractor(fake)
        got = llm.extract(TEXT)
    assert got.answers["labelled_examples"] == 5000
    assert got.evidence["labelled_examples"] == "~5k labelled tickets"  # the user's words as evidence
    assert got.answers["request_volume"] == RULES["request_volume"]  # contradicted by its own quote
    assert "contradicts" in llm.last_dropped["request_volume"]
    assert got.answers["timeline"] == "weeks"  # something only the model saw, with its words
    assert got.answers["facts_change"] == RULES["facts_change"]  # the model left it out: rules fill in
    assert "deployment" not in got.answers
    request = fake.requests[0]["body"]
    assert request["response_format"]["type"] == "json_schema"
    assert request["max_tokens"] == 300 and request["model"] == "fake-model"
    assert TEXT in str(request["messages"])


def test_values_without_a_verbatim_quote_are_dropped() -> None:
    reply = said(
        output_tokens=(20000, "long outputs"),  # invented: those words are not in the text
        budget=("low", ""),  # no quote at all
        timeline=("days", "we need it by Friday"),  # not the user's words
    )
    with FakeOpenAI() as fake:
        fake.replies.append(reply)
        llm = extractor(fake)
        got = llm.extract(TEXT)
    assert got.answers == RULES
    assert set(llm.last_dropped) == {"output_tokens", "budget", "timeline"}
    assert all("verbatim" in why for why in llm.last_dropped.values())


def test_a_number_needs_a_quote_that_holds_a_number() -> None:
    with FakeOpenAI() as fake:
        fake.replies.append(said(output_tokens=(20000, "tickets")))  # verbatim, but no number in it
        llm = extractor(fake)
        got = llm.extract(TEXT)
    assert "output_tokens" not in got.answers
    assert "number" in llm.last_dropped["output_tokens"]


def test_a_rule_based_value_is_never_overwritten_by_a_contradicted_reading() -> None:
    text = "Our team has strong ML engineers and we ship weekly."
    rules = RuleExtractor(RUBRIC).extract(text).answers
    assert rules.get("ml_expertise") == "strong"
    with FakeOpenAI() as fake:
        fake.replies.append(said(ml_expertise=("none", "strong ML engineers")))
        llm = extractor(fake)
        got = llm.extract(text)
    assert got.answers["ml_expertise"] == "strong"
    assert "contradicts" in llm.last_dropped["ml_expertise"]


@pytest.mark.parametrize(
    "reply",
    [
        '{"timeline": {"value": "days", "quote": ',  # cut off mid-JSON
        "no JSON here at all",
        said(timeline=("whenever", "docs change weekly"), labelled_examples=(-5, "5k")),  # invalid values
        {"status": 500, "body": {"error": {"message": "boom", "type": "server_error"}}},
    ],
    ids=["malformed", "no-json", "invalid", "error"],
)
def test_bad_output_falls_back_to_rules(reply: Any) -> None:
    with FakeOpenAI() as fake:
        fake.replies.append(reply)
        llm = extractor(fake)
        got = llm.extract(TEXT)
    assert got.answers == RULES


def test_timeout_falls_back_to_rules() -> None:
    with FakeOpenAI() as fake:
        fake.replies.append({"delay": 2.0, "content": said(timeline=("days", "docs change weekly"))})
        llm = extractor(fake, deadline=0.3)
        got = llm.extract(TEXT)
    assert got.answers == RULES
    assert llm.last_error is not None and "ModelTimeout" in llm.last_error


def test_read_answer_uses_rules_first_and_the_model_second() -> None:
    with FakeOpenAI() as fake:
        fake.replies.append(said(budget=("high", "whatever it takes")))
        llm = extractor(fake)
        assert llm.read_answer("timeline", "2") == "weeks"  # a button number: no model call
        assert fake.requests == []
        assert llm.read_answer("budget", "the CFO signed off on whatever it takes") == "high"
        assert len(fake.requests) == 1


def test_schema_asks_for_a_value_and_a_quote_per_criterion() -> None:
    schema = answers_schema(RUBRIC)
    assert set(schema["properties"]) == {c.id for c in RUBRIC.criteria}
    stated = schema["properties"]["timeline"]["anyOf"][0]
    assert stated["required"] == ["value", "quote"]
    assert stated["properties"]["value"]["enum"] == ["days", "weeks", "months"]


def test_quoted_in_is_verbatim_up_to_case_and_spacing() -> None:
    assert quoted_in("Docs change  weekly.", TEXT)
    assert quoted_in("\u201cno ML people\u201d", TEXT)
    assert not quoted_in("docs change daily", TEXT)
    assert not quoted_in("we", TEXT)  # too short to support anything
