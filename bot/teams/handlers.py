"""Activity handlers: what the Teams app does with each kind of activity.

A message or card submit is acknowledged at once (Teams redelivers activities it thinks timed
out after ~15 s, and demos take longer): the handler records the activity in the inbox
(`bot.teams.inbox`; redeliveries stop there), remembers the conversation reference, shows "typing"
(not in a channel's reply chain, where Teams rejects it), and hands the request to a background
task. That task, under the inbox claim (checked before posting, done after; `resume` redoes work
whose replica died), runs the shared router in a worker thread (one request at a time per reply
chain), renders the replies as Adaptive Cards and posts them into the reply chain proactively;
with a language model, a question in a personal chat is streamed instead (bot/teams/streaming.py).
A thumbs button is routed like any action but answered at once, only to the voter.

Installs (`installationUpdate` add, `conversationUpdate` with the bot among `membersAdded`)
store the conversation reference that scheduled digests are later posted with, and say hello;
uninstalls forget it.
"""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from microsoft_agents.activity import Activity, AdaptiveCardInvokeResponse
from microsoft_agents.hosting.core import ChannelAdapter, ClaimsIdentity, TurnContext, TurnState
from microsoft_agents.hosting.core.app.proactive import Conversation as ProactiveConversation

from bot.inbox_worker import Lease
from bot.teams.cards import RenderOptions, render_all
from bot.teams.conversation import (
    feedback_request,
    from_a_bot,
    in_channel,
    split_conversation_id,
    to_conversation,
    to_request,
)
from bot.teams.inbox import ActivityInbox, ReceiptsOnly
from bot.teams.outgoing import TeamsSender
from bot.teams.ports import Receipts, ReferenceStore, RequestRouter
from bot.teams.streaming import answer_streamed, wants_stream
from handlers.feedback import ACTION_PREFIX as FEEDBACK_PREFIX
from handlers.models import ErrorReply, Request, new_reference_id
from handlers.router import Context

if TYPE_CHECKING:
    from bot.teams.train import TeamsTrainFlow

log = logging.getLogger(__name__)

PROGRESS_EVERY_S = 5.0
Handle = Callable[[Request, Context], list[Any]]


