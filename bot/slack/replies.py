"""Idempotent replies: every message of a turn done through the inbox carries its key (Slack message
metadata, as digests do), so a replica that redoes the turn of one that died can see what was posted.

- the placeholder ("Thinking...") is tagged part -1; the answer that replaces it part 0, and any
  following messages parts 1, 2...;
- `find_reply` reads the thread back (`conversations.replies`, or `conversations.history` for a
  top-level DM) with `include_all_metadata`: part 0 found -> the turn was answered, nothing is
  posted again; only the placeholder found -> the redo replaces it instead of posting another.

Trade-off: a crash after part 0 but before later parts leaves those parts unposted (the answer
itself is there). Scopes: `channels:history`, `groups:history`, `im:history`, as for digests.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient

REPLY_EVENT = "ftadvisor_reply"
PLACEHOLDER_PART = -1
MAX_PAGES = 5


def reply_metadata(key: str, part: int) -> dict[str, Any]:
    return {"event_type": REPLY_EVENT, "event_payload": {"inbox_key": key, "part": part}}


@dataclass(frozen=True)
class PostedReply:
    answered: bool  # part 0 exists: do not answer again
    placeholder_ts: str | None  # a placeholder to replace


def find_reply(client: WebClient, *, channel: str, thread_ts: str | None, since_ts: str, key: str) -> PostedReply:
    """What was already posted under `key` in the thread `thread_ts` (None: top-level, after `since_ts`)."""
    answered, placeholder = False, None
    cursor: str | None = None
    for _ in range(MAX_PAGES):
        if thread_ts:
            resp = client.conversations_replies(
                channel=channel, ts=thread_ts, include_all_metadata=True, limit=200, cursor=cursor
            )
        else:
            resp = client.conversations_history(
                channel=channel, oldest=since_ts, include_all_metadata=True, limit=200, cursor=cursor
            )
        for msg in resp.get("messages") or []:
            meta = msg.get("metadata") or {}
            payload = meta.get("event_payload") or {}
            if meta.get("event_type") != REPLY_EVENT or payload.get("inbox_key") != key:
                continue
            if int(payload.get("part", PLACEHOLDER_PART)) >= 0:
                answered = True
            elif placeholder is None:
                placeholder = str(msg.get("ts", "")) or None
        cursor = (resp.get("response_metadata") or {}).get("next_cursor") or None
        if answered or not cursor:
            break
    return PostedReply(answered=answered, placeholder_ts=placeholder)
