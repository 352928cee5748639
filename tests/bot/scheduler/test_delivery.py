from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.scheduler.delivery import Deliveries, DeliveryUnavailable, LogDelivery
from handlers.digest.models import ChannelRef, DigestReply, Period, Rule, Subscription

NOW = datetime(2026, 3, 30, 7, 0, tzinfo=UTC)
SUB = Subscription(id="s1", ref=ChannelRef(channel="terminal"), rule=Rule(), active_since=NOW, created_at=NOW)
REPLY = DigestReply(channel="terminal", period=Period(start=NOW, end=NOW), title="t", text="hello")


def test_log_delivery_appends_and_finds_by_key(tmp_path: Path) -> None:
    delivery = LogDelivery(tmp_path / "digests.jsonl")
    assert delivery.find(SUB, idempotency_key="k1", since=NOW) is None
    ref = delivery.post(SUB, REPLY, idempotency_key="k1")
    assert delivery.find(SUB, idempotency_key="k1", since=NOW) == ref
    assert delivery.find(SUB, idempotency_key="k2", since=NOW) is None
    with (tmp_path / "digests.jsonl").open("a") as fh:
        fh.write('{"idempotency_key": "torn')  # a crash mid-write leaves a torn last line
    assert delivery.find(SUB, idempotency_key="k1", since=NOW) == ref


def test_missing_platform_is_a_clear_error() -> None:
    deliveries = Deliveries()
    with pytest.raises(DeliveryUnavailable, match="teams"):
        deliveries.get("teams")
