"""User messages (mentions, DMs, thread replies) -> one routed turn, exactly once, never lost.

A message for the bot is recorded in the inbox while Slack's request is being acknowledged
(`bot.slack.inbox`, keyed by `message_key(channel, ts)`): a channel mention arrives twice
(`app_mention` and `message`) and Slack retries, but only the delivery whose insert wrote the row
runs the turn, on the replica that accepted it, holding a lease. If that replica dies, another
takes the work over (`resume_user_message`) and looks first for a reply already posted under the
key. A thread reply without a mention is answered only when the bot already took part in that
thread, which our database knows (no Slack history call). Bot messages, our own messages and
edits/deletions (subtypes) are ignored, and cost no write.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from typing import Any

from slack_sdk import WebClient

from bot.inbox_worker import Lease, LeaseLost
from bot.slack.once import message_key
from bot.slack.replies import find_reply
from bot.slack.runtime import SlackRuntime
from bot.slack.turns import Where, apologise, run_turn
from bot.storage.inbox import InboxItem
from handlers.models import Conversation, Request, new_reference_id

log = logging.getLogger(__name__)

USER_SUBTYPES = frozenset({"thread_broadcast", "file_share"})
PLACEHOLDER = "Thinking..."


def is_user_message(event: dict[str, Any], bot_user_id: str | None) -> bool:
    """A message a person wrote (not a bot, not us, not an edit or a join notice)."""
    if event.get("bot_id") or event.get("bot_profile"):
        return False
    subtype = event.get("subtype")
    if subtype is not None and subtype not in USER_SUBTYPES:
        return False
    user = event.get("user")
    return bool(user) and user != bot_user_id


def mentions(text: str, bot_user_id: str | None) -> bool:
    return bool(bot_user_id) and f"<@{bot_user_id}" in text


def strip_mention(text: str, bot_user_id: str | None) -> str:
    """The text without the bot's own mention(s)."""
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(?:\|[^>]*)?>", " ", text)
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def is_dm(event: dict[str, Any]) -> bool:
    return event.get("channel_type") == "im" or str(event.get("channel", "")).startswith("D")


@dataclass(frozen=True)
class UserTurn:
    """A user message the bot answers: where it came from and where the answer goes."""

    key: str  # the inbox key: message_key(channel, ts)
    channel: str
    ts: str
    thread: str  # the conversation's thread ("" for top-level DM messages)
    where: Where
    text: str
    user: str
    channel_type: str | None


def user_turn(rt: SlackRuntime, event: dict[str, Any], *, team: str, bot_user_id: str | None) -> UserTurn | None:
    """The turn `event` asks for, or None when it is not for us (no writes: a read at most)."""
    if not is_user_message(event, bot_user_id):
        return None
    channel = str(event.get("channel", ""))
    ts = str(event.get("ts", ""))
    thread_ts = event.get("thread_ts")
    text = str(event.get("text") or "")
    if is_dm(event):
        thread = str(thread_ts or "")  # top-level DM messages form one conversation
        where = Where(channel=channel, thread_ts=thread_ts)
    else:
        thread = str(thread_ts or ts)  # a channel mention is answered in its thread
        where = Where(channel=channel, thread_ts=thread)
        if not mentions(text, bot_user_id) and not (thread_ts and _bot_in_thread(rt, team, channel, str(thread_ts))):
            return None
    return UserTurn(
        key=message_key(channel, ts),
        channel=channel,
        ts=ts,
        thread=thread,
        where=where,
        text=strip_mention(text, bot_user_id) or "help",
        user=str(event.get("user", "")),
        channel_type=event.get("channel_type"),
    )


def inbox_payload(event: dict[str, Any], *, team: str, bot_user_id: str | None) -> dict[str, Any]:
    """What the inbox keeps of a message so that any replica can redo its turn."""
    return {"event": event, "team": team, "bot_user_id": bot_user_id}


def handle_user_message(
    rt: SlackRuntime,
    client: WebClient,
    event: dict[str, Any],
    *,
    team: str,
    bot_user_id: str | None,
    accepted: str | None,
    status: Any = None,
) -> bool:
    """Answer `event` when it is for us and this delivery was the one accepted into the inbox
    (`accepted`: the key the inbox middleware recorded); returns whether a turn ran."""
    turn = user_turn(rt, event, team=team, bot_user_id=bot_user_id)
    if turn is None:
        return False
    if accepted != turn.key:
        log.debug("message %s already accepted (a retry or the mention's twin)", turn.key)
        return False
    item = rt.inbox.begin(turn.key, owner=rt.owner)
    if item is None:
        log.info("message %s was taken over by another replica before it started here", turn.key)
        return False
    answer(rt, client, turn, item, team=team, status=status)
    return True


def resume_user_message(rt: SlackRuntime, client: WebClient, item: InboxItem) -> None:
    """Redo the turn of a message whose replica died (the sweeper holds `item`'s lease)."""
    p = item.payload
    turn = user_turn(rt, p["event"], team=p["team"], bot_user_id=p.get("bot_user_id"))
    if turn is None:  # pragma: no cover - it was for us when it was accepted
        Lease.of(rt.inbox, item).done()
        return
    answer(rt, client, turn, item, team=p["team"])


def answer(
    rt: SlackRuntime, client: WebClient, turn: UserTurn, item: InboxItem, *, team: str, status: Any = None
) -> None:
    """Run the turn under the inbox lease (heart-beaten, checked before each post), then mark it done;
    a redo first looks for what a previous attempt posted (`find_reply`) and never answers twice.
    A turn whose lease was taken over posts nothing more and leaves the work to the taker."""
    lease = Lease.of(rt.inbox, item)
    try:
        _answer(rt, client, turn, item, lease, team=team, status=status)
    except LeaseLost:
        log.info("message %s was taken over by another replica: it answers", item.key)


def _answer(
    rt: SlackRuntime, client: WebClient, turn: UserTurn, item: InboxItem, lease: Lease, *, team: str, status: Any
) -> None:
    where = turn.where
    with rt.heartbeats.holding(lease):
        if item.is_retry:
            found = find_reply(client, channel=turn.channel, thread_ts=where.thread_ts, since_ts=turn.ts, key=item.key)
            if found.answered:
                log.info("message %s was answered before its replica died: not answering again", item.key)
                lease.done()
                return
            if found.placeholder_ts:
                where, status = replace(where, replace_ts=found.placeholder_ts), None
        try:
            conv = rt.conversation(
                client, team=team, channel=turn.channel, user=turn.user, thread=turn.thread, hint=turn.channel_type
            )
        except Exception:
            ref = new_reference_id()
            log.exception("could not start a turn ref=%s channel=%s", ref, turn.channel)
            apologise(rt, client, where, where.replace_ts, ref, tag=item.key, fence=lease.check)
            lease.done()
            return
        request = Request(text=turn.text, conversation=conv, work_key=item.key)
        placeholder = None if status or where.replace_ts else PLACEHOLDER
        posted = run_turn(
            rt, client, request, where, placeholder=placeholder, status=status, tag=item.key, fence=lease.check
        )
    if posted:
        lease.done()
    else:  # not even the apology reached Slack: another attempt later
        lease.fail("nothing could be posted")


def _bot_in_thread(rt: SlackRuntime, team: str, channel: str, thread_ts: str) -> bool:
    key = Conversation(platform="slack", workspace=team, channel=channel, thread=thread_ts).thread_key
    return bool(rt.conversations.has_thread(key))
