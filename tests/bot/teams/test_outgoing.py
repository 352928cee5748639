"""Retries of calls to the Bot Connector, and outgoing activities."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import aiohttp
import pytest
from microsoft_agents.activity import ChannelAccount
from multidict import CIMultiDict, CIMultiDictProxy

from bot.teams.cards import CardMessage
from bot.teams.outgoing import RetryPolicy, retry_after_s, retry_delay, to_activity, with_retry


def http_error(status: int, headers: dict[str, str] | None = None) -> aiohttp.ClientResponseError:
    return aiohttp.ClientResponseError(
        request_info=None,  # type: ignore[arg-type]
        history=(),
        status=status,
        headers=CIMultiDictProxy(CIMultiDict(headers or {})),
    )


def test_retry_after_seconds_and_http_date() -> None:
    assert retry_after_s({"Retry-After": "7"}) == 7.0
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 25 <= (retry_after_s({"Retry-After": later}) or 0) <= 31
    assert retry_after_s({}) is None and retry_after_s({"Retry-After": "soon"}) is None


def test_what_is_retried() -> None:
    policy = RetryPolicy(base_delay_s=1, max_delay_s=10)
    assert retry_delay(http_error(429, {"Retry-After": "3"}), 0, policy) == 3
    assert retry_delay(http_error(429, {"Retry-After": "300"}), 0, policy) == 10  # capped
    assert 0.5 <= (retry_delay(http_error(503), 0, policy) or 0) <= 1
    assert 2 <= (retry_delay(http_error(500), 2, policy) or 0) <= 4
    assert retry_delay(aiohttp.ClientConnectionError(), 0, policy) is not None
    for status in (400, 401, 403, 404):
        assert retry_delay(http_error(status), 0, policy) is None
    assert retry_delay(ValueError("bug"), 0, policy) is None


def test_with_retry_retries_then_succeeds_and_gives_up_after_attempts() -> None:
    slept: list[float] = []

    async def sleep(s: float) -> None:
        slept.append(s)

    calls: list[int] = []
    failures: list[Exception] = [http_error(429, {"Retry-After": "2"}), http_error(502)]

    async def flaky() -> str:
        calls.append(1)
        if failures:
            raise failures.pop(0)
        return "ok"

    policy = RetryPolicy(attempts=3, base_delay_s=0.1, sleep=sleep)
    assert asyncio.run(with_retry(flaky, policy)) == "ok"
    assert len(calls) == 3 and slept[0] == 2

    async def always() -> Any:
        raise http_error(503)

    with pytest.raises(aiohttp.ClientResponseError):
        asyncio.run(with_retry(always, policy))

    async def bad_request() -> Any:
        calls.append(1)
        raise http_error(400)

    calls.clear()
    with pytest.raises(aiohttp.ClientResponseError):
        asyncio.run(with_retry(bad_request, policy))
    assert len(calls) == 1


def test_to_activity_carries_the_card_and_targets_private_replies() -> None:
    card = {"type": "AdaptiveCard", "version": "1.5", "body": []}
    activity = to_activity(CardMessage(card, summary="hello"))
    assert activity.type == "message" and activity.summary == "hello"
    assert activity.attachments[0].content_type == "application/vnd.microsoft.card.adaptive"
    assert not activity.is_targeted_activity()
    user = ChannelAccount(id="29:u")
    targeted = to_activity(CardMessage(card, summary="s", targeted=True), user=user)
    assert targeted.is_targeted_activity() and targeted.recipient is not None
    assert targeted.recipient.id == "29:u"
    assert not to_activity(
        CardMessage(card, summary="s", targeted=True), user=user, personal=True
    ).is_targeted_activity()
