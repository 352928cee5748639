"""The LLM composer: an OpenAI-compatible chat model writes the answer from numbered passages.

The model may only use the passages it is given. A model that can be constrained to a JSON
schema (`StructuredChatModel`) answers as {"sentences": [{"passage", "text"}]}
(handlers/ask/llm_json.py): each sentence names the passage it comes from, and one its passage
does not support is dropped.
Otherwise the model writes free text with [n] markers; markers that point to no passage are
removed. No valid citation, or any model failure, falls back to the extractive answer with a
notice worded by the real cause (timeout, unreachable, refused, unusable).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Sequence

from handlers.ask.extractive import NOT_COVERED
from handlers.ask.llm_json import (
    answer_schema,
    build_json_messages,
    citations_for,
    parse_json_answer,
    passage_blocks,
    passage_sentences,
)
from handlers.errors import ModelError, ModelRefused, ModelTimeout
from handlers.models import Answer
from handlers.ports import ChatMessage, ChatModel, StreamingChatModel, StructuredChatModel, Turn
from knowledge.types import Passage

log = logging.getLogger(__name__)

SYSTEM = (
    "You are ft-advisor, a senior ML engineer helping a team decide between prompt engineering, RAG, "
    "prompt tuning, PEFT/LoRA and full fine-tuning. Answer ONLY from the numbered passages below. "
    "After every claim put the number of the passage it comes from in square brackets, like [1] or [2][3]. "
    "If the passages do not answer the question, reply exactly NOT_COVERED. Be concise: at most 6 sentences. "
    "Never invent numbers, links or sources."
)
_CITE = re.compile(r"\[(\d{1,2})\]")
NOT_COVERED_TOKEN = "NOT_COVERED"


def build_messages(
    question: str, passages: Sequence[Passage], history: Sequence[Turn], *, system: str = SYSTEM
) -> list[ChatMessage]:
    msgs = [ChatMessage(role="system", content=system + "\n\nPassages:\n\n" + passage_blocks(passages))]
    for turn in history[-6:]:
        msgs.append(ChatMessage(role=turn.role, content=turn.text[:1500]))
    msgs.append(ChatMessage(role="user", content=question))
    return msgs


def parse_llm_answer(question: str, raw: str, passages: Sequence[Passage]) -> Answer | None:
    """Validated answer with renumbered citations, `None` if unusable; NOT_COVERED -> ungrounded."""
    text = (raw or "").strip()
    if not text:
        return None
    if text.startswith(NOT_COVERED_TOKEN):
        return Answer(answer=NOT_COVERED, citations=[], grounded=False, mode="llm")
    used: dict[int, int] = {}

    def renumber(m: re.Match[str]) -> str:
        k = int(m.group(1))
        if not 1 <= k <= len(passages):
            return ""  # a citation that points to no passage is removed
        new = used.setdefault(k, len(used) + 1)
        return f"[{new}]"

    body = _CITE.sub(renumber, text)
    body = re.sub(r"[ \t]+([.,;:])", r"\1", re.sub(r"[ \t]{2,}", " ", body)).strip()
    if not used or len(body) < 20:
        return None
    return Answer(answer=body, citations=citations_for(question, used, passages), grounded=True, mode="llm")


def compose_llm(
    question: str,
    passages: Sequence[Passage],
    history: Sequence[Turn],
    model: ChatModel,
    *,
    timeout_s: float,
) -> Answer:
    """Raises ModelError (incl. ModelTimeout) when the model fails or its output is unusable."""
    if isinstance(model, StructuredChatModel) and model.supports_schema:
        messages = build_json_messages(question, passages, history)
        quotes = passage_sentences(passages) if model.quote_only else None
        raw = model.complete_json(messages, schema=answer_schema(len(passages), quotes), name="CitedAnswer",
                                  timeout_s=timeout_s)
        answer = parse_json_answer(question, raw, passages)
        if answer is None:
            raise ModelError("unusable LLM output (no sentence supported by the passage it cites)")
        return answer
    raw = model.complete(build_messages(question, passages, history), timeout_s=timeout_s)
    answer = parse_llm_answer(question, raw, passages)
    if answer is None:
        raise ModelError("unusable LLM output (no valid citation)")
    return answer


def compose_with_fallback(
    question: str,
    passages: Sequence[Passage],
    history: Sequence[Turn],
    model: ChatModel,
    extractive: Answer,
    *,
    deadline_s: float,
    on_text: Callable[[str], None] | None = None,
) -> Answer:
    """The LLM answer, or `extractive` with the notice and its cause; both carry `llm_ms`.

    With `on_text` and a model that streams, each validated sentence is handed over as soon as it
    is complete (handlers/ask/llm_stream.py); the returned answer is the whole of it either way."""
    started = time.monotonic()
    try:
        if on_text is not None and isinstance(model, StreamingChatModel) and isinstance(model, StructuredChatModel):
            from handlers.ask.llm_stream import stream_llm

            answer = stream_llm(question, passages, history, model, timeout_s=deadline_s, on_text=on_text)
        else:
            answer = compose_llm(question, passages, history, model, timeout_s=deadline_s)
    except ModelError as exc:
        ms = round((time.monotonic() - started) * 1000)
        log.warning("llm composer failed after %d ms (%s: %s); extractive fallback", ms, exc.reason, exc)
        return extractive.model_copy(
            update={"notice": fallback_notice(exc), "notice_reason": exc.reason, "llm_ms": ms}
        )
    ms = round((time.monotonic() - started) * 1000)
    log.info("llm answer in %d ms", ms)
    return answer.model_copy(update={"llm_ms": ms})


_QUOTED = "so this answer is quoted directly from the sources."


def fallback_notice(exc: ModelError) -> str:
    """One line for every renderer, worded by the real cause of the fallback."""
    if isinstance(exc, ModelTimeout):
        return f"LLM timeout: the language model did not answer in time, {_QUOTED}"
    if exc.reason == "unreachable":
        return f"LLM unreachable: the language model server could not be reached, {_QUOTED}"
    if isinstance(exc, ModelRefused):
        return f"LLM refused: the language model server refused the request (HTTP {exc.status}), {_QUOTED}"
    return f"LLM unusable: the language model's answer could not be used (no valid citation), {_QUOTED}"
