"""Event receipts (exactly-once across replicas) and feedback votes, on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta

from bot.storage.db import utcnow
from bot.storage.feedback import FeedbackCounts, SqlFeedbackStore, Vote
from bot.storage.receipts import SqlEventReceipts
from tests.support.database import migrated


def test_a_new_key_is_claimed_and_a_repeat_is_refused(db_url: str) -> None:
    # the PostgreSQL regression: psycopg reported rowcount -1 for the upsert, so every claim failed
    receipts = SqlEventReceipts(migrated(db_url))
    assert receipts.claim("k1") is True
    assert receipts.claim("k1") is False
    assert receipts.claim("k2") is True


def test_a_key_is_claimed_once_even_by_concurrent_replicas(db_url: str) -> None:
    # two "replicas": separate engines (processes) on the same database file
    replicas = [SqlEventReceipts(migrated(db_url)), SqlEventReceipts(migrated(db_url))]
    assert replicas[0].claim("slack:event:Ev1")
    assert not replicas[1].claim("slack:event:Ev1")
    results: list[bool] = []
    barrier = threading.Barrier(8)

    def claim(i: int) -> None:
        barrier.wait()
        results.append(replicas[i % 2].claim("slack:event:Ev2"))

    threads = [threading.Thread(target=claim, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [False] * 7 + [True]


def test_expired_receipts_free_their_key_and_are_purged(db_url: str) -> None:
    receipts = SqlEventReceipts(migrated(db_url), ttl_s=0)
    assert receipts.claim("k")
    time.sleep(0.01)
    assert receipts.claim("k")  # expired: a fresh delivery, not a retry
    time.sleep(0.01)
    assert receipts.purge_expired() == 1
    long_lived = SqlEventReceipts(receipts.db, ttl_s=3600)
    assert long_lived.claim("k2") and not long_lived.claim("k2")
    assert long_lived.purge_expired() == 0


def test_feedback_votes_replace_and_count_by_channel_and_period(db_url: str) -> None:
    store = SqlFeedbackStore(migrated(db_url))
    before = utcnow() - timedelta(seconds=1)

    def vote(channel: str, message: str, user: str, v: Vote, question: str = "") -> None:
        store.record(
            platform="slack",
            channel=channel,
            thread_key="t",
            message_id=message,
            user=user,
            vote=v,
            question=question,
        )

    vote("C1", "1.1", "U1", 1, "q1")
    vote("C1", "1.1", "U1", -1, "q1")  # changed their mind: replaces the first vote
    vote("C1", "1.1", "U2", 1)
    vote("C2", "2.2", "U1", 1)
    after = utcnow() + timedelta(seconds=1)
    assert store.counts(channel="C1") == FeedbackCounts(up=1, down=1)
    assert store.counts() == FeedbackCounts(up=2, down=1)
    assert store.counts(channel="C1", since=after) == FeedbackCounts()
    assert store.counts(channel="C1", since=before, until=after) == FeedbackCounts(up=1, down=1)
    recent = store.recent(channel="C1")
    assert [(r.user, r.vote) for r in recent] == [("U2", 1), ("U1", -1)]
    assert recent[1].question == "q1"


def test_a_redone_older_click_never_overwrites_a_newer_vote(db_url: str) -> None:
    """Thumbs down accepted at t0 (its replica died before finishing), thumbs up at t1 > t0 done,
    then the t0 click redone by another replica: the user's last vote (up) stands."""
    store = SqlFeedbackStore(migrated(db_url))
    t0 = utcnow() - timedelta(seconds=30)
    t1 = t0 + timedelta(seconds=5)

    def vote(v: Vote, at: datetime) -> None:
        store.record(platform="slack", channel="C9", thread_key="t", message_id="9.9", user="U1", vote=v, at=at)

    vote(-1, t0)
    vote(1, t1)
    vote(-1, t0)  # the redo
    assert store.counts(channel="C9") == FeedbackCounts(up=1, down=0)
    vote(-1, t1 + timedelta(seconds=1))  # a genuinely later change of mind still replaces it
    assert store.counts(channel="C9") == FeedbackCounts(up=0, down=1)
    assert [r.at for r in store.recent(channel="C9")] == [t1 + timedelta(seconds=1)]
