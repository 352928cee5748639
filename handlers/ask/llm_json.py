"""The LLM composer's schema-constrained format: {"sentences": [{"passage", "text"}]}.

Each sentence names the passage it comes from and is kept only when that passage supports it
(most of its words and every number in the passage, not the question echoed back). In the
`quote` answer style the schema itself restricts each sentence to the sentences of the passage
it names, so a small model can choose and order but not misquote.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from handlers.ask.extractive import best_quote
from handlers.ask.text import split_sentences, terms
from handlers.models import Answer, Citation
from handlers.ports import ChatMessage, Turn
from knowledge.types import Passage

MAX_SENTENCES = 6
MIN_SUPPORT = 0.6  # share of a sentence's content words that must be in the passage it cites
_CITE = re.compile(r"\[(\d{1,2})\]")


def passage_blocks(passages: Sequence[Passage]) -> str:
    return "\n\n".join(f"[{i}] {p.chunk.title} - {p.chunk.heading}\n{p.text}" for i, p in enumerate(passages, 1))


def citations_for(question: str, used: dict[int, int], passages: Sequence[Passage]) -> list[Citation]:
    """Citations in the order of their numbers, each quoting the passage's most relevant sentence."""
    out = []
    for k, n in sorted(used.items(), key=lambda kv: kv[1]):
        p = passages[k - 1]
        out.append(Citation(n=n, id=p.chunk.id, title=p.chunk.title, source=p.chunk.source,
                            quote=best_quote(question, p)))
    return out


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

def build_json_messages(question: str, passages: Sequence[Passage], history: Sequence[Turn]) -> list[ChatMessage]:
    """System rules, one worked example, the thread so far, then the passages and the question."""
    msgs = [
        ChatMessage(role="system", content=SYSTEM_JSON),
        ChatMessage(role="user", content=_EXAMPLE_USER),
        ChatMessage(role="assistant", content=_EXAMPLE_ANSWER),
    ]
    for turn in history[-4:]:
        msgs.append(ChatMessage(role=turn.role, content=turn.text[:1000]))
    msgs.append(ChatMessage(role="user", content=f"Passages:\n\n{passage_blocks(passages)}\n\nQuestion: {question}"))
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


class CitedSentences:
    """Collects a model's {"passage", "text"} items into a cited answer, keeping only the
    sentences their passage supports; citations are numbered in order of first use."""

    def __init__(self, question: str, passages: Sequence[Passage]) -> None:
        self.question, self.passages = question, passages
        self.used: dict[int, int] = {}
        self.parts: list[str] = []
        self.seen: set[str] = set()

    def add(self, item: object) -> str | None:
        """The item as an answer sentence with its [n] marker, or None when it is not kept."""
        if not isinstance(item, dict) or len(self.parts) >= MAX_SENTENCES:
            return None
        text, k = item.get("text"), item.get("passage")
        if not isinstance(text, str) or isinstance(k, bool) or not isinstance(k, int):
            return None
        if not 1 <= k <= len(self.passages):
            return None
        sentence = re.sub(r"\s+", " ", _CITE.sub("", text)).strip()
        if len(sentence) < 12 or sentence.lower() in self.seen:
            return None
        if not supported(sentence, self.passages[k - 1], self.question):
            return None
        self.seen.add(sentence.lower())
        n = self.used.setdefault(k, len(self.used) + 1)
        if sentence[-1] not in ".!?":
            sentence += "."
        part = f"{sentence[:-1]} [{n}]{sentence[-1]}"
        self.parts.append(part)
        return part

    def answer(self) -> Answer | None:
        if not self.parts:
            return None
        citations = citations_for(self.question, self.used, self.passages)
        return Answer(answer=" ".join(self.parts), citations=citations, grounded=True, mode="llm")


def parse_json_answer(question: str, raw: str, passages: Sequence[Passage]) -> Answer | None:
    """{"sentences": [{"passage", "text"}]} -> a cited answer; unsupported sentences are dropped."""
    data = first_json_object(raw or "")
    items = data.get("sentences") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return None
    collected = CitedSentences(question, passages)
    for item in items:
        collected.add(item)
    return collected.answer()
