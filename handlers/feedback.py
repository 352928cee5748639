"""`feedback`: the thumbs buttons under every answer, on every platform.

A vote is stored once per user and answer (a second press changes it) for digests and quality
tracking; the thank-you is the same everywhere. Adapters send the button as the action
`feedback.up` / `feedback.down` with the question (`q`) and the id of the answer message
(`message_id`) in its value, and show the reply only to the voter.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Literal, Protocol

from handlers.errors import AdvisorError, BadInput
from handlers.models import Request, TextReply
from handlers.router import Context

ACTION_PREFIX = "feedback."
UP, DOWN = "feedback.up", "feedback.down"
QUESTION_CHARS = 300
THANKS_UP = "Thanks, glad it helped."
THANKS_DOWN = "Thanks, noted: this helps us see what the knowledge base is missing."


class FeedbackStore(Protocol):
    def record(
        self, *, platform: str, channel: str, thread_key: str, message_id: str, user: str,
        vote: Literal[1, -1], question: str = "", at: datetime | None = None,
    ) -> None:
        """Store the vote cast at `at` (None: now) unless the same user's vote on the same answer
        was cast later (a redo of an older click must not overwrite a newer vote)."""
        ...


class FeedbackNotStored(AdvisorError):
    user_message = "I could not record your feedback."


class FeedbackFeature:
    name = "feedback"
    commands: tuple[str, ...] = ()
    action_prefix = ACTION_PREFIX

    def __init__(self, store: FeedbackStore) -> None:
        self.store = store

    def claims(self, request: Request) -> bool:
        return False

    def handle(self, request: Request, ctx: Context) -> Sequence[object]:
        action = request.action
        if action is None or action.name not in (UP, DOWN):
            raise BadInput("That button is no longer active. Start again with `help`.")
        vote: Literal[1, -1] = 1 if action.name == UP else -1
        conv = request.conversation
        try:
            self.store.record(
                platform=conv.platform, channel=conv.channel, thread_key=conv.thread_key,
                message_id=str(action.value.get("message_id", "")), user=conv.user, vote=vote,
                question=str(action.value.get("q", ""))[:QUESTION_CHARS], at=request.accepted_at,
            )
        except Exception as exc:
            raise FeedbackNotStored() from exc
        return [TextReply(text=THANKS_UP if vote > 0 else THANKS_DOWN, tone="success", ephemeral=True)]
