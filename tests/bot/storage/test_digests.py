"""The digest stores on SQLite and on a real PostgreSQL (`postgres_url` in tests/conftest.py; its
tables are reset)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.storage.db import Database
from bot.storage.digests import Claim, SqlDigestPosts, SqlSubscriptionStore, idempotency_key
from handlers.digest.models import ChannelRef, Period, Rule
from tests.support.database import sqlite_or_postgres

NOW = datetime(2026, 3, 30, 7, 0, tzinfo=UTC)
SLOT = Period(start=NOW - timedelta(days=7), end=NOW)
LEASE = timedelta(minutes=5)
REF = ChannelRef(platform="slack", workspace="T1", channel="C1")

Connect = Callable[[], Database]


@pytest.fixture(params=["sqlite", "postgres"])
def connect(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Connect]:
    """Opens a new engine on the same database each call (another process, or a restart)."""
    url = sqlite_or_postgres(request, tmp_path / "x.db")
    opened: list[Database] = []

    def open_db() -> Database:
        d = Database(url)
        d.create_schema()
        opened.append(d)
        return d

    yield open_db
    for d in opened:
        d.dispose()


def claim(posts: SqlDigestPosts, owner: str, now: datetime = NOW) -> Claim | None:
    return posts.claim(REF.key, SLOT, subscription_id="s1", owner=owner, now=now, lease=LEASE)


def test_subscriptions_upsert_one_per_channel_and_survive_restart(connect: Connect) -> None:
    store = SqlSubscriptionStore(connect())
    first = store.subscribe(REF, Rule(), created_by="ana", channel_type="public", now=NOW)
    berlin = Rule(cadence="weekly", day="fri", time="17:30", tz="Europe/Berlin")
    second = store.subscribe(
        REF, berlin, created_by="bo", channel_type="public", now=NOW + timedelta(hours=1)
    )
    assert second.id == first.id and second.rule == berlin and second.created_by == "bo"
    assert second.active_since == NOW + timedelta(hours=1) and second.created_at == NOW
    store.db.dispose()

    again = SqlSubscriptionStore(connect())
    assert again.get(REF) == second and again.get_by_id(first.id) == second
    assert again.unsubscribe(REF, now=NOW) and not again.unsubscribe(REF, now=NOW)
    assert again.list() == [] and len(again.list(active_only=False)) == 1
    resubscribed = again.subscribe(REF, Rule(), created_by="ana", channel_type="public", now=NOW)
    assert resubscribed.active and again.list() == [resubscribed]


def test_one_claim_per_period_until_the_lease_expires(connect: Connect) -> None:
    posts = SqlDigestPosts(connect())
    first = claim(posts, "a")
    assert first is not None and first.previous_status is None and first.attempts == 1
    assert first.idempotency_key == idempotency_key(REF.key, SLOT.start)
    assert claim(posts, "b") is None
    assert claim(posts, "b", NOW + LEASE) is None  # not yet expired (strictly after lease_until)
    taken = claim(posts, "b", NOW + LEASE + timedelta(seconds=1))
    assert taken is not None and taken.previous_status == "leased" and taken.attempts == 2
    assert taken.idempotency_key == first.idempotency_key
    # the old owner lost the lease: it may no longer start posting
    assert not posts.mark_posting(first, now=NOW + LEASE + timedelta(seconds=2))
    assert posts.mark_posting(taken, now=NOW + LEASE + timedelta(seconds=2))


def test_posted_periods_are_done_and_close_the_window(connect: Connect) -> None:
    posts = SqlDigestPosts(connect())
    c = claim(posts, "a")
    assert c is not None and posts.mark_posting(c, now=NOW)
    assert posts.last_delivered_end(REF.key) is None
    assert posts.mark_posted(c, message_ref="C1:1.0", now=NOW)
    assert posts.is_done(REF.key, SLOT.start)
    assert posts.last_delivered_end(REF.key) == SLOT.end
    assert claim(posts, "b", NOW + timedelta(days=1)) is None
    record = posts.get(REF.key, SLOT.start)
    assert record is not None and record.status == "posted" and record.message_ref == "C1:1.0"


def test_a_crash_while_posting_is_handed_over_as_posting(connect: Connect) -> None:
    posts = SqlDigestPosts(connect())
    c = claim(posts, "a")
    assert c is not None and posts.mark_posting(c, now=NOW)
    later = NOW + LEASE + timedelta(minutes=1)
    taken = claim(posts, "b", later)
    assert taken is not None and taken.previous_status == "posting" and taken.posting_started_at == NOW


def test_failures_release_the_lease_then_give_up(connect: Connect) -> None:
    posts = SqlDigestPosts(connect())
    now = NOW
    statuses = []
    for _ in range(3):
        c = claim(posts, "a", now)
        assert c is not None
        statuses.append(posts.release(c, now=now, error="boom", max_attempts=3))
        now += timedelta(seconds=1)  # released leases are free at once, no need to wait for expiry
    assert statuses == ["leased", "leased", "failed"]
    assert claim(posts, "a", now + timedelta(days=1)) is None
    assert posts.last_delivered_end(REF.key) is None  # a failed period does not close the window


def test_quiet_skip_is_done(connect: Connect) -> None:
    posts = SqlDigestPosts(connect())
    c = claim(posts, "a")
    assert c is not None and posts.mark_skipped(c, now=NOW)
    assert posts.is_done(REF.key, SLOT.start) and posts.last_delivered_end(REF.key) == SLOT.end


def test_concurrent_claims_from_separate_connections_have_one_winner(connect: Connect) -> None:
    """Threads with their own engines on one database, racing for the same period - twice:
    the first claim (insert-or-ignore) and a takeover of an expired lease (compare-and-swap)."""
    connect()  # the schema exists before the race
    runners = 6
    for now in (NOW, NOW + LEASE + timedelta(seconds=1)):
        barrier = threading.Barrier(runners)
        won: list[str] = []

        def race(
            i: int, now: datetime = now, barrier: threading.Barrier = barrier, won: list[str] = won
        ) -> None:
            posts = SqlDigestPosts(connect())
            barrier.wait()
            if claim(posts, f"r{i}", now) is not None:
                won.append(f"r{i}")
            posts.db.dispose()

        threads = [threading.Thread(target=race, args=(i,)) for i in range(runners)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(won) == 1, won
