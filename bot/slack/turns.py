"""One user turn in Slack: show something at once, route the request, render and deliver the replies.

Every listener ends here after it has acknowledged Slack. Any failure (router, rendering, Slack
API) gives the user a short polite message with a reference id; the detail goes to the logs.
Work done through the inbox passes its `fence` (`bot.inbox_worker.Lease.check`): it is called
before every message is posted or updated, and once it raises `LeaseLost` (another replica took the
work over) this turn posts nothing more, and removes a stream it had started.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient

from bot.inbox_worker import LeaseLost
from bot.slack.blocks import placeholder_message, with_preface
from bot.slack.delivery import SlackPoster
from bot.slack.render import render, render_all
from bot.slack.replies import PLACEHOLDER_PART, reply_metadata
from bot.slack.runtime import SlackRuntime
from bot.slack.streaming import SlackAnswerStream
from handlers.models import ErrorReply, Request, new_reference_id
from handlers.router import Context

log = logging.getLogger(__name__)

PROGRESS_MIN_INTERVAL_S = 1.0
Status = Callable[[str], Any]
Fence = Callable[[], None]


def _no_fence() -> None:
    return None


@dataclass(frozen=True)
class Where:
    """Where the replies of a turn go. `replace_ts`: a placeholder the first reply replaces;
    `thread_ts`: the thread the (other) replies are posted in."""

    channel: str
    thread_ts: str | None = None
    replace_ts: str | None = None


def run_turn(
    rt: SlackRuntime,
    client: WebClient,
    request: Request,
    where: Where,
    *,
    placeholder: str | None = None,
    preface: str | None = None,
    status: Status | None = None,
    tag: str | None = None,
    fence: Fence = _no_fence,
) -> list[str]:
    """Route `request` and post its replies; returns the posted message timestamps. `tag`: the inbox
    key every message carries, so a redo of this turn finds them (`bot.slack.replies`); `fence`:
    raises `LeaseLost` when this turn may no longer post (checked before each post)."""
    poster = rt.poster(client)
    replace_ts = where.replace_ts
    stream: SlackAnswerStream | None = None
    try:
        if placeholder and not replace_ts:
            fence()
            replace_ts = poster.post(
                where.channel,
                placeholder_message(placeholder),
                thread_ts=where.thread_ts,
                metadata=reply_metadata(tag, PLACEHOLDER_PART) if tag else None,
            )
        progress = _Progress(poster, where.channel, replace_ts, status, fence)
        stream = _stream(rt, client, poster, request, where, fence)
        replies = rt.router.handle(request, Context(progress=progress, stream=stream))
        messages = render_all(replies)
        if preface:
            messages = with_preface(messages, preface)
        fence()
        if stream is not None and stream.started:  # the first reply takes the streamed message's place
            posted = stream.finish(messages, replace_ts, metadata=reply_metadata(tag, 0) if tag else None)
            for i, message in enumerate(messages[1:], start=1):
                meta = reply_metadata(tag, i) if tag else None
                posted.append(poster.post(where.channel, message, thread_ts=where.thread_ts, metadata=meta))
        else:
            posted = poster.send(where.channel, messages, thread_ts=where.thread_ts, replace_ts=replace_ts, tag=tag)
        return posted
    except LeaseLost:
        if stream is not None and stream.started:
            stream.discard()
        raise
    except Exception:
        ref = new_reference_id()
        log.exception("slack turn failed ref=%s request_id=%s channel=%s", ref, request.request_id, where.channel)
        return apologise(rt, client, where, replace_ts, ref, tag=tag, fence=fence)


def _stream(
    rt: SlackRuntime, client: WebClient, poster: SlackPoster, request: Request, where: Where, fence: Fence
) -> SlackAnswerStream | None:
    """A stream for answers written by a language model, in threads (Slack streams thread replies)."""
    if not where.thread_ts or not rt.stream_answers:
        return None
    conv = request.conversation
    return SlackAnswerStream(client, poster, channel=where.channel, thread_ts=where.thread_ts,
                             team=conv.workspace, user=conv.user, fence=fence)


class _Progress:
    """Progress messages go to the assistant status, else into the placeholder, at most one per
    `PROGRESS_MIN_INTERVAL_S` (so a quick answer replaces the placeholder without extra updates)."""

    def __init__(
        self, poster: SlackPoster, channel: str, replace_ts: str | None, status: Status | None, fence: Fence
    ) -> None:
        self.poster, self.channel, self.replace_ts, self.status = poster, channel, replace_ts, status
        self.fence = fence
        self.last_at = time.monotonic()  # what is shown now was just posted: a quick answer needs no update
        self.last_text = ""

    def __call__(self, text: str) -> None:
        now = time.monotonic()
        if text == self.last_text or now - self.last_at < PROGRESS_MIN_INTERVAL_S:
            return
        self.last_at, self.last_text = now, text
        try:
            self.fence()  # a placeholder another replica answered in must not be overwritten
            if self.status is not None:
                self.status(text)
            elif self.replace_ts:
                self.poster.update(self.channel, self.replace_ts, placeholder_message(text))
        except Exception:  # progress is best effort
            log.warning("progress update failed", exc_info=True)


def apologise(
    rt: SlackRuntime,
    client: WebClient,
    where: Where,
    replace_ts: str | None,
    ref: str,
    *,
    tag: str | None = None,
    fence: Fence = _no_fence,
) -> list[str]:
    """Tell the user, where the reply would have gone, that something failed (reference `ref`)."""
    fence()  # LeaseLost goes up: another replica answers
    try:
        return rt.poster(client).send(
            where.channel,
            render(ErrorReply(reference_id=ref)),
            thread_ts=where.thread_ts,
            replace_ts=replace_ts,
            tag=tag,
        )
    except Exception:
        log.exception("could not tell the user about failure ref=%s", ref)
        return []
