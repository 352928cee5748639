"""An answer streamed into a Teams personal chat while the language model writes it.

Teams streams bot messages only in one-on-one chats. The Agents SDK's `StreamingResponse` speaks
the protocol: `typing` activities with a `streaminfo` entity (first the informative "Looking in
the sources…", then `streaming` ones, each carrying the whole text so far), `streamSequence`
1, 2, 3…, the stream id Teams gave the first one on all later ones, and at the end a `message`
with `streamType: final`, which may carry attachments. On Teams it sends at most one update a
second (it waits its 1 s interval after every send and merges the text queued meanwhile), which is
the pace Teams asks for.

The composer hands over only whole, validated sentences (handlers/ask/llm_stream.py), and each one
goes through the one sanitizer before it is queued, so no link or mention is split across chunks
(as in bot/slack/streaming.py). When the turn's replies are ready the stream ends with the final
message: the answer's text (with the notice, when the model failed and the extractive answer took
its place: never the half-streamed text) and a card with the sources, how the answer was made and
the feedback buttons. When the stream broke, or its final message was not delivered, the caller
posts the replies the ordinary way.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Protocol, runtime_checkable

from microsoft_agents.activity import Activity, ActivityTypes
from microsoft_agents.hosting.core import TurnContext
from microsoft_agents.hosting.core.app.streaming import StreamingResponse

from bot.teams.cards import CardMessage, RenderOptions, render, render_all
from bot.teams.cards.answer import citation_blocks, fallback_text, feedback_actions
from bot.teams.cards.common import CARD_TEXT_CHARS, card, clean, safe_card, subtle, summarize
from bot.teams.outgoing import TeamsSender, to_attachment
from handlers.models import AnswerReply, Request
from handlers.router import Context

log = logging.getLogger(__name__)

INFORMATIVE = "Looking in the sources\u2026"

Route = Callable[[Request, Context], Awaitable[list[Any]]]


@runtime_checkable
class FeatureFinder(Protocol):
    """A router that can say which feature a request goes to (the shared `Router` can)."""

    def feature_for(self, request: Request) -> Any: ...


def wants_stream(router: object, reply_to: Activity, request: Request) -> bool:
    """Whether a turn streams: a question (not a button) that goes to `ask`, in a personal chat
    (the only place Teams streams). The caller checks that a language model writes answers."""
    conv = reply_to.conversation
    if request.action is not None or not conv or conv.conversation_type != "personal":
        return False
    if not isinstance(router, FeatureFinder):
        return False
    try:
        return str(getattr(router.feature_for(request), "name", "")) == "ask"
    except Exception:  # e.g. a stale button: the router will say so in the ordinary way
        return False


async def answer_streamed(
    context: TurnContext, request: Request, route: Route, sender: TeamsSender, opts: RenderOptions
) -> None:
    """Route `request` with its answer streamed into `context`'s conversation, then post any
    replies the stream's final message did not carry."""
    stream = TeamsAnswerStream(context, opts)
    if not stream.available:  # the SDK says this conversation takes no streamed updates
        await sender.send_messages(context, render_all(await route(request, Context()), opts))
        return
    stream.begin()
    replies = await route(request, Context(stream=stream))
    rest = await stream.finish(replies)
    if rest:
        await sender.send_messages(context, rest)


class _Response(StreamingResponse):
    """The SDK's streaming response plus the two things it does not offer: the final message's
    text chosen by us (the SDK ends on the streamed text), and whether that message was delivered
    (the SDK logs a failed send and stops streaming, but tells no one)."""

    def __init__(self, context: TurnContext) -> None:
        super().__init__(context)
        self.failed: Exception | None = None
        self.delivered = False

    def set_final_text(self, text: str) -> None:
        self._message = text

    async def _send_activity(self, activity: Activity, *, ensure_stream_info: bool = True) -> bool:
        if self.failed is not None:  # a broken stream sends nothing more; the replies go out whole
            return False
        try:
            sent = await super()._send_activity(activity, ensure_stream_info=ensure_stream_info)
        except Exception as exc:
            log.warning("teams streaming failed (%r); the answer will be posted whole", exc)
            self.failed = exc
            return False
        if sent and activity.type == ActivityTypes.message:
            self.delivered = True
        return bool(sent)

    async def _update_activity(self, activity: Activity) -> bool:
        # after Teams' two-minute streaming limit the SDK ends the stream by updating its message
        updated = await super()._update_activity(activity)
        if updated and self._ended and activity.type == ActivityTypes.message:
            self.delivered = True
        return bool(updated)


