"""The inbox on SQLite and PostgreSQL: accepted once, begun by its owner, taken over by exactly one
replica when the lease expires, done once, failed after the last attempt, purged when old; a claim
that was taken over is fenced off (its token no longer holds the work), time moved by a test clock."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

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
    assert item.token == 1
    assert inbox.heartbeat(KEY, owner="a", token=1)
    assert inbox.take_over(owner="b") == []  # the lease is alive
    assert inbox.done(KEY, owner="a", token=1) and not inbox.done(KEY, owner="a", token=1)
    assert inbox.status(KEY) == "done"
    assert inbox.begin(KEY, owner="a") is None and not inbox.heartbeat(KEY, owner="a", token=1)
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
    assert not dead.done(KEY, owner="dead", token=1)  # the dead owner's late "done" does not count
    assert not dead.heartbeat(KEY, owner="dead", token=1)
    assert replicas[winner].done(KEY, owner=f"r{winner}", token=2)


def test_a_taken_over_item_is_a_retry_with_its_payload(db_url: str) -> None:
    SqlInbox(db(db_url), lease=EXPIRED).accept(KEY, "slack_message", PAYLOAD, owner="dead")
    assert SqlInbox(db(db_url)).take_over(owner="b", kinds=["teams_activity"]) == []  # not work b can do
    [item] = SqlInbox(db(db_url)).take_over(owner="b", kinds=["slack_message"])
    assert item.is_retry and item.attempts == 2 and item.owner == "b" and item.payload == PAYLOAD
    assert item.created_at.tzinfo is not None


def test_failures_give_the_work_back_then_give_up(db_url: str) -> None:
    inbox = SqlInbox(db(db_url), max_attempts=2)
    inbox.accept(KEY, "slack_message", PAYLOAD, owner="a")
    assert inbox.fail(KEY, owner="a", token=1, error="boom") == "leased"  # free to take at once
    [item] = inbox.take_over(owner="b")
    assert item.attempts == 2
    assert inbox.fail(KEY, owner="b", token=2, error="boom again") == "failed"
    assert inbox.take_over(owner="c") == []


def test_finished_work_is_purged_and_open_work_kept(db_url: str) -> None:
    inbox = SqlInbox(db(db_url))
    inbox.accept(KEY, "slack_message", PAYLOAD, owner="a")
    inbox.accept("other", "slack_message", PAYLOAD, owner="a")
    inbox.done(KEY, owner="a", token=1)
    assert inbox.purge(older_than=timedelta(days=1)) == 0
    assert inbox.purge(older_than=timedelta(seconds=-1)) == 1
    assert inbox.status(KEY) is None and inbox.status("other") == "leased"


class Clock:
    """Time that moves only when the test says so."""

    def __init__(self) -> None:
        self.now = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


LEASE = timedelta(seconds=30)


def test_a_late_heartbeat_loses_to_the_take_over_and_the_old_claim_may_not_post(db_url: str) -> None:
    clock = Clock()
    a, b = SqlInbox(db(db_url), lease=LEASE, clock=clock), SqlInbox(db(db_url), lease=LEASE, clock=clock)
    a.accept(KEY, "slack_message", PAYLOAD, owner="a")
    claim_a = a.begin(KEY, owner="a")
    assert claim_a is not None and claim_a.token == 1
    clock.advance(31)  # a's heart-beat is late: the lease ran out while a's turn is still running
    [claim_b] = b.take_over(owner="b")
    assert claim_b.token == 2
    # a's turn ends: before posting it checks its claim; it lost, so it posts nothing and cannot finish
    assert not a.hold(KEY, owner="a", token=claim_a.token)
    assert not a.heartbeat(KEY, owner="a", token=claim_a.token)
    assert not a.done(KEY, owner="a", token=claim_a.token)
    a.fail(KEY, owner="a", token=claim_a.token, error="late")  # changes nothing either
    assert b.hold(KEY, owner="b", token=claim_b.token)
    assert b.done(KEY, owner="b", token=claim_b.token) and b.status(KEY) == "done"


def test_the_same_replica_taking_over_its_own_work_fences_its_first_claim(db_url: str) -> None:
    clock = Clock()
    inbox = SqlInbox(db(db_url), lease=LEASE, clock=clock)
    inbox.accept(KEY, "slack_message", PAYLOAD, owner="a")
    clock.advance(31)
    [again] = inbox.take_over(owner="a")  # a's own sweeper: same owner, a new claim
    assert inbox.begin(KEY, owner="a") is None  # the accepted claim (token 1) may not start now
    assert not inbox.hold(KEY, owner="a", token=1) and not inbox.done(KEY, owner="a", token=1)
    assert inbox.done(KEY, owner="a", token=again.token)


def test_a_check_before_posting_wins_over_a_take_over_that_had_read_the_expired_lease(db_url: str) -> None:
    """The worker's check extends the lease and bumps the version: a sweeper that saw the lease
    expired a moment earlier loses its compare-and-swap, so only one of them goes on to post."""
    clock = Clock()
    a, b = SqlInbox(db(db_url), lease=LEASE, clock=clock), SqlInbox(db(db_url), lease=LEASE, clock=clock)
    a.accept(KEY, "slack_message", PAYLOAD, owner="a")
    clock.advance(31)  # expired, not yet taken over
    assert a.hold(KEY, owner="a", token=1)  # the late worker checks first: it still holds the work
    assert b.take_over(owner="b") == []  # the lease is alive again
    clock.advance(31)
    [claim_b] = b.take_over(owner="b")  # a stopped heart-beating for good: b takes it
    assert not a.hold(KEY, owner="a", token=1) and claim_b.token == 2


def test_a_worker_starting_after_its_lease_ran_out_begins_unless_taken_over(db_url: str) -> None:
    clock = Clock()
    a, b = SqlInbox(db(db_url), lease=LEASE, clock=clock), SqlInbox(db(db_url), lease=LEASE, clock=clock)
    a.accept(KEY, "slack_message", PAYLOAD, owner="a")
    a.accept("other", "slack_message", PAYLOAD, owner="a")
    clock.advance(31)  # both workers start late
    assert a.begin(KEY, owner="a") is not None  # nobody took it: a goes on, with a fresh lease
    assert [item.key for item in b.take_over(owner="b")] == ["other"]
    assert a.begin("other", owner="a") is None  # taken over first: a leaves it to b
