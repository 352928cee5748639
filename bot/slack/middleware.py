"""Signature verification that keeps rejected requests out of the logs.

`QuietRequestVerification` is Bolt's own check (HMAC v0 of the body with the signing secret;
timestamps older than five minutes are rejected with 401) minus Bolt's log line that prints the
rejected request's body and signature: we log only that a request was rejected.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.middleware.request_verification import RequestVerification

log = logging.getLogger(__name__)


class QuietRequestVerification(RequestVerification):
    """Bolt's request verification that never logs the rejected body or signature."""

    def _debug_log_error(self, signature: Any, timestamp: Any, body: Any) -> None:
        log.warning("rejected a request with an invalid or stale Slack signature (401)")
