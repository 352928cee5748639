"""The LLM composer: an OpenAI-compatible chat model writes the answer from numbered passages.

The model may only use the passages it is given. Citations that point to no passage are
removed; an answer with no valid citation, or any model failure, falls back to the extractive
answer with a one-line notice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from handlers.ask.extractive import NOT_COVERED, best_quote
from handlers.errors import ModelError, ModelTimeout
from handlers.models import Answer, Citation
from handlers.ports import ChatMessage, ChatModel, Turn
from knowledge.types import Passage

SYSTEM = (
    "You are ft-advisor, a senior ML engineer helping a team decide between prompt engineering, RAG, "
    "prompt tuning, PEFT/LoRA and full fine-tuning. Answer ONLY from the numbered passages below. "
    "After every claim put the number of the passage it comes from in square brackets, like [1] or [2][3]. "
    "If the passages do not answer the question, reply exactly NOT_COVERED. Be concise: at most 6 sentences. "
    "Never invent numbers, links or sources."
)

_CITE = re.compile(r"\[(\d{1,2})\]")
NOT_COVERED_TOKEN = "NOT_COVERED"


def build_messages(question: str, passages: Sequence[Passage], history: Sequence[Turn]) -> list[ChatMessage]:
    blocks = []
    for i, p in enumerate(passages, start=1):
        blocks.append(f"[{i}] {p.chunk.title} - {p.chunk.heading}\n{p.text}")
    msgs = [ChatMessage(role="system", content=SYSTEM + "\n\nPassages:\n\n" + "\n\n".join(blocks))]
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
    citations = []
    for k, n in sorted(used.items(), key=lambda kv: kv[1]):
        p = passages[k - 1]
        citations.append(
            Citation(n=n, id=p.chunk.id, title=p.chunk.title, source=p.chunk.source, quote=best_quote(question, p))
        )
    return Answer(answer=body, citations=citations, grounded=True, mode="llm")


def compose_llm(
    question: str,
    passages: Sequence[Passage],
    history: Sequence[Turn],
    model: ChatModel,
    *,
    timeout_s: float,
) -> Answer:
    """Raises ModelError (incl. ModelTimeout) when the model fails or its output is unusable."""
    raw = model.complete(build_messages(question, passages, history), timeout_s=timeout_s)
    answer = parse_llm_answer(question, raw, passages)
    if answer is None:
        raise ModelError("unusable LLM output (no valid citation)")
    return answer


def fallback_notice(exc: ModelError) -> str:
    if isinstance(exc, ModelTimeout):
        return "The language model did not answer in time, so this answer is quoted directly from the sources."
    return "The language model's answer was unusable, so this answer is quoted directly from the sources."
