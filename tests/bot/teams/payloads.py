"""Real Bot Framework activity payloads, shaped like the ones Microsoft Teams sends (ids, mention
entities, `channelData`, `conversation.conversationType`), pointed at a local `serviceUrl`."""

from __future__ import annotations

import itertools
from typing import Any

TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"
BOT_ID = "28:7e3b0c1e-5f6a-4b7c-9d8e-0f1a2b3c4d5e"
BOT_NAME = "ft-advisor"
TEAM_ID = "19:Xk3P4eN2Qb7mV1cZ9rT5wY8uA6sD0fG2@thread.tacv2"
CHANNEL_ID = "19:bd3a1f6c2e8d4f0a9b7c5e3d1f2a4b6c@thread.tacv2"
PRIVATE_CHANNEL_ID = "19:0a1b2c3d4e5f60718293a4b5c6d7e8f9@thread.tacv2"
GROUP_CHAT_ID = "19:meeting_placeholder_a1b2c3d4e5f6@thread.v2"
PERSONAL_CHAT_ID = "a:1pQ7c9uDqM-3nRz8sV2xYb5kT0wLhGfJe4iA6oN1mBcX"

ADA = {
    "id": "29:1Ada-Lovelace-AAD-user-id",
    "name": "Ada Lovelace",
    "aadObjectId": "6b7f1d2e-0a1b-4c3d-8e9f-a0b1c2d3e4f5",
}
GRACE = {
    "id": "29:1Grace-Hopper-AAD-user-id",
    "name": "Grace Hopper",
    "aadObjectId": "9c8d7e6f-5a4b-4c3d-9e2f-1a0b9c8d7e6f",
}

_ids = itertools.count(1_700_000_000_000)


def next_id() -> str:
    return str(next(_ids))


def _base(
    service_url: str, conversation: dict[str, Any], sender: dict[str, Any], **extra: Any
) -> dict[str, Any]:
    return {
        "id": next_id(),
        "timestamp": "2026-11-23T10:00:00.000Z",
        "localTimestamp": "2026-11-23T11:00:00.000+01:00",
        "serviceUrl": service_url,
        "channelId": "msteams",
        "from": sender,
        "conversation": conversation,
        "recipient": {"id": BOT_ID, "name": BOT_NAME},
        "locale": "en-US",
        **extra,
    }


def channel_conversation(root_id: str, channel_id: str = CHANNEL_ID) -> dict[str, Any]:
    return {
        "isGroup": True,
        "conversationType": "channel",
        "tenantId": TENANT,
        "id": f"{channel_id};messageid={root_id}",
    }


def channel_data(channel_id: str = CHANNEL_ID, channel_type: str | None = "standard") -> dict[str, Any]:
    channel: dict[str, Any] = {"id": channel_id}
    if channel_type:
        channel["type"] = channel_type
    return {
        "teamsChannelId": channel_id,
        "teamsTeamId": TEAM_ID,
        "channel": channel,
        "team": {"id": TEAM_ID},
        "tenant": {"id": TENANT},
    }


def mention_entity() -> dict[str, Any]:
    return {"type": "mention", "text": f"<at>{BOT_NAME}</at>", "mentioned": {"id": BOT_ID, "name": BOT_NAME}}


def client_info() -> dict[str, Any]:
    return {
        "type": "clientInfo",
        "locale": "en-US",
        "country": "US",
        "platform": "Web",
        "timezone": "Europe/Berlin",
    }


def channel_mention(
    service_url: str,
    text: str,
    *,
    root_id: str | None = None,
    sender: dict[str, Any] = ADA,
    channel_id: str = CHANNEL_ID,
    channel_type: str | None = "standard",
) -> dict[str, Any]:
    """`@ft-advisor <text>` posted in a channel (a new post, or a reply in the chain `root_id`)."""
    activity_id = next_id()
    activity = _base(
        service_url,
        channel_conversation(root_id or activity_id, channel_id),
        sender,
        type="message",
        textFormat="plain",
        text=f"<at>{BOT_NAME}</at> {text}",
        entities=[mention_entity(), client_info()],
        channelData=channel_data(channel_id, channel_type),
    )
    activity["id"] = activity_id
    if root_id:
        activity["replyToId"] = root_id
    return activity


def personal_message(service_url: str, text: str, *, sender: dict[str, Any] = ADA) -> dict[str, Any]:
    conversation = {"conversationType": "personal", "tenantId": TENANT, "id": PERSONAL_CHAT_ID}
    return _base(
        service_url,
        conversation,
        sender,
        type="message",
        textFormat="plain",
        text=text,
        entities=[client_info()],
        channelData={"tenant": {"id": TENANT}},
    )


def group_mention(service_url: str, text: str, *, sender: dict[str, Any] = ADA) -> dict[str, Any]:
    conversation = {"isGroup": True, "conversationType": "groupChat", "tenantId": TENANT, "id": GROUP_CHAT_ID}
    return _base(
        service_url,
        conversation,
        sender,
        type="message",
        textFormat="plain",
        text=f"<at>{BOT_NAME}</at> {text}",
        entities=[mention_entity(), client_info()],
        channelData={"tenant": {"id": TENANT}},
    )


def card_submit(
    service_url: str,
    conversation: dict[str, Any],
    data: dict[str, Any],
    *,
    reply_to: str,
    sender: dict[str, Any] = ADA,
    channel: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """What Teams sends when a user presses an Action.Submit button: a message with `value`, no text."""
    return _base(
        service_url,
        conversation,
        sender,
        type="message",
        replyToId=reply_to,
        value=data,
        channelData=channel or {"tenant": {"id": TENANT}},
        entities=[client_info()],
    )


def installation_update(
    service_url: str,
    conversation: dict[str, Any],
    *,
    action: str = "add",
    channel: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return _base(
        service_url,
        conversation,
        ADA,
        type="installationUpdate",
        action=action,
        channelData=channel or {"tenant": {"id": TENANT}, "source": {"name": "message"}},
    )


def bot_added(
    service_url: str, conversation: dict[str, Any], *, channel: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The conversationUpdate Teams sends when the app is added to a team or chat."""
    data = channel or {"tenant": {"id": TENANT}}
    data = {**data, "eventType": "teamMemberAdded"}
    return _base(
        service_url,
        conversation,
        ADA,
        type="conversationUpdate",
        membersAdded=[{"id": BOT_ID}],
        channelData=data,
    )


def team_conversation(channel_id: str = CHANNEL_ID) -> dict[str, Any]:
    return {"isGroup": True, "conversationType": "channel", "tenantId": TENANT, "id": channel_id}


def personal_conversation() -> dict[str, Any]:
    return {"conversationType": "personal", "tenantId": TENANT, "id": PERSONAL_CHAT_ID}
