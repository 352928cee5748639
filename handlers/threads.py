"""Thread bookkeeping, written in one place (the router) for every feature and platform.

An answer is remembered as a question/answer pair: follow-ups ("and what about costs?") are
searched together with the previous question, and the language model sees the thread so far.
Any other reply in a thread (an interview question, a demo...) records once that the bot took
part, so that replies in that thread reach the bot without a mention.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from handlers.models import AnswerReply, Request
from handlers.ports import ConversationStore

log = logging.getLogger(__name__)

GIST_CHARS = 500


def record_turn(store: ConversationStore, request: Request, replies: Sequence[Any]) -> None:
    """Remember this turn in the thread's history; a failure here never fails the turn."""
    key = request.conversation.thread_key
    try:
        answers = [r for r in replies if isinstance(r, AnswerReply)]
        for reply in answers:
            store.append(key, "user", reply.question)
            store.append(key, "assistant", reply.answer.answer)
        if not answers and replies and request.conversation.thread and not store.has_thread(key):
            store.append(key, "assistant", gist(replies[0]))
    except Exception:
        log.warning("could not record the turn in thread %s", key, exc_info=True)


def gist(reply: Any) -> str:
    """A line of text standing for a reply in the thread history."""
    for attr in ("text", "title", "summary", "question", "intro"):
        value = getattr(reply, attr, None)
        if isinstance(value, str) and value.strip():
            return value[:GIST_CHARS]
    return f"({getattr(reply, 'kind', 'reply')})"
