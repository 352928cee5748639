"""The inbox on SQLite and PostgreSQL: accepted once, begun by its owner, taken over by exactly one
replica when the lease expires, done once, failed after the last attempt, purged when old."""

from __future__ import annotations

import threading
from datetime import timedelta

from bot.storage.db import Database
from bot.storage.inbox import SqlInbox

KEY = "slack:msg:C1:1700000000.000100"
PAYLOAD = {"event": {"text": "hi", "ts": "1700000000.000100"}, "team": "T1"}
EXPIRED = timedelta(seconds=-1)  # a lease that is over as soon as it is written: the owner "died"


def db(url: str) -> Database:
    d = Database(url)
    d.create_schema()
    return d


def test_work_is_accepted_once_begun_by_its_owner_and_done(db_url: str) -> None:
    inbox = SqlInbox(db(db_url))
    assert inbox.accept(KEY, "slack_message", PAYLOAD, owner="a")
    assert not inbox.accept(KEY, "slack_message", PAYLOAD, owner="b")  # the twin delivery, or a retry
    assert inbox.begin(KEY, owner="b") is None  # not b's work
    item = inbox.begin(KEY, owner="a")
    assert item is not None and item.payload == PAYLOAD and item.kind == "slack_message" and not item.is_retry
    assert inbox.heartbeat(KEY, owner="a")
    assert inbox.take_over(owner="b") == []  # the lease is alive
    assert inbox.done(KEY, owner="a") and not inbox.done(KEY, owner="a")
    assert inbox.status(KEY) == "done"
    assert inbox.begin(KEY, owner="a") is None and not inbox.heartbeat(KEY, owner="a")
    assert not inbox.accept(KEY, "slack_message", PAYLOAD, owner="a")  # done work is not accepted again


def test_work_of_a_dead_replica_is_taken_over_by_one_replica(db_url: str) -> None:
    dead = SqlInbox(db(db_url), lease=EXPIRED)
    assert dead.accept(KEY, "slack_message", PAYLOAD, owner="dead")
    replicas = [SqlInbox(db(db_url)) for _ in range(4)]
    won: list[list[str]] = [[] for _ in replicas]
    start = threading.Barrier(len(replicas))

    def sweep(i: int) -> None:
        start.wait()
        won[i] = [item.key for item in replicas[i].take_over(owner=f"r{i}")]

    threads = [threading.Thread(target=sweep, args=(i,)) for i in range(len(replicas))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(k for keys in won for k in keys) == [KEY]  # exactly one winner
    winner = next(i for i, keys in enumerate(won) if keys)
    assert not dead.done(KEY, owner="dead")  # the dead owner's late "done" does not count
    assert not dead.heartbeat(KEY, owner="dead")
    assert replicas[winner].done(KEY, owner=f"r{winner}")


def test_a_taken_over_item_is_a_retry_with_its_payload(db_url: str) -> None:
    SqlInbox(db(db_url), lease=EXPIRED).accept(KEY, "slack_message", PAYLOAD, owner="dead")
    assert SqlInbox(db(db_url)).take_over(owner="b", kinds=["teams_activity"]) == []  # not work b can do
    [item] = SqlInbox(db(db_url)).take_over(owner="b", kinds=["slack_message"])
    assert item.is_retry and item.attempts == 2 and item.owner == "b" and item.payload == PAYLOAD
    assert item.created_at.tzinfo is not None


def test_failures_give_the_work_back_then_give_up(db_url: str) -> None:
    inbox = SqlInbox(db(db_url), max_attempts=2)
    inbox.accept(KEY, "slack_message", PAYLOAD, owner="a")
    assert inbox.fail(KEY, owner="a", error="boom") == "leased"  # free to take at once
    [item] = inbox.take_over(owner="b")
    assert item.attempts == 2
    assert inbox.fail(KEY, owner="b", error="boom again") == "failed"
    assert inbox.take_over(owner="c") == []


def test_finished_work_is_purged_and_open_work_kept(db_url: str) -> None:
    inbox = SqlInbox(db(db_url))
    inbox.accept(KEY, "slack_message", PAYLOAD, owner="a")
    inbox.accept("other", "slack_message", PAYLOAD, owner="a")
    inbox.done(KEY, owner="a")
    assert inbox.purge(older_than=timedelta(days=1)) == 0
    assert inbox.purge(older_than=timedelta(seconds=-1)) == 1
    assert inbox.status(KEY) is None and inbox.status("other") == "leased"
