"""User messages (mentions, DMs, thread replies) -> one routed turn, exactly once.

A channel mention arrives twice (`app_mention` and `message`, same channel and ts): both paths
claim the message key and only the first one runs. A thread reply without a mention is answered
only when the bot already took part in that thread, which our database knows (no Slack history
call). Bot messages, our own messages and edits/deletions (subtypes) are ignored.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_sdk import WebClient

from bot.slack.once import message_key
from bot.slack.runtime import SlackRuntime
from bot.slack.turns import Where, apologise, run_turn
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


def handle_user_message(
    rt: SlackRuntime,
    client: WebClient,
    event: dict[str, Any],
    *,
    team: str,
    bot_user_id: str | None,
    status: Any = None,
) -> bool:
    """Answer `event` when it is for us; returns whether a turn ran."""
    if not is_user_message(event, bot_user_id):
        return False
    channel = str(event.get("channel", ""))
    ts = str(event.get("ts", ""))
    thread_ts = event.get("thread_ts")
    text = str(event.get("text") or "")
    dm = is_dm(event)
    if dm:
        thread = str(thread_ts or "")  # top-level DM messages form one conversation
        where = Where(channel=channel, thread_ts=thread_ts)
    else:
        thread = str(thread_ts or ts)  # a channel mention is answered in its thread
        where = Where(channel=channel, thread_ts=thread)
        if not mentions(text, bot_user_id) and not (thread_ts and _bot_in_thread(rt, team, channel, str(thread_ts))):
            return False
    try:
        if not rt.receipts.claim(message_key(channel, ts)):
            log.debug("message %s:%s already handled (a retry or the mention's twin)", channel, ts)
            return False
        user = str(event.get("user", ""))
        conv = rt.conversation(
            client, team=team, channel=channel, user=user, thread=thread, hint=event.get("channel_type")
        )
    except Exception:
        ref = new_reference_id()
        log.exception("could not start a turn ref=%s channel=%s", ref, channel)
        apologise(rt, client, where, None, ref)
        return False
    question = strip_mention(text, bot_user_id) or "help"
    request = Request(text=question, conversation=conv)
    run_turn(rt, client, request, where, placeholder=None if status else PLACEHOLDER, status=status)
    return True


def _bot_in_thread(rt: SlackRuntime, team: str, channel: str, thread_ts: str) -> bool:
    key = Conversation(platform="slack", workspace=team, channel=channel, thread=thread_ts).thread_key
    return bool(rt.conversations.has_thread(key))
