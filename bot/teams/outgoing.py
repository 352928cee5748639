"""Outgoing messages: `CardMessage` -> Bot Framework activity, sent with retries.

The Bot Connector answers 429 when a bot posts too fast (honour `Retry-After`) and 5xx when it
is having a bad moment; both, and dropped connections, are retried with exponential backoff and
jitter. Anything else (400, 403, 404) is not retried: it would fail the same way again.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import TypeVar

import aiohttp
from microsoft_agents.activity import Activity, ActivityTypes, Attachment, ChannelAccount, ResourceResponse
from microsoft_agents.hosting.core import TurnContext

from bot.teams.cards import CardMessage

log = logging.getLogger(__name__)

T = TypeVar("T")
Sleep = Callable[[float], Awaitable[None]]


@dataclass
class RetryPolicy:
    """How often and how long to retry a failed call to the Bot Connector."""

    attempts: int = 5
    base_delay_s: float = 0.5
    max_delay_s: float = 30.0
    sleep: Sleep = field(default=asyncio.sleep)

    def backoff(self, attempt: int) -> float:
        delay: float = min(self.max_delay_s, self.base_delay_s * (2**attempt))
        return delay * (0.5 + random.random() / 2)


def retry_after_s(headers: object) -> float | None:
    """Seconds from a `Retry-After` header (delta-seconds or an HTTP date), if present."""
    getter = getattr(headers, "get", None)
    raw = getter("Retry-After") if callable(getter) else None
    if not raw:
        return None
    try:
        return max(0.0, float(raw))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(str(raw))
    except (TypeError, ValueError):
        return None
    from datetime import UTC, datetime

    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def retry_delay(exc: BaseException, attempt: int, policy: RetryPolicy) -> float | None:
    """The delay before the next try, or None when `exc` should not be retried."""
    if isinstance(exc, aiohttp.ClientResponseError):
        if exc.status == 429:
            hinted = retry_after_s(exc.headers)
            return min(policy.max_delay_s, hinted) if hinted is not None else policy.backoff(attempt)
        if exc.status >= 500:
            return policy.backoff(attempt)
        return None
    if isinstance(exc, aiohttp.ClientConnectionError | asyncio.TimeoutError):
        return policy.backoff(attempt)
    return None


async def with_retry(call: Callable[[], Awaitable[T]], policy: RetryPolicy, *, what: str = "send") -> T:
    for attempt in range(policy.attempts):
        try:
            return await call()
        except Exception as exc:
            delay = retry_delay(exc, attempt, policy)
            if delay is None or attempt == policy.attempts - 1:
                raise
            status = getattr(exc, "status", type(exc).__name__)
            log.warning("teams %s failed (%s); retry %d in %.2fs", what, status, attempt + 1, delay)
            await policy.sleep(delay)
    raise RuntimeError("unreachable")  # pragma: no cover


def to_attachment(message: CardMessage) -> Attachment:
    return Attachment(content_type=message.attachment["contentType"], content=message.card)


def to_activity(
    message: CardMessage, *, user: ChannelAccount | None = None, personal: bool = False
) -> Activity:
    """A message activity carrying the card; targeted to `user` when only they should see it
    (a personal chat has only them: no targeting needed)."""
    activity = Activity(type=ActivityTypes.message, attachments=[to_attachment(message)])
    if message.summary:
        activity.summary = message.summary
    if message.targeted and user is not None and not personal:
        activity.make_targeted_activity(user)
    return activity


def typing_activity() -> Activity:
    return Activity(type=ActivityTypes.typing)


class TeamsSender:
    """Sends card messages on a turn context, each with retries."""

    def __init__(self, policy: RetryPolicy | None = None) -> None:
        self.policy = policy or RetryPolicy()

    async def send_messages(self, context: TurnContext, messages: list[CardMessage]) -> list[str]:
        """Post `messages` in order; returns the ids Teams gave them."""
        conv = context.activity.conversation
        personal = bool(conv and conv.conversation_type == "personal")
        user = context.activity.from_property
        ids: list[str] = []
        for message in messages:
            activity = to_activity(message, user=user, personal=personal)
            response = await self.send_activity(context, activity)
            ids.append(response.id if response and response.id else "")
        return ids

    async def send_activity(self, context: TurnContext, activity: Activity) -> ResourceResponse:
        async def call() -> ResourceResponse:
            return await context.send_activity(activity.model_copy(deep=True))

        return await with_retry(call, self.policy, what=str(activity.type))

    async def send_typing(self, context: TurnContext) -> None:
        """Best effort: a lost typing indicator is not worth an error."""
        try:
            await context.send_activity(typing_activity())
        except Exception as exc:
            log.debug("typing indicator not sent: %r", exc)
