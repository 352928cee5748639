"""Routes a `Request` to the feature that owns it and turns failures into polite replies.

The router also records each turn in the thread's history (`handlers.threads`), so that no
feature or adapter writes that bookkeeping itself.

Order: a button/card action goes to the feature owning its name prefix; an explicit command to
its feature; otherwise the first feature that claims the text (a typed command word, or an
interview running in this thread); everything else is a question for `ask`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from handlers.errors import AdvisorError, BadInput
from handlers.models import ErrorReply, Request, TextReply, new_reference_id
from handlers.ports import ConversationStore
from handlers.threads import record_turn

log = logging.getLogger(__name__)

Progress = Callable[[str], None]


def _no_progress(_: str) -> None:
    return None


@dataclass
class Context:
    """Per-request extras an adapter can offer: a way to show progress while work runs, and a
    sink for an answer's text as it is written (adapters that can stream; None = no streaming).
    Streamed text is a preview: the final replies still come back from `handle` and replace it."""

    progress: Progress = field(default=_no_progress)
    stream: Callable[[str], None] | None = None


class Feature(Protocol):
    """One use case (ask, assess, demo, note, digest, help)."""

    name: str
    commands: tuple[str, ...]  # command words it owns ("assess", ...)
    action_prefix: str  # actions named "<prefix>..." go here ("" = none)

    def claims(self, request: Request) -> bool:
        """Whether a free-text request without a command belongs here (e.g. an interview in this thread)."""
        ...

    def handle(self, request: Request, ctx: Context) -> Sequence[Any]:
        """Replies (models from `handlers.replies`)."""
        ...


class Router:
    def __init__(
        self,
        features: Sequence[Feature],
        *,
        fallback: Feature,
        max_input_chars: int = 4000,
        conversations: ConversationStore | None = None,
    ) -> None:
        self.features = list(features)
        self.fallback = fallback
        self.max_input_chars = max_input_chars
        self.conversations = conversations  # thread history, recorded here once for every feature

    def feature_for(self, request: Request) -> Feature:
        if request.action is not None:
            for f in self.features:
                if f.action_prefix and request.action.name.startswith(f.action_prefix):
                    return f
            raise BadInput("That button is no longer active. Start again with `help`.")
        if request.command is not None:
            for f in self.features:
                if request.command in f.commands:
                    return f
        for f in self.features:
            if f.claims(request):
                return f
        return self.fallback

    def handle(self, request: Request, ctx: Context | None = None) -> list[Any]:
        ctx = ctx or Context()
        try:
            request = self._validated(request)
            feature = self.feature_for(request)
            replies = list(feature.handle(request, ctx))
            if self.conversations is not None:
                record_turn(self.conversations, request, replies)
            return replies
        except BadInput as exc:
            return [TextReply(text=exc.user_message, tone="warning")]
        except AdvisorError as exc:
            ref = new_reference_id()
            log.error("request failed ref=%s feature error=%r", ref, exc, exc_info=True)
            return [ErrorReply(text=f"Sorry - {exc.user_message}", reference_id=ref)]
        except Exception:
            ref = new_reference_id()
            log.exception("request failed ref=%s request_id=%s", ref, request.request_id)
            return [ErrorReply(reference_id=ref)]

    def _validated(self, request: Request) -> Request:
        text = request.text
        if "\x00" in text or _mostly_binary(text):
            raise BadInput("That message looks like binary data; please send plain text.")
        if len(text) > self.max_input_chars:
            raise BadInput(
                f"That message is {len(text):,} characters long; the limit is {self.max_input_chars:,}. "
                "Please shorten it, or save long material as a note or ingest it as a document."
            )
        clean = text.strip()
        if clean != text:
            request = request.model_copy(update={"text": clean})
        return request


def _mostly_binary(text: str) -> bool:
    if not text:
        return False
    odd = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\n\r\t") or 0xFFF0 <= ord(ch) <= 0xFFFF)
    return odd > max(3, len(text) // 20)


def command_word(text: str) -> tuple[str, str]:
    """Split "demo the ticket" into ("demo", "the ticket"); lower-cased word, rest as typed."""
    head, _, rest = text.strip().partition(" ")
    return head.lower().lstrip("/").removeprefix("ft-"), rest.strip()
