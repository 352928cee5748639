"""Who and where: a channel's privacy and a user's display name, cached per process.

Privacy decides whether a note added there is private, so an unknown channel counts as private
(the safe side), and a channel is public only when `conversations.info` says so: hints (an
event's `channel_type`) can only make it more private, and a slash command's `channel_name` -
a name anyone may give a channel, e.g. "channel" - is never used. Only `conversations.info` /
`users.info` are called, once per channel or user per TTL; thread history is never read back
from Slack (that API is rate-limited to 1 request/minute for many apps since 2025): it lives in
our database.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.models import ChannelType

log = logging.getLogger(__name__)

# `channel_type` of message events that settle a channel's privacy without an API call (never
# "public": only conversations.info says that)
_HINTS: dict[str, ChannelType] = {
    "im": "dm",
    "mpim": "group",
    "group": "private",
}


def channel_type_from_info(info: dict[str, Any]) -> ChannelType:
    """A `conversations.info` channel object -> our ChannelType."""
    if info.get("is_im"):
        return "dm"
    if info.get("is_mpim"):
        return "group"
    if info.get("is_private") or info.get("is_group"):
        return "private"
    return "public"


class SlackDirectory:
    def __init__(self, *, ttl_s: float = 3600.0, max_entries: int = 10_000) -> None:
        self.ttl_s = ttl_s
        self.max_entries = max_entries
        self._channels: dict[str, tuple[float, ChannelType]] = {}
        self._users: dict[str, tuple[float, str]] = {}
        self._lock = threading.Lock()

    def channel_type(self, client: WebClient, channel: str, hint: str | None = None) -> ChannelType:
        """Public, private, DM or group DM. `hint`: an event's `channel_type` (saves an API call
        for DMs, group DMs and private channels)."""
        if channel.startswith("D"):
            return "dm"
        if hint in _HINTS:
            return _HINTS[hint]
        cached = self._get(self._channels, channel)
        if cached is not None:
            return cached
        try:
            resp = client.conversations_info(channel=channel)
            kind = channel_type_from_info(dict(resp.get("channel") or {}))
        except Exception as exc:  # API error, or Slack unreachable after the retries
            log.warning("conversations.info failed for %s (%s); treating it as private", channel, _why(exc))
            return "private"
        self._put(self._channels, channel, kind)
        return kind

    def user_name(self, client: WebClient, user: str) -> str:
        """The user's display name (falls back to the id)."""
        if not user:
            return ""
        cached = self._get(self._users, user)
        if cached is not None:
            return cached
        try:
            resp = client.users_info(user=user)
            u = dict(resp.get("user") or {})
            profile = dict(u.get("profile") or {})
            name = str(
                profile.get("display_name") or profile.get("real_name") or u.get("real_name") or u.get("name") or user
            )
        except Exception as exc:
            log.info("users.info failed for %s (%s)", user, _why(exc))
            return user
        self._put(self._users, user, name)
        return name

    def _get(self, cache: dict[str, tuple[float, Any]], key: str) -> Any:
        with self._lock:
            hit = cache.get(key)
            if hit is None or time.monotonic() - hit[0] > self.ttl_s:
                return None
            return hit[1]

    def _put(self, cache: dict[str, tuple[float, Any]], key: str, value: Any) -> None:
        with self._lock:
            if len(cache) >= self.max_entries:
                cache.clear()
            cache[key] = (time.monotonic(), value)


def _why(exc: Exception) -> str:
    return str(exc.response.get("error")) if isinstance(exc, SlackApiError) else type(exc).__name__
