"""The one way the Slack app posts: unfurling off, every text sanitized, Block Kit validated.

`safe_payload` is the last line of defence: whatever a builder produced, no `<!channel>`-style
broadcast and no link outside the allowlist leaves the process (escaped `&lt;!here&gt;` forms are
removed too, so they do not even show).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from typing import Any

from slack_sdk import WebClient

from bot.slack.blocks import SlackFile, SlackMessage
from bot.slack.replies import reply_metadata
from handlers.sanitize import sanitize

log = logging.getLogger(__name__)

_ESCAPED_SPECIAL = re.compile(r"&lt;!.*?&gt;", re.DOTALL)
_TEXT_KEYS = frozenset({"text", "alt_text", "title", "fallback", "pretext", "initial_comment", "placeholder"})
NO_UNFURL: dict[str, Any] = {"unfurl_links": False, "unfurl_media": False}


def clean_text(text: str, allowed_hosts: Sequence[str]) -> str:
    return sanitize(_ESCAPED_SPECIAL.sub("", text), allowed_hosts)


def safe_payload(value: Any, allowed_hosts: Sequence[str], *, key: str = "") -> Any:
    """`value` with every human-readable string (under text-like keys) sanitized, recursively."""
    if isinstance(value, dict):
        return {k: safe_payload(v, allowed_hosts, key=k) for k, v in value.items()}
    if isinstance(value, list):
        return [safe_payload(v, allowed_hosts, key=key) for v in value]
    if isinstance(value, str) and key in _TEXT_KEYS:
        return clean_text(value, allowed_hosts)
    return value


class SlackPoster:
    """Posts, updates and uploads for one request's `WebClient`."""

    def __init__(self, client: WebClient, allowed_hosts: Iterable[str]) -> None:
        self.client = client
        self.allowed_hosts = tuple(allowed_hosts)

    def message_payload(self, message: SlackMessage) -> dict[str, Any]:
        payload: dict[str, Any] = safe_payload(message.payload(), self.allowed_hosts)
        return payload

    def post(
        self,
        channel: str,
        message: SlackMessage,
        *,
        thread_ts: str | None = None,
        metadata: dict[str, Any] | None = None,
    ) -> str:
        """Post a message (in `thread_ts` if given; tagged with Slack message `metadata`); returns its ts."""
        kwargs: dict[str, Any] = {"channel": channel, **self.message_payload(message), **NO_UNFURL}
        if thread_ts:
            kwargs["thread_ts"] = thread_ts
        if metadata:
            kwargs["metadata"] = metadata
        resp = self.client.chat_postMessage(**kwargs)
        ts = str(resp.get("ts", ""))
        self._upload_files(channel, message.files, thread_ts=thread_ts or ts)
        return ts

    def update(
        self,
        channel: str,
        ts: str,
        message: SlackMessage,
        *,
        thread_ts: str | None = None,
        metadata: dict[str, Any] | None = None,
    ) -> str:
        """Replace the message `ts` (a placeholder) with `message`."""
        extra: dict[str, Any] = {"metadata": metadata} if metadata else {}
        self.client.chat_update(channel=channel, ts=ts, **self.message_payload(message), **extra)
        self._upload_files(channel, message.files, thread_ts=thread_ts or ts)
        return ts

    def update_blocks(self, channel: str, ts: str, *, text: str, blocks: list[dict[str, Any]]) -> None:
        """Replace a message with raw block dicts (e.g. a clicked message with its buttons retired)."""
        payload = safe_payload({"text": text, "blocks": blocks}, self.allowed_hosts)
        self.client.chat_update(channel=channel, ts=ts, **payload)

    def ephemeral(self, channel: str, user: str, message: SlackMessage, *, thread_ts: str | None = None) -> None:
        kwargs: dict[str, Any] = {"channel": channel, "user": user, **self.message_payload(message)}
        if thread_ts:
            kwargs["thread_ts"] = thread_ts
        self.client.chat_postEphemeral(**kwargs)

    def send(
        self,
        channel: str,
        messages: Sequence[SlackMessage],
        *,
        thread_ts: str | None = None,
        replace_ts: str | None = None,
        tag: str | None = None,
    ) -> list[str]:
        """Deliver `messages`: the first replaces `replace_ts` when given, the others follow in the
        thread (`thread_ts`, else the replaced message's thread). `tag`: an inbox key each message
        carries as metadata (part 0, 1...: see `bot.slack.replies`)."""
        out: list[str] = []
        follow_in = thread_ts or replace_ts
        for i, message in enumerate(messages):
            meta = reply_metadata(tag, i) if tag else None
            if i == 0 and replace_ts:
                out.append(self.update(channel, replace_ts, message, thread_ts=follow_in, metadata=meta))
            else:
                out.append(self.post(channel, message, thread_ts=follow_in, metadata=meta))
        return out

    def _upload_files(self, channel: str, files: Sequence[SlackFile], *, thread_ts: str | None) -> None:
        for f in files:
            kwargs: dict[str, Any] = {
                "channel": channel,
                "filename": f.filename,
                "title": clean_text(f.title, self.allowed_hosts),
            }
            if f.alt_text:
                kwargs["alt_txt"] = clean_text(f.alt_text, self.allowed_hosts)
            if thread_ts:
                kwargs["thread_ts"] = thread_ts
            if f.content is not None:
                kwargs["content"] = f.content
            elif f.path is not None:
                kwargs["file"] = str(f.path)
            else:
                continue
            self.client.files_upload_v2(**kwargs)


def response_payload(
    message: SlackMessage, allowed_hosts: Sequence[str], *, in_channel: bool = False
) -> dict[str, Any]:
    """Keyword arguments for Bolt's `respond()` / `ack()` (response_url replies to slash commands)."""
    payload: dict[str, Any] = safe_payload(message.payload(), allowed_hosts)
    payload["response_type"] = "in_channel" if in_channel else "ephemeral"
    payload.update(NO_UNFURL)
    return payload
