"""Posting digests to Microsoft Teams: `DigestDelivery` over the Teams proactive poster.

The clock process has no Teams endpoint; it posts with the conversation reference the Teams app
stored when it was installed in (or last heard from) the subscribed conversation
(`bot.storage.teams_refs`), through the Agents SDK's `continue_conversation` with the app's
credentials (or without a token in anonymous mode). The digest is rendered by the Teams Adaptive
Card builders and posted as a new message (a new post in a channel), with retries on 429/5xx.

`find` returns None: a bot cannot read a Teams conversation's history through the Bot Connector,
so a period whose previous poster crashed between posting and recording it is posted again
(at-least-once in that one window, as the protocol allows; never lost).

The protocol is synchronous and the SDK is asyncio: the coroutines run on one event loop in a
thread this delivery owns, so it works from APScheduler's worker threads and from code that has
a loop of its own.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Coroutine, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from bot.scheduler.delivery import Deliveries
from bot.teams.proactive import TeamsPoster
from handlers.digest.models import DigestReply, Subscription

if TYPE_CHECKING:
    from bot.container import Container
    from bot.settings import Settings

log = logging.getLogger(__name__)

T = TypeVar("T")


class TeamsDelivery:
    """Implements `bot.scheduler.delivery.DigestDelivery` for Teams conversations."""

    def __init__(self, poster: TeamsPoster, *, timeout_s: float = 180.0) -> None:
        self.poster = poster
        self.timeout_s = timeout_s
        self._loop: asyncio.AbstractEventLoop | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_container(cls, container: Container) -> TeamsDelivery:
        from bot.teams.app import build_poster

        return cls(build_poster(container))

    def post(self, subscription: Subscription, reply: DigestReply, *, idempotency_key: str) -> str:
        channel = subscription.ref.channel
        ids = self.post_replies(channel, [reply])
        log.info("teams digest posted channel=%s key=%s messages=%d", channel, idempotency_key, len(ids))
        return f"{channel}:{ids[0] if ids else ''}"

    def post_replies(self, channel: str, replies: Sequence[Any]) -> list[str]:
        """Post `replies` into the conversation `channel` (its stored reference); the posted ids."""
        return self._run(self.poster.post(channel, replies))

    def find(self, subscription: Subscription, *, idempotency_key: str, since: datetime) -> str | None:
        return None  # Teams history is not readable through the Bot Connector (see the module doc)

    def close(self) -> None:
        with self._lock:
            loop, self._loop = self._loop, None
        if loop is not None:
            loop.call_soon_threadsafe(loop.stop)

    def _run(self, coro: Coroutine[Any, Any, T]) -> T:
        future = asyncio.run_coroutine_threadsafe(coro, self._ensure_loop())
        return future.result(timeout=self.timeout_s)

    def _ensure_loop(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None:
                loop = asyncio.new_event_loop()
                thread = threading.Thread(target=loop.run_forever, name="teams-digest-loop", daemon=True)
                thread.start()
                self._loop = loop
            return self._loop


def teams_configured(settings: Settings) -> bool:
    from bot.teams.auth import missing_credentials

    return bool(settings.teams_anonymous) or not missing_credentials(settings)


def register_teams(deliveries: Deliveries, container: Container) -> None:
    """Add the Teams delivery when Teams is configured (credentials, or anonymous mode)."""
    if teams_configured(container.settings):
        deliveries.register("teams", TeamsDelivery.from_container(container))
