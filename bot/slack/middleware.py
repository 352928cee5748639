"""Global middleware: quiet signature verification and exactly-once event handling.

- `QuietRequestVerification` is Bolt's own signature check (HMAC v0, timestamps older than five
  minutes rejected with 401) minus Bolt's log line that prints the rejected request's body and
  signature: we log only that a request was rejected.
- `dedupe_events` claims every Events API delivery by `event_id` in the database (shared by
  replicas); a retry of a claimed event is answered 200 at once (a 404 would make Slack retry
  again) and nothing runs twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt.middleware.request_verification import RequestVerification
from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse

log = logging.getLogger(__name__)


class QuietRequestVerification(RequestVerification):
    """Bolt's request verification that never logs the rejected body or signature."""

    def _debug_log_error(self, signature: Any, timestamp: Any, body: Any) -> None:
        log.warning("rejected a request with an invalid or stale Slack signature (401)")


def event_key(body: dict[str, Any]) -> str | None:
    """The dedupe key of an Events API delivery (None for commands, actions...)."""
    if body.get("type") != "event_callback":
        return None
    event_id = body.get("event_id")
    return f"slack:event:{event_id}" if event_id else None


def message_key(channel: str, ts: str) -> str:
    """One user message, whichever event (`app_mention` or `message`) delivers it."""
    return f"slack:msg:{channel}:{ts}"


def make_dedupe_middleware(claim: Callable[[str], bool]) -> Callable[..., Any]:
    """A Bolt global middleware that lets each event through once."""

    def dedupe_events(body: dict[str, Any], req: BoltRequest, next: Callable[[], Any]) -> Any:
        key = event_key(body)
        if key is None or claim(key):
            return next()
        retry = (req.headers.get("x-slack-retry-num") or ["0"])[0]
        log.info("duplicate delivery of %s (retry %s) acknowledged and skipped", key, retry)
        return BoltResponse(status=200, body="")

    return dedupe_events
