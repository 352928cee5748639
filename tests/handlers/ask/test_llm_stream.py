"""The streaming composer: sentence objects are found in JSON cut at any point, each validated
sentence is handed over whole, and the final answer equals the non-streaming one."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

import pytest

from handlers.ask.llm_json import parse_json_answer
from handlers.ask.llm_stream import ItemScanner, stream_llm
from handlers.errors import ModelError, ModelTimeout
from handlers.ports import ChatMessage
from knowledge.types import Chunk, Passage

PASSAGES = [
    Passage(chunk=Chunk(id="d#1", doc_id="d", title="LoRA", source="S",
                        text="LoRA trains small low-rank matrices beside frozen weights. It keeps memory low.")),
    Passage(chunk=Chunk(id="d#2", doc_id="d", title="RAG", source="S",
                        text="Retrieval-augmented generation fetches documents at query time without retraining.")),
]
REPLY = json.dumps({"sentences": [
    {"passage": 1, "text": "LoRA trains small low-rank matrices beside frozen weights."},
    {"passage": 2, "text": "Bananas are purple on Tuesdays {really} [9]."},
    {"passage": 2, "text": "Retrieval-augmented generation fetches documents at query time."},
]})


class Streaming:
    quote_only = False
    supports_schema = True

    def __init__(self, chunks: Sequence[str], fail: ModelError | None = None) -> None:
        self.chunks, self.fail = chunks, fail
        self.calls: list[dict[str, Any]] = []

    def stream_json(self, messages: Sequence[ChatMessage], **kw: Any) -> Iterator[str]:
        self.calls.append(kw)
        yield from self.chunks
        if self.fail:
            raise self.fail

    def complete_json(self, messages: Sequence[ChatMessage], **kw: Any) -> str:
        return "".join(self.chunks)


@pytest.mark.parametrize("size", [1, 3, 7, 1000])
def test_scanner_finds_whole_objects_wherever_the_text_is_cut(size: int) -> None:
    scanner = ItemScanner()
    items = [item for i in range(0, len(REPLY), size) for item in scanner.feed(REPLY[i : i + size])]
    assert items == json.loads(REPLY)["sentences"]


def test_only_validated_sentences_are_handed_over_and_the_answer_matches() -> None:
    got: list[str] = []
    model = Streaming([REPLY[i : i + 5] for i in range(0, len(REPLY), 5)])
    answer = stream_llm("what is lora?", PASSAGES, [], model, timeout_s=5, on_text=got.append)
    assert got == ["LoRA trains small low-rank matrices beside frozen weights [1].",
                   " Retrieval-augmented generation fetches documents at query time [2]."]
    assert answer == parse_json_answer("what is lora?", REPLY, PASSAGES)
    assert model.calls[0]["timeout_s"] == 5 and model.calls[0]["name"] == "CitedAnswer"


def test_a_failure_after_some_sentences_still_raises_for_the_fallback() -> None:
    got: list[str] = []
    model = Streaming([REPLY[: REPLY.index("}") + 3]], fail=ModelTimeout("deadline"))
    with pytest.raises(ModelTimeout):
        stream_llm("what is lora?", PASSAGES, [], model, timeout_s=5, on_text=got.append)
    assert got == ["LoRA trains small low-rank matrices beside frozen weights [1]."]
