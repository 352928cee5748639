"""Streaming the schema-constrained answer: each {"passage", "text"} object is parsed out of the
growing JSON as soon as the model closes it, validated like the whole answer would be
(handlers/ask/llm_json.py) and handed to `on_text` as one finished, cited sentence. Only whole,
validated sentences leave this module, so a sanitizer applied to each piece never sees a link or
mention cut in two. The returned answer is the same as the non-streaming composer's."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from handlers.ask.llm_json import (
    CitedSentences,
    answer_schema,
    build_json_messages,
    parse_json_answer,
    passage_sentences,
)
from handlers.errors import ModelError
from handlers.models import Answer
from handlers.ports import StreamingChatModel, StructuredChatModel, Turn
from knowledge.types import Passage

_ARRAY = re.compile(r'"sentences"\s*:\s*\[')


class _Model(StreamingChatModel, StructuredChatModel, Protocol):
    pass


class ItemScanner:
    """The complete objects of the `sentences` array in a JSON text that is still being written."""

    def __init__(self) -> None:
        self.text = ""
        self.pos: int | None = None
        self.decoder = json.JSONDecoder()

    def feed(self, delta: str) -> list[Any]:
        self.text += delta
        if self.pos is None:
            match = _ARRAY.search(self.text)
            if match is None:
                return []
            self.pos = match.end()
        items: list[Any] = []
        while (start := self.text.find("{", self.pos)) >= 0:
            try:
                item, end = self.decoder.raw_decode(self.text, start)
            except ValueError:  # not closed yet
                break
            items.append(item)
            self.pos = end
        return items


def stream_llm(
    question: str,
    passages: Sequence[Passage],
    history: Sequence[Turn],
    model: _Model,
    *,
    timeout_s: float,
    on_text: Callable[[str], None],
) -> Answer:
    """Raises ModelError (incl. ModelTimeout) like `compose_llm`; sentences already handed over
    stay with the caller, who replaces them with the fallback."""
    quotes = passage_sentences(passages) if model.quote_only else None
    collected = CitedSentences(question, passages)
    scanner = ItemScanner()
    deltas = model.stream_json(
        build_json_messages(question, passages, history),
        schema=answer_schema(len(passages), quotes), name="CitedAnswer", timeout_s=timeout_s,
    )
    for delta in deltas:
        for item in scanner.feed(delta):
            part = collected.add(item)
            if part is not None:
                on_text(part if len(collected.parts) == 1 else " " + part)
    answer = collected.answer() or parse_json_answer(question, scanner.text, passages)
    if answer is None:
        raise ModelError("unusable LLM output (no sentence supported by the passage it cites)")
    return answer
