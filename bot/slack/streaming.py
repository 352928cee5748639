"""An answer streamed into a Slack thread while the language model writes it.

Slack's chat streaming API (chat.startStream / appendStream / stopStream; slack_sdk's
`chat_stream` helper wraps the same three calls with a buffer, which would hold the first
sentence back) shows the answer as it grows. The composer hands over only whole, validated
sentences (handlers/ask/llm_stream.py), and each one goes through the sanitizer before it is
sent, so no link or mention is ever split across chunks. When the turn's replies are ready the
stream is stopped and the message replaced by the final reply: the same answer with its
citations, or, when the model failed part-way, the extractive fallback with its notice. Any
Slack error while streaming ends the stream; the final reply is then posted normally.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from typing import Any

from slack_sdk import WebClient

from bot.slack.blocks import SlackMessage
from bot.slack.delivery import SlackPoster, clean_text

log = logging.getLogger(__name__)


class SlackAnswerStream:
    """`Context.stream` for one Slack turn (threads only: streamed messages are thread replies)."""

    def __init__(
        self,
        client: WebClient,
        poster: SlackPoster,
        *,
        channel: str,
        thread_ts: str,
        team: str = "",
        user: str = "",
        fence: Callable[[], None] | None = None,
    ) -> None:
        self.client, self.poster = client, poster
        self.channel, self.thread_ts, self.team, self.user = channel, thread_ts, team, user
        self.ts: str | None = None
        self.broken = False
        self.started_at = time.monotonic()
        self.first_text_s: float | None = None  # time to the first streamed text (for logs and the benchmark)
        self.fence = fence  # raises LeaseLost when this turn may no longer post (inbox work)

    @property
    def started(self) -> bool:
        return self.ts is not None

    def __call__(self, text: str) -> None:
        if self.broken:
            return
        piece = clean_text(text, self.poster.allowed_hosts)
        if not piece.strip():
            return
        try:
            if self.ts is None:
                if self.fence is not None:
                    self.fence()
                kwargs: dict[str, Any] = {"channel": self.channel, "thread_ts": self.thread_ts, "markdown_text": piece}
                if self.team and self.user:
                    kwargs.update(recipient_team_id=self.team, recipient_user_id=self.user)
                resp = self.client.chat_startStream(**kwargs)
                self.ts = str(resp["ts"])
                self.first_text_s = time.monotonic() - self.started_at
                log.info("slack stream started in %.2f s", self.first_text_s)
            else:
                self.client.chat_appendStream(channel=self.channel, ts=self.ts, markdown_text=piece)
        except Exception:
            log.warning("slack streaming failed; the answer will be posted whole", exc_info=True)
            self.broken = True
            self._stop()

    def finish(
        self, messages: Sequence[SlackMessage], placeholder_ts: str | None, *, metadata: dict[str, Any] | None = None
    ) -> list[str]:
        """Stop the stream and put the first reply in its place (citations, or the fallback that
        replaces a failed stream); a placeholder is removed. Returns the stream message's ts."""
        assert self.ts is not None
        self._stop()
        if placeholder_ts:
            try:
                self.client.chat_delete(channel=self.channel, ts=placeholder_ts)
            except Exception:
                log.warning("could not remove the placeholder", exc_info=True)
        if messages:
            self.poster.update(self.channel, self.ts, messages[0], thread_ts=self.thread_ts, metadata=metadata)
        return [self.ts]

    def discard(self) -> None:
        """Stop and remove the streamed message (this turn lost its lease: another replica answers)."""
        ts, self.broken = self.ts, True
        self._stop()
        if ts is not None:
            try:
                self.client.chat_delete(channel=self.channel, ts=ts)
            except Exception:
                log.warning("could not remove the stream of a turn taken over", exc_info=True)

    def _stop(self) -> None:
        if self.ts is None:
            return
        try:
            self.client.chat_stopStream(channel=self.channel, ts=self.ts)
        except Exception:
            log.warning("could not stop the slack stream", exc_info=True)
