"""The training queue on SQLite and PostgreSQL: order, one running job, leases, cancel."""

from __future__ import annotations

from datetime import timedelta

from bot.storage.db import utcnow
from bot.storage.train_jobs import SqlTrainJobs
from tests.support.database import migrated

LEASE = timedelta(seconds=60)


def store(db_url: str) -> SqlTrainJobs:
    return SqlTrainJobs(migrated(db_url))


def test_jobs_run_one_at_a_time_in_order(db_url: str) -> None:
    q = store(db_url)
    now = utcnow()
    a = q.enqueue(pack="a", platform="slack", channel="C1", thread="1.0", user="U1", now=now)
    b = q.enqueue(pack="b", platform="slack", channel="C1", thread="2.0", user="U2", now=now)
    assert (q.position(a.id), q.position(b.id)) == (0, 1)
    first = q.claim_next(owner="w1", now=now, lease=LEASE)
    assert first is not None and first.id == a.id and first.status == "running" and first.attempts == 1
    assert q.claim_next(owner="w2", now=now, lease=LEASE) is None  # one training at a time
    assert q.finish(a.id, owner="w2", now=now, status="done") is False  # not the owner
    assert q.finish(a.id, owner="w1", now=now, status="done", result='{"ok": 1}')
    assert q.position(b.id) == 0
    second = q.claim_next(owner="w2", now=now, lease=LEASE)
    assert second is not None and second.id == b.id
    assert q.get(a.id).result == '{"ok": 1}'  # type: ignore[union-attr]


def test_a_runner_takes_only_jobs_it_can_report_on(db_url: str) -> None:
    q = store(db_url)
    now = utcnow()
    teams = q.enqueue(pack="t", platform="teams", channel="19:x", thread="", user="U1", now=now)
    slack = q.enqueue(pack="s", platform="slack", channel="C1", thread="1.0", user="U2", now=now)
    got = q.claim_next(owner="w", now=now, lease=LEASE, platforms=["slack"])
    assert got is not None and got.id == slack.id and q.get(teams.id).status == "queued"  # type: ignore[union-attr]


def test_a_dead_worker_is_resumed_then_failed_clearly(db_url: str) -> None:
    q = store(db_url)
    now = utcnow()
    job = q.enqueue(pack="a", platform="slack", channel="C1", thread="1.0", user="U1", now=now)
    assert q.claim_next(owner="dead", now=now, lease=LEASE) is not None
    assert q.heartbeat(job.id, owner="dead", now=now + timedelta(seconds=30), lease=LEASE) is not None
    assert q.reap(now=now + timedelta(seconds=60)) == []  # lease renewed: still alive
    assert q.reap(now=now + timedelta(seconds=100)) == []  # expired: queued again to resume
    assert q.get(job.id).status == "queued"  # type: ignore[union-attr]
    again = q.claim_next(owner="w2", now=now + timedelta(seconds=100), lease=LEASE)
    assert again is not None and again.attempts == 2
    assert q.heartbeat(job.id, owner="dead", now=now, lease=LEASE) is None  # the old owner lost it
    [failed] = q.reap(now=now + timedelta(seconds=200))
    assert failed.status == "failed" and "stopped responding 2 time(s)" in (failed.error or "")


def test_cancel_waiting_and_running_jobs(db_url: str) -> None:
    q = store(db_url)
    now = utcnow()
    run = q.enqueue(pack="a", platform="slack", channel="C1", thread="1.0", user="U1", now=now)
    wait = q.enqueue(pack="b", platform="slack", channel="C1", thread="2.0", user="U2", now=now)
    assert q.claim_next(owner="w", now=now, lease=LEASE) is not None
    assert q.cancel(wait.id, user="U1", now=now) == "not_yours"
    assert q.cancel(wait.id, user="U2", now=now) == "cancelled"
    assert q.cancel(run.id, user="U1", now=now) == "cancelling"
    beat = q.heartbeat(run.id, owner="w", now=now, lease=LEASE)
    assert beat is not None and beat.cancel_requested
    assert q.finish(run.id, owner="w", now=now, status="cancelled")
    assert q.cancel(run.id, user="U1", now=now) == "finished" and q.cancel(999, user="U1", now=now) == "unknown"
    assert q.claim_next(owner="w", now=now, lease=LEASE) is None  # the cancelled one never runs


def test_the_job_queued_from_a_message_is_found_again(db_url: str) -> None:
    q = store(db_url)
    now = utcnow()
    assert q.find(platform="slack", channel="C1", thread="1.0", pack="a") is None
    job = q.enqueue(pack="a", platform="slack", channel="C1", thread="1.0", user="U1", now=now)
    q.enqueue(pack="a", platform="slack", channel="C1", thread="2.0", user="U1", now=now)  # another message
    q.enqueue(pack="b", platform="slack", channel="C1", thread="1.0", user="U1", now=now)  # another pack
    q.enqueue(pack="a", platform="teams", channel="C1", thread="1.0", user="U1", now=now)  # another platform
    found = q.find(platform="slack", channel="C1", thread="1.0", pack="a")
    assert found is not None and found.id == job.id
    assert q.cancel(job.id, user="U1", now=now) == "cancelled"
    found = q.find(platform="slack", channel="C1", thread="1.0", pack="a")  # whatever became of it
    assert found is not None and found.id == job.id and found.status == "cancelled"
