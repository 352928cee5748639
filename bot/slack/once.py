"""Exactly-once handling of Slack deliveries, shared by replicas through the database.

Slack retries an event it thinks was not acknowledged (same `event_id`, `X-Slack-Retry-Num`) and
delivers a channel mention twice (`app_mention` and `message`, same channel and ts). Every event
gets its 200 at once (a 404 would make Slack retry again), and each piece of work has one key:

- a user message (mention, DM, thread reply, assistant message) is keyed `message_key(channel, ts)`,
  which collapses the mention's twin deliveries and any retry of either; it is recorded in the
  inbox while the request is acknowledged (`bot.slack.inbox`), so it is never lost either;
- other events (Home tab opened, assistant thread started) claim their `event_id` in the event
  receipts after the acknowledgement (`first_delivery`);
- slash commands that do work are recorded in the inbox under `command_key` (their `trigger_id`)
  while acknowledged, like messages, and so are button clicks and message shortcuts (`bot.slack.work`:
  keyed by their `trigger_id`, unique per user action, or by the clicked block where only the first
  click counts): a replayed request - the same signed body again inside the five-minute window -
  does nothing.

A message the bot ignores (channel chatter) costs no write at all.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)


def event_key(body: dict[str, Any]) -> str | None:
    """The dedupe key of an Events API delivery (None for commands, actions...)."""
    if body.get("type") != "event_callback":
        return None
    event_id = body.get("event_id")
    return f"slack:event:{event_id}" if event_id else None


def message_key(channel: str, ts: str) -> str:
    """One user message, whichever event (`app_mention` or `message`) delivers it."""
    return f"slack:msg:{channel}:{ts}"


def trigger_key(body: dict[str, Any]) -> str | None:
    """The inbox key of an interaction or shortcut: its trigger_id (None when it carries none)."""
    trigger = body.get("trigger_id")
    return f"slack:trigger:{trigger}" if trigger else None


ACCEPTED = "ftadvisor_inbox_accepted"  # Bolt context key: the inbox key this delivery recorded


def command_key(body: dict[str, Any]) -> str | None:
    """The inbox key of a slash command (one per user action: its trigger_id)."""
    trigger = body.get("trigger_id")
    return f"slack:cmd:{trigger}" if trigger else None


def first_delivery(claim: Callable[[str], bool], body: dict[str, Any]) -> bool:
    """Whether this delivery of an event is the first one (claiming it if so)."""
    key = event_key(body)
    if key is None or claim(key):
        return True
    log.info("duplicate delivery of %s skipped", key)
    return False