class TeamsBot:
    """The Teams surface of the advisor. Dependencies are injected; nothing here builds clients."""

    def __init__(
        self,
        *,
        router: RequestRouter,
        receipts: Receipts,
        references: ReferenceStore,
        sender: TeamsSender | None = None,
        render_options: RenderOptions | None = None,
        train: TeamsTrainFlow | None = None,
        inbox: ActivityInbox | None = None,
        stream_answers: bool = False,
    ) -> None:
        self.router = router
        self.stream_answers = stream_answers  # a language model writes answers: stream them in personal chats
        self.train = train  # a file sent in a personal chat, then `train`
        self.receipts = receipts
        self.references = references
        self.sender = sender or TeamsSender()
        self.render_options = render_options or RenderOptions()
        self.inbox: ActivityInbox = inbox or ReceiptsOnly(receipts)
        self._tasks: set[asyncio.Task[None]] = set()
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()

    # --- activity handlers ------------------------------------------------------------------
    async def handle_message(self, context: TurnContext, state: TurnState) -> None:
        """A typed message (personal chat, group chat, or a channel @mention) or an Action.Submit."""
        activity = context.activity
        if from_a_bot(activity) or not await self._first_delivery(activity, context.identity):
            return
        await self._remember(context)
        request = to_request(activity)
        action = request.action
        if action is not None and action.name.startswith(FEEDBACK_PREFIX):
            await self._feedback(context)
            await self.inbox.settle(activity.id)
            return
        if not in_channel(activity):  # in a channel's reply chain Teams rejects typing ("Invalid conversation id")
            await self.sender.send_typing(context)
        if self.train is not None and action is None and self.train.wants(activity, request):
            flow = self.train
            self._start(context, request, lambda r, _ctx: flow.handle(activity, r))
            return
        self._start(context, request)

    async def handle_card_submit(self, context: TurnContext, state: TurnState, data: Any) -> None:
        """An Action.Submit button (the SDK's adaptive-card route); same path as a message."""
        await self.handle_message(context, state)

    async def handle_card_execute(
        self, context: TurnContext, state: TurnState, data: Any
    ) -> AdaptiveCardInvokeResponse:
        """An Action.Execute button: Teams waits for an invoke response, so answer at once."""
        activity = context.activity
        if await self._first_delivery(activity, context.identity):
            await self._remember(context)
            self._start(context, to_request(activity))
        return AdaptiveCardInvokeResponse(
            status_code=200, type="application/vnd.microsoft.activity.message", value="Working on it..."
        )

    async def handle_installation_update(self, context: TurnContext, state: TurnState) -> None:
        action = (context.activity.action or "").lower()
        if action.startswith("add"):  # the welcome comes with the conversationUpdate Teams also sends
            await self._remember(context)
        elif action.startswith("remove"):
            await self._forget(context)

    async def handle_conversation_update(self, context: TurnContext, state: TurnState) -> None:
        activity = context.activity
        bot_id = activity.recipient.id if activity.recipient else None
        if any(m.id == bot_id for m in activity.members_added or []):
            await self._remember(context)
            await self._welcome(context)
        elif any(m.id == bot_id for m in activity.members_removed or []):
            await self._forget(context)

    async def handle_turn_error(self, context: TurnContext, error: Exception) -> None:
        """Anything that escaped: a polite message with a reference id; the detail goes to the log."""
        ref = new_reference_id()
        log.error("teams turn failed ref=%s activity_type=%s error=%r", ref, context.activity.type, error,
                  exc_info=(type(error), error, error.__traceback__))
        if context.activity.type in ("message", "invoke"):
            try:
                await self.sender.send_messages(context, render_all([ErrorReply(reference_id=ref)]))
            except Exception as exc:
                log.warning("could not tell the user about ref=%s: %r", ref, exc)

    # --- background work -------------------------------------------------------------------
    async def drain(self, timeout_s: float = 30.0) -> None:
        """Wait for running requests (graceful shutdown; tests)."""
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=timeout_s)

    @property
    def busy(self) -> int:
        return len(self._tasks)

    def _start(self, context: TurnContext, request: Request, handle: Handle | None = None) -> None:
        reply_to = context.activity.get_conversation_reference().get_continuation_activity()
        reply_to.id = context.activity.id or reply_to.id  # replies point at the user's message
        identity = context.identity or ClaimsIdentity()
        self._spawn(self._work(context.adapter, identity, reply_to, request, handle))

    async def resume(self, adapter: ChannelAdapter, activity: Activity, identity: ClaimsIdentity, lease: Lease) -> None:
        """Redo, as `handle_message` would, an activity whose replica died (the sweeper holds `lease`)."""
        request, handle = to_request(activity), None
        if request.action is not None and request.action.name.startswith(FEEDBACK_PREFIX):
            request = feedback_request(activity)
        elif self.train is not None and request.action is None and self.train.wants(activity, request):
            flow = self.train
            handle = lambda r, _ctx: flow.handle(activity, r)  # noqa: E731
        reply_to = activity.get_conversation_reference().get_continuation_activity()
        reply_to.id = activity.id or reply_to.id
        await self._work(adapter, identity, reply_to, request, handle, lease=lease)

    def _spawn(self, coro: Any) -> None:
        task: asyncio.Task[None] = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _work(
        self, adapter: ChannelAdapter, identity: ClaimsIdentity, reply_to: Activity, request: Request,
        handle: Handle | None = None, lease: Lease | None = None,
    ) -> None:
        key = request.conversation.thread_key
        lock = self._locks.get(key)
        if lock is None:
            lock = self._locks[key] = asyncio.Lock()
        async with lock:
            if (claim := await self.inbox.claim(reply_to.id, lease)) is None:
                return  # taken over by another replica before it started here
            with claim.holding():
                if handle is None and self.stream_answers and wants_stream(self.router, reply_to, request):
                    if not await claim.may_post():
                        return
                    streamed = partial(answer_streamed, request=request, route=self._route, sender=self.sender,
                                       opts=self.render_options)
                    await adapter.continue_conversation_with_claims(identity, reply_to, streamed)
                else:
                    progress = self._progress(adapter, identity, reply_to) if not in_channel(reply_to) else _quiet
                    replies = await self._route(request, Context(progress=progress), handle)
                    if not await claim.may_post():
                        return
                    await self.post(adapter, identity, reply_to, replies)
            await claim.done()

    async def _route(self, request: Request, ctx: Context, handle: Handle | None = None) -> list[Any]:
        try:
            return await asyncio.to_thread(handle or self.router.handle, request, ctx)
        except Exception:  # the router catches everything; this is the last line of defence
            ref = new_reference_id()
            log.exception("teams request failed ref=%s request_id=%s", ref, request.request_id)
            return [ErrorReply(reference_id=ref)]

    async def post(
        self, adapter: ChannelAdapter, identity: ClaimsIdentity, reply_to: Activity, replies: Sequence[Any]
    ) -> list[str]:
        """Render `replies` and post them into the conversation of `reply_to` (proactively)."""
        messages = render_all(replies, self.render_options)
        if not messages:
            return []
        ids: list[str] = []

        async def deliver(ctx: TurnContext) -> None:
            ids.extend(await self.sender.send_messages(ctx, messages))

        await adapter.continue_conversation_with_claims(identity, reply_to, deliver)
        return ids

    def _progress(
        self, adapter: ChannelAdapter, identity: ClaimsIdentity, reply_to: Activity
    ) -> Callable[[str], None]:
        """The router's progress callback (called from the worker thread): a typing indicator,
        at most every few seconds, while long work runs."""
        loop = asyncio.get_running_loop()
        last = [time.monotonic()]

        async def typing(ctx: TurnContext) -> None:
            await self.sender.send_typing(ctx)

        def progress(_message: str) -> None:
            now = time.monotonic()
            if now - last[0] < PROGRESS_EVERY_S:
                return
            last[0] = now
            coro = adapter.continue_conversation_with_claims(identity, reply_to.model_copy(), typing)
            loop.call_soon_threadsafe(self._spawn, coro)

        return progress

    # --- helpers ---------------------------------------------------------------------------
    async def _first_delivery(self, activity: Activity, identity: ClaimsIdentity | None = None) -> bool:
        return not activity.id or await self.inbox.first_delivery(activity, identity)

    async def _remember(self, context: TurnContext) -> None:
        """Store the reference of this conversation (a channel's, not the reply chain's) for digests."""
        activity = context.activity
        if not activity.conversation or not activity.service_url:
            return
        conv = to_conversation(activity)
        reference = activity.get_conversation_reference()
        reference.activity_id = None
        channel, _ = split_conversation_id(reference.conversation.id)
        reference.conversation = reference.conversation.model_copy(update={"id": channel})
        claims = ProactiveConversation.claims_from_identity(context.identity) if context.identity else {}
        await asyncio.to_thread(
            self.references.save,
            channel=conv.channel,
            tenant_id=conv.workspace,
            channel_type=conv.channel_type,
            reference=reference.model_dump(mode="json", by_alias=True, exclude_none=True),
            claims=claims,
        )

    async def _feedback(self, context: TurnContext) -> None:
        """A thumbs button under an answer: routed like any action, answered at once in this turn
        (no typing, no background task); the thanks are shown only to the voter."""
        request = feedback_request(context.activity)
        replies = await asyncio.to_thread(self.router.handle, request, Context())
        await self.sender.send_messages(context, render_all(replies, self.render_options))

    async def _forget(self, context: TurnContext) -> None:
        conv = to_conversation(context.activity)
        await asyncio.to_thread(self.references.remove, conv.channel)

    async def _welcome(self, context: TurnContext) -> None:
        request = Request(text="help", conversation=to_conversation(context.activity))
        replies = await asyncio.to_thread(self.router.handle, request, Context())
        await self.sender.send_messages(context, render_all(replies, self.render_options))


def _quiet(_message: str) -> None:
    return None
