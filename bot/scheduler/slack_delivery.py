"""Posting digests to Slack (the clock process has no Bolt app: a plain `WebClient`).

The message is built by the Slack app's Block Kit builders (`bot.slack.blocks.render`), sanitized by
the Slack poster's `safe_payload` (no broadcasts, only allowlisted links), posted with unfurling
off, and tagged with Slack message metadata (`event_type` "ftadvisor_digest", the ledger's
idempotency key in `event_payload`). `find` looks for that tag in the channel's history
(`conversations.history` with `include_all_metadata`) when a previous poster crashed mid-post.

Only 429s are retried in-process (Slack did not act on the call). Any other failure goes back to
the runner, which leaves the period in `posting`: the next attempt checks `find` before posting.
Scopes: `chat:write`, and `channels:history` / `groups:history` / `im:history` for `find`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from bot.settings import Settings
from bot.slack.delivery import NO_UNFURL, SlackPoster
from bot.slack.render import render
from handlers.digest.models import DigestReply, Subscription
from handlers.errors import ConfigError

METADATA_EVENT = "ftadvisor_digest"
FIND_SLACK = timedelta(minutes=2)  # clock skew between us and Slack


def make_web_client(settings: Settings) -> WebClient:
    """A WebClient for the bot token, pointed at `SLACK_API_URL`, retrying 429s (Retry-After)."""
    if settings.slack_bot_token is None:
        raise ConfigError("Slack digests need SLACK_BOT_TOKEN to be set.")
    return WebClient(
        token=settings.slack_bot_token.get_secret_value(),
        base_url=settings.slack_api_url,
        timeout=30,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=3)],
    )


class SlackDelivery:
    """Implements `bot.scheduler.delivery.DigestDelivery` for Slack channels."""

    def __init__(self, client: WebClient, allowed_hosts: Sequence[str]) -> None:
        self.client = client
        self.poster = SlackPoster(client, allowed_hosts)

    @classmethod
    def from_settings(cls, settings: Settings) -> SlackDelivery:
        return cls(make_web_client(settings), settings.link_allowlist)

    def post(self, subscription: Subscription, reply: DigestReply, *, idempotency_key: str) -> str:
        channel = subscription.ref.channel
        messages = render(reply)  # the Slack app's Block Kit builder for digests
        first_ts = ""
        for message in messages:
            kwargs: dict[str, Any] = {"channel": channel, **self.poster.message_payload(message), **NO_UNFURL}
            if not first_ts:
                kwargs["metadata"] = {
                    "event_type": METADATA_EVENT,
                    "event_payload": {"idempotency_key": idempotency_key},
                }
            else:
                kwargs["thread_ts"] = first_ts  # a digest too long for one message continues in its thread
            resp = self.client.chat_postMessage(**kwargs)
            first_ts = first_ts or str(resp.get("ts", ""))
        return f"{channel}:{first_ts}"

    def find(self, subscription: Subscription, *, idempotency_key: str, since: datetime) -> str | None:
        channel = subscription.ref.channel
        oldest = f"{(since - FIND_SLACK).timestamp():.6f}"
        cursor: str | None = None
        for _ in range(5):  # at most 500 messages back: a digest is found near `since`
            resp = self.client.conversations_history(
                channel=channel, oldest=oldest, include_all_metadata=True, limit=100, cursor=cursor
            )
            messages: list[dict[str, Any]] = resp.get("messages") or []
            for msg in messages:
                meta = msg.get("metadata") or {}
                payload = meta.get("event_payload") or {}
                if (
                    meta.get("event_type") == METADATA_EVENT
                    and payload.get("idempotency_key") == idempotency_key
                ):
                    return f"{channel}:{msg.get('ts', '')}"
            cursor = (resp.get("response_metadata") or {}).get("next_cursor") or None
            if not cursor:
                break
        return None
