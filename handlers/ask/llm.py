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
from handlers.ask.text import split_sentences, terms
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
    "You are ft-advisor, a senior ML engineer. Answer the question using only the numbered passages. "
    "Write 1 to 4 sentences that state facts from the passages (not the question itself); never invent "
    "numbers, links or sources. For each sentence give the number of the passage it comes from."
)
# one worked example (small models copy the format far more reliably with it)
_EXAMPLE_USER = (
    "Passages:\n\n[1] Prompt caching\nCaching a long shared prompt prefix cuts latency by up to 80%. "
    "It also lowers cost.\n\n[2] Evaluation\nA held-out test set shows whether a change helps.\n\n"
    "Question: How much latency does prompt caching save?"
)
_EXAMPLE_ANSWER = (
    '{"sentences": [{"passage": 1, "text": "Caching a long shared prompt prefix cuts latency by up to 80%."}]}'
)

_CITE = re.compile(r"\[(\d{1,2})\]")
NOT_COVERED_TOKEN = "NOT_COVERED"
MAX_SENTENCES = 6
MIN_SUPPORT = 0.6  # share of a sentence's content words that must be in the passage it cites


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


def build_json_messages(question: str, passages: Sequence[Passage], history: Sequence[Turn]) -> list[ChatMessage]:
    """System rules, one worked example, the thread so far, then the passages and the question."""
    msgs = [
        ChatMessage(role="system", content=SYSTEM_JSON),
        ChatMessage(role="user", content=_EXAMPLE_USER),
        ChatMessage(role="assistant", content=_EXAMPLE_ANSWER),
    ]
    for turn in history[-4:]:
        msgs.append(ChatMessage(role=turn.role, content=turn.text[:1000]))
    msgs.append(ChatMessage(role="user", content=f"Passages:\n\n{_passage_blocks(passages)}\n\nQuestion: {question}"))
    return msgs


def answer_schema(n_passages: int, quotes: Sequence[Sequence[str]] | None = None) -> dict[str, Any]:
    """{"sentences": [{"passage": 1..n, "text": str}]}, 1 to 4 sentences (the passage is chosen first).

    With `quotes` (the sentences of each passage), each sentence's text must be one of the
    sentences of the passage it names: the model chooses and orders, it cannot misquote (for
    small models that otherwise invent)."""
    if quotes is None:
        item: dict[str, Any] = {
            "type": "object",
            "properties": {
                "passage": {"type": "integer", "enum": list(range(1, n_passages + 1))},
                "text": {"type": "string"},
            },
            "required": ["passage", "text"],
            "additionalProperties": False,
        }
    else:
        item = {"anyOf": [
            {
                "type": "object",
                "properties": {
                    "passage": {"type": "integer", "enum": [i]},
                    "text": {"type": "string", "enum": list(qs)},
                },
                "required": ["passage", "text"],
                "additionalProperties": False,
            }
            for i, qs in enumerate(quotes, start=1) if qs
        ]}
    return {
        "type": "object",
        "properties": {"sentences": {"type": "array", "items": item, "minItems": 1, "maxItems": 4}},
        "required": ["sentences"],
        "additionalProperties": False,
    }


def passage_sentences(passages: Sequence[Passage]) -> list[list[str]]:
    return [[p.text[s:e].strip() for s, e in split_sentences(p.text) if e - s >= 12] for p in passages]


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


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def supported(sentence: str, passage: Passage, question: str = "") -> bool:
    """Whether a sentence states something its passage says: most of its content words are in the
    passage, every number in it is in the passage, and it is not the question echoed back."""
    if sentence.rstrip().endswith("?"):
        return False
    words = {t for t in terms(sentence) if len(t) > 2}
    if not words:
        return False
    source = passage.text + " " + passage.chunk.heading + " " + passage.chunk.title
    if len(words & set(terms(source))) / len(words) < MIN_SUPPORT:
        return False
    if any(n not in source for n in _NUMBER.findall(sentence)):
        return False
    new = words - set(terms(question))
    return len(new) >= 2


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
        if len(sentence) < 12 or sentence.lower() in seen or not supported(sentence, passages[k - 1], question):
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
