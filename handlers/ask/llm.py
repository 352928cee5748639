"""The LLM composer: an OpenAI-compatible chat model writes the answer from numbered passages.

The model may only use the passages it is given. A model that can be constrained to a JSON
schema (`StructuredChatModel`) answers as {"sentences": [{"text", "passage"}]}: each sentence
names the passage it comes from, and a sentence whose words are not in that passage is dropped.
Otherwise the model writes free text with [n] markers; markers that point to no passage are
removed. No valid citation, or any model failure, falls back to the extractive answer with a
notice worded by the real cause (timeout, unreachable, refused, unusable).
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Sequence
from typing import Any

from handlers.ask.extractive import NOT_COVERED, best_quote
from handlers.ask.text import terms
from handlers.errors import ModelError, ModelRefused, ModelTimeout
from handlers.models import Answer, Citation
from handlers.ports import ChatMessage, ChatModel, StructuredChatModel, Turn
from knowledge.types import Passage

log = logging.getLogger(__name__)

SYSTEM = (
    "You are ft-advisor, a senior ML engineer helping a team decide between prompt engineering, RAG, "
    "prompt tuning, PEFT/LoRA and full fine-tuning. Answer ONLY from the numbered passages below. "
    "After every claim put the number of the passage it comes from in square brackets, like [1] or [2][3]. "
    "If the passages do not answer the question, reply exactly NOT_COVERED. Be concise: at most 6 sentences. "
    "Never invent numbers, links or sources."
)
SYSTEM_JSON = (
    "You are ft-advisor, a senior ML engineer. Answer the user's question ONLY from the numbered "
    "passages below, in at most 4 short sentences. Copy facts from the passages; never invent numbers, "
    "links or sources. For each sentence give the number of the passage it comes from."
)

_CITE = re.compile(r"\[(\d{1,2})\]")
NOT_COVERED_TOKEN = "NOT_COVERED"
MAX_SENTENCES = 6
MIN_SUPPORT = 0.5  # share of a sentence's content words that must be in the passage it cites


def _passage_blocks(passages: Sequence[Passage]) -> str:
    return "\n\n".join(f"[{i}] {p.chunk.title} - {p.chunk.heading}\n{p.text}" for i, p in enumerate(passages, 1))


def build_messages(
    question: str, passages: Sequence[Passage], history: Sequence[Turn], *, system: str = SYSTEM
) -> list[ChatMessage]:
    msgs = [ChatMessage(role="system", content=system + "\n\nPassages:\n\n" + _passage_blocks(passages))]
    for turn in history[-6:]:
        msgs.append(ChatMessage(role=turn.role, content=turn.text[:1500]))
    msgs.append(ChatMessage(role="user", content=question))
    return msgs


def answer_schema(n_passages: int) -> dict[str, Any]:
    """{"sentences": [{"text": str, "passage": 1..n}]}, 1 to 4 sentences."""
    sentence = {
        "type": "object",
        "properties": {
            "text": {"type": "string"},
            "passage": {"type": "integer", "enum": list(range(1, n_passages + 1))},
        },
        "required": ["text", "passage"],
        "additionalProperties": False,
    }
    return {
        "type": "object",
        "properties": {"sentences": {"type": "array", "items": sentence, "minItems": 1, "maxItems": 4}},
        "required": ["sentences"],
        "additionalProperties": False,
    }


def _citations(question: str, used: dict[int, int], passages: Sequence[Passage]) -> list[Citation]:
    out = []
    for k, n in sorted(used.items(), key=lambda kv: kv[1]):
        p = passages[k - 1]
        out.append(Citation(n=n, id=p.chunk.id, title=p.chunk.title, source=p.chunk.source,
                            quote=best_quote(question, p)))
    return out


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
    return Answer(answer=body, citations=_citations(question, used, passages), grounded=True, mode="llm")


def first_json_object(raw: str) -> Any:
    """The first JSON object in `raw` (models wrap JSON in prose or code fences); None if none."""
    decoder = json.JSONDecoder()
    start = raw.find("{")
    while start != -1:
        try:
            value, _ = decoder.raw_decode(raw, start)
        except ValueError:
            start = raw.find("{", start + 1)
            continue
        if isinstance(value, dict):
            return value
        start = raw.find("{", start + 1)
    return None


def supported(sentence: str, passage: Passage) -> bool:
    """Whether most of the sentence's content words are in the passage it cites."""
    words = {t for t in terms(sentence) if len(t) > 2}
    if not words:
        return False
    inside = set(terms(passage.text + " " + passage.chunk.heading + " " + passage.chunk.title))
    return len(words & inside) / len(words) >= MIN_SUPPORT


def parse_json_answer(question: str, raw: str, passages: Sequence[Passage]) -> Answer | None:
    """{"sentences": [{"text", "passage"}]} -> a cited answer; unsupported sentences are dropped."""
    data = first_json_object(raw or "")
    items = data.get("sentences") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return None
    used: dict[int, int] = {}
    parts: list[str] = []
    seen: set[str] = set()
    for item in items[:MAX_SENTENCES]:
        if not isinstance(item, dict):
            continue
        text, k = item.get("text"), item.get("passage")
        if not isinstance(text, str) or isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= len(passages):
            continue
        sentence = re.sub(r"\s+", " ", _CITE.sub("", text)).strip()
        if len(sentence) < 12 or sentence.lower() in seen or not supported(sentence, passages[k - 1]):
            continue
        seen.add(sentence.lower())
        n = used.setdefault(k, len(used) + 1)
        if sentence[-1] not in ".!?":
            sentence += "."
        parts.append(f"{sentence[:-1]} [{n}]{sentence[-1]}")
    if not parts:
        return None
    return Answer(answer=" ".join(parts), citations=_citations(question, used, passages), grounded=True, mode="llm")


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
        messages = build_messages(question, passages, history, system=SYSTEM_JSON)
        raw = model.complete_json(messages, schema=answer_schema(len(passages)), name="CitedAnswer",
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
) -> Answer:
    """The LLM answer, or `extractive` with the notice and its cause; both carry `llm_ms`."""
    started = time.monotonic()
    try:
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