class TeamsAnswerStream:
    """`Context.stream` for one Teams turn: called from the router's worker thread with each
    validated sentence; `begin` and `finish` run on the event loop, inside the turn's context."""

    def __init__(self, context: TurnContext, opts: RenderOptions) -> None:
        self.response = _Response(context)
        self.opts = opts
        self.loop = asyncio.get_running_loop()
        self.started_at = time.monotonic()
        self.first_text_s: float | None = None  # time to the first queued text (logs, benchmark)

    @property
    def available(self) -> bool:
        """Whether this conversation takes streamed updates (the SDK decides by channel and
        delivery mode; the caller has already checked it is a personal chat)."""
        return self.response.is_streaming_channel

    def begin(self) -> None:
        self.response.queue_informative_update(INFORMATIVE)

    def __call__(self, text: str) -> None:
        piece = clean(text, self.opts)
        if not piece.strip():
            return
        try:
            self.loop.call_soon_threadsafe(self._queue, piece)
        except RuntimeError:  # the server is shutting down: the answer itself is still returned
            log.warning("teams stream: event loop closed, text not streamed")

    def _queue(self, piece: str) -> None:
        if self.response.failed is not None:
            return
        if self.first_text_s is None:
            self.first_text_s = time.monotonic() - self.started_at
            log.info("teams stream: first text after %.2f s", self.first_text_s)
        self.response.queue_text_chunk(piece)

    async def finish(self, replies: Sequence[Any]) -> list[CardMessage]:
        """End the stream with the first reply; returns the messages still to be posted (all of
        them when the final message could not be delivered)."""
        text, attachments, later = final_message(replies, self.opts)
        await self.response.wait_for_queue()  # the text streamed so far is out before it is replaced
        self.response.set_final_text(text)
        self.response.set_attachments([to_attachment(m) for m in attachments])
        first = replies[0] if replies else None
        self.response.set_generated_by_ai_label(isinstance(first, AnswerReply) and first.answer.mode == "llm")
        try:
            await self.response.end_stream()
        except Exception as exc:  # the SDK raises on a send it does not expect to fail
            log.warning("teams stream could not be ended (%r)", exc)
        if self.response.delivered:
            return later
        log.warning("teams stream ended without its final message; posting the replies whole")
        return render_all(replies, self.opts)


def final_message(replies: Sequence[Any], opts: RenderOptions) -> tuple[str, list[CardMessage], list[CardMessage]]:
    """(the final message's text, its card, the messages that follow it) for the turn's replies.

    An answer ends the stream as text (notice first) with the sources card; any other reply as
    its usual card, with the card's summary as the text the stream requires."""
    if not replies:
        return "Done.", [], []
    first, later = replies[0], render_all(replies[1:], opts)
    if isinstance(first, AnswerReply):
        text = answer_text(first, opts)
        if len(text) <= CARD_TEXT_CHARS:
            return text, [sources_card(first, opts, text)], later
    messages = render(first, opts)
    if not messages:
        return "Done.", [], later
    return messages[0].summary or "Done.", messages[:1], messages[1:] + later


def answer_text(reply: AnswerReply, opts: RenderOptions) -> str:
    answer = reply.answer
    text = clean(answer.answer, opts)
    return f"**{clean(answer.notice, opts)}**\n\n{text}" if answer.notice else text


def sources_card(reply: AnswerReply, opts: RenderOptions, text: str) -> CardMessage:
    """What the answer card shows below the answer text: sources, how it was made, feedback."""
    answer = reply.answer
    body = [*citation_blocks(answer.citations, opts), subtle(answer.how_made, spacing="Medium")]
    content = card(body, fallback=fallback_text(answer, opts), actions=feedback_actions(reply))
    return CardMessage(safe_card(content, opts), summary=summarize(text))
