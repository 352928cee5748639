"""Pure mapping from a Teams activity to the shared `handlers.models.Request`.

Teams conversations, in the router's terms:

- a channel post or reply chain: `conversationType == "channel"`, conversation id
  `19:...@thread.tacv2;messageid=<root>` -> channel = the part before `;messageid=`, thread = the
  root message id. Public only when Teams marks the channel standard (`channelData.channel.type` /
  `membershipType`); unknown or private/shared channels are private.
- a personal chat: `conversationType == "personal"` -> channel_type "dm".
- a group chat: `conversationType == "groupChat"` -> channel_type "group".

Card buttons arrive as a message activity whose `value` is the Action.Submit data, or as an
`adaptiveCard/action` invoke (Action.Execute) whose `value.action.data` is the same data.
"""

from __future__ import annotations

import html
import re
from typing import Any

from microsoft_agents.activity import Activity

from bot.teams.cards.common import ACTION_KEY, TEXT_INPUT_ID, TEXT_REPLY_ACTION, VALUE_KEY
from handlers.models import Action, ChannelType, Conversation, Request

_MESSAGE_ID = re.compile(r";messageid=(\d+)", re.IGNORECASE)
_AT_TAG = re.compile(r"</?at>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]{1,200}>")
_SPACES = re.compile(r"[ \t\u00a0]+")
_PRIVATE_CHANNEL_TYPES = {"private", "shared"}


def split_conversation_id(conversation_id: str) -> tuple[str, str]:
    """`19:x@thread.tacv2;messageid=42` -> ("19:x@thread.tacv2", "42"); other ids -> (id, "")."""
    match = _MESSAGE_ID.search(conversation_id)
    if match is None:
        return conversation_id, ""
    return conversation_id[: match.start()], match.group(1)


def _channel_data(activity: Activity) -> dict[str, Any]:
    data = activity.channel_data
    if isinstance(data, dict):
        return data
    if data is not None and hasattr(data, "model_dump"):
        return dict(data.model_dump(by_alias=True, exclude_none=True))
    return {}


def channel_type(activity: Activity) -> ChannelType:
    """personal -> dm, groupChat -> group, channel -> public only when Teams marks it standard."""
    conv = activity.conversation
    kind = (conv.conversation_type if conv else None) or ""
    if kind == "personal":
        return "dm"
    if kind == "groupChat":
        return "group"
    channel = _channel_data(activity).get("channel") or {}
    membership = str(channel.get("type") or channel.get("membershipType") or "").lower()
    if membership in _PRIVATE_CHANNEL_TYPES:
        return "private"
    if kind == "channel":
        # Only a channel Teams marks as standard is public: when the membership type is missing we
        # cannot tell a private channel from a standard one, and a private note must never leak.
        return "public" if membership == "standard" else "private"
    # unknown conversation kinds (e.g. meetings) are treated as private: notes stay where they were made
    return "private" if (conv and conv.is_group) else "dm"


def tenant_id(activity: Activity) -> str:
    conv = activity.conversation
    if conv and conv.tenant_id:
        return conv.tenant_id
    tenant = _channel_data(activity).get("tenant") or {}
    return str(tenant.get("id") or "")


def to_conversation(activity: Activity) -> Conversation:
    conv_id = activity.conversation.id if activity.conversation else ""
    channel, thread = split_conversation_id(conv_id or "")
    user = activity.from_property
    return Conversation(
        platform="teams",
        workspace=tenant_id(activity),
        channel=channel,
        channel_type=channel_type(activity),
        thread=thread,
        user=(user.aad_object_id or user.id) if user else "",
        user_name=(user.name or "") if user else "",
    )


def message_text(activity: Activity) -> str:
    """The user's words: the bot's @mention removed, other mentions kept as names, markup dropped."""
    text = activity.text or ""
    recipient = activity.recipient
    for entity in activity.entities or []:
        data = entity.model_dump(by_alias=True, exclude_none=True) if hasattr(entity, "model_dump") else {}
        if data.get("type") != "mention":
            continue
        mentioned = data.get("mentioned") or {}
        mention_text = str(data.get("text") or "")
        if recipient is not None and mentioned.get("id") == recipient.id and mention_text:
            text = text.replace(mention_text, " ")
    text = _AT_TAG.sub("", text)
    text = _TAG.sub(" ", text)
    text = html.unescape(text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line).strip()


def card_action(activity: Activity) -> Action | None:
    """The router `Action` carried by a card submit, with the card's input values merged in."""
    data: Any = activity.value
    if activity.type == "invoke" and isinstance(data, dict):
        data = (data.get("action") or {}).get("data")
    if not isinstance(data, dict) or not isinstance(data.get(ACTION_KEY), str):
        return None
    value = dict(data.get(VALUE_KEY) or {})
    for key, item in data.items():
        if key not in (ACTION_KEY, VALUE_KEY, "msteams") and isinstance(item, str | int | float | bool):
            value[key] = item
    return Action(name=data[ACTION_KEY], value=value)


def to_request(activity: Activity) -> Request:
    """A message or card submit as a router request (`command` stays None: features claim words).

    A card's text box (`reply.text`, or Send without a picked choice) is the user typing in the
    thread: it becomes a plain message, so whatever owns the thread (e.g. a running interview)
    reads it as such."""
    action = card_action(activity)
    conversation = to_conversation(activity)
    typed = action is not None and (
        action.name == TEXT_REPLY_ACTION or (action.name.endswith(".answer") and not action.value.get("choice"))
    )
    key = dedupe_key(activity)  # also the work's inbox key: a redo saves nothing twice
    if action is not None and typed:
        return Request(text=str(action.value.get(TEXT_INPUT_ID, "")).strip(), conversation=conversation, work_key=key)
    text = "" if action is not None else message_text(activity)
    return Request(text=text, conversation=conversation, action=action, work_key=key)


def dedupe_key(activity: Activity) -> str:
    """Teams redelivers an activity with the same id when the bot was slow: one key per delivery."""
    conv_id = activity.conversation.id if activity.conversation else ""
    return f"teams:{conv_id}:{activity.id or ''}"


def feedback_request(activity: Activity) -> Request:
    """The router request of a thumbs button; the answer it rates is the activity it replies to."""
    request = to_request(activity)
    assert request.action is not None
    value = {**request.action.value, "message_id": activity.reply_to_id or ""}
    return request.model_copy(update={"action": request.action.model_copy(update={"value": value})})


def in_channel(activity: Activity) -> bool:
    """Whether the activity belongs to a team channel (a reply chain), where no typing is sent."""
    conv = activity.conversation
    return bool(conv and (conv.conversation_type == "channel" or ";messageid=" in (conv.id or "")))


def from_a_bot(activity: Activity) -> bool:
    """Whether a bot (we ourselves, or another) sent the activity: bots are not answered."""
    sender = activity.from_property
    if sender is None:
        return False
    if activity.recipient is not None and sender.id == activity.recipient.id:
        return True
    return (sender.role or "").lower() in ("bot", "agent", "skill")
