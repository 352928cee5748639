"""How a digest reaches a channel: the `DigestDelivery` port, one implementation per platform.

Slack: `bot.scheduler.slack_delivery.SlackDelivery`. Teams: added by the Teams adapter through
the same Protocol. Terminal: `LogDelivery` below (a JSON-lines file plus the log).

`post` must tag the message with `idempotency_key` where the platform allows (Slack message
metadata, ...), and `find` must look for a message with that tag: the runner calls it before
re-posting a period whose previous poster crashed mid-post. A delivery that cannot look messages
up returns None from `find` (the period is then posted again: at-least-once, never lost).
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Protocol

from handlers.digest.models import DigestReply, Subscription
from handlers.sanitize import sanitize, sanitize_value

log = logging.getLogger(__name__)


class DeliveryUnavailable(Exception):
    """No delivery is configured for the subscription's platform (e.g. no Slack token)."""


class DigestDelivery(Protocol):
    def post(self, subscription: Subscription, reply: DigestReply, *, idempotency_key: str) -> str:
        """Send the digest to the subscription's channel; returns a message reference."""
        ...

    def find(self, subscription: Subscription, *, idempotency_key: str, since: datetime) -> str | None:
        """The reference of a message tagged `idempotency_key` sent since `since`, if any."""
        ...


class Deliveries:
    """The deliveries by platform ("terminal", "slack", "teams")."""

    def __init__(self, deliveries: dict[str, DigestDelivery] | None = None) -> None:
        self._by_platform: dict[str, DigestDelivery] = dict(deliveries or {})

    def register(self, platform: str, delivery: DigestDelivery) -> None:
        self._by_platform[platform] = delivery

    def get(self, platform: str) -> DigestDelivery:
        try:
            return self._by_platform[platform]
        except KeyError:
            raise DeliveryUnavailable(f"no digest delivery configured for platform {platform!r}") from None

    def platforms(self) -> list[str]:
        return sorted(self._by_platform)


class LogDelivery:
    """Terminal digests: appended to a JSON-lines file (one object per post, with its
    idempotency key, fsynced) and logged. `find` scans the file, so terminal posts are exactly-once
    across crashes too. What is written passes the output sanitizer like every other output."""

    def __init__(self, path: Path, allowed_hosts: Sequence[str] = ()) -> None:
        self.path = path
        self.allowed_hosts = tuple(allowed_hosts)
        self._lock = threading.Lock()

    def post(self, subscription: Subscription, reply: DigestReply, *, idempotency_key: str) -> str:
        record = {
            "idempotency_key": idempotency_key,
            "channel": subscription.ref.key,
            **sanitize_value(reply.contract(), self.allowed_hosts),
        }
        line = json.dumps(record, ensure_ascii=False) + "\n"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock, self.path.open("a", encoding="utf-8") as fh:
            fh.write(line)
            fh.flush()
            os.fsync(fh.fileno())
        log.info("digest for %s:\n%s", subscription.ref.key, sanitize(reply.text, self.allowed_hosts))
        return f"log:{idempotency_key}"

    def find(self, subscription: Subscription, *, idempotency_key: str, since: datetime) -> str | None:
        if not self.path.exists():
            return None
        with self._lock, self.path.open(encoding="utf-8") as fh:
            for line in fh:
                try:
                    if json.loads(line).get("idempotency_key") == idempotency_key:
                        return f"log:{idempotency_key}"
                except json.JSONDecodeError:  # a torn last line from a crash mid-write
                    continue
        return None
