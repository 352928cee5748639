"""The training queue: one training at a time per deployment, across processes and replicas.

A job is `queued`, then `running` under a lease (`owner`, `lease_until`) that its worker renews,
then `done`, `failed` or `cancelled`. Only one job can be running: a running row holds the unique
`slot` value 1 (NULL otherwise), so two runners that claim at the same moment cannot both win, on
SQLite or PostgreSQL. A job whose lease expired (its worker died) is queued again to be resumed
(retrained from the start), at most `max_attempts` times in all, then failed with a clear error.

The table is declared in bot/storage/schema.py (migration 0004).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    func,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from bot.storage.db import Database, as_utc
from bot.storage.schema import train_jobs_table

ACTIVE = ("queued", "running")


@dataclass(frozen=True)
class TrainJobRecord:
    id: int
    pack: str
    platform: str
    channel: str
    thread: str
    user_id: str
    status: str
    cancel_requested: bool
    owner: str | None
    lease_until: datetime | None
    attempts: int
    result: str | None
    error: str | None
    created_at: datetime


def _record(row: Any) -> TrainJobRecord:
    m = row._mapping
    return TrainJobRecord(
        id=m["id"], pack=m["pack"], platform=m["platform"], channel=m["channel"], thread=m["thread"],
        user_id=m["user_id"], status=m["status"], cancel_requested=bool(m["cancel_requested"]), owner=m["owner"],
        lease_until=as_utc(m["lease_until"]) if m["lease_until"] is not None else None, attempts=m["attempts"],
        result=m["result"], error=m["error"], created_at=as_utc(m["created_at"]),
    )


class SqlTrainJobs:
    """The queue (see the module docstring)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def enqueue(
        self, *, pack: str, platform: str, channel: str, thread: str, user: str, now: datetime
    ) -> TrainJobRecord:
        t = train_jobs_table
        with self.db.begin() as conn:
            new_id = conn.execute(
                t.insert().values(
                    pack=pack, platform=platform, channel=channel, thread=thread, user_id=user, status="queued",
                    cancel_requested=False, attempts=0, created_at=now, updated_at=now,
                ).returning(t.c.id)
            ).scalar_one()
        job = self.get(int(new_id))
        assert job is not None
        return job

    def get(self, job_id: int) -> TrainJobRecord | None:
        with self.db.begin() as conn:
            row = conn.execute(select(train_jobs_table).where(train_jobs_table.c.id == job_id)).first()
        return _record(row) if row is not None else None

    def find(self, *, platform: str, channel: str, thread: str, pack: str) -> TrainJobRecord | None:
        """The newest job queued for `pack` from the message `thread` (whatever its status): what a
        redo of a Train click finds instead of queueing the same training again."""
        t = train_jobs_table
        with self.db.begin() as conn:
            row = conn.execute(
                select(t).where(t.c.platform == platform, t.c.channel == channel, t.c.thread == thread,
                                t.c.pack == pack).order_by(t.c.id.desc()).limit(1)
            ).first()
        return _record(row) if row is not None else None

    def latest_done(self, platform: str, channel: str) -> TrainJobRecord | None:
        """The newest finished (done) training of this channel."""
        t = train_jobs_table
        with self.db.begin() as conn:
            row = conn.execute(
                select(t).where(t.c.platform == platform, t.c.channel == channel, t.c.status == "done")
                .order_by(t.c.id.desc()).limit(1)
            ).first()
        return _record(row) if row is not None else None

    def latest_active(self, platform: str, channel: str, user: str) -> TrainJobRecord | None:
        """This user's newest queued or running training in this channel."""
        t = train_jobs_table
        with self.db.begin() as conn:
            row = conn.execute(
                select(t).where(t.c.platform == platform, t.c.channel == channel, t.c.user_id == user,
                                t.c.status.in_(ACTIVE)).order_by(t.c.id.desc()).limit(1)
            ).first()
        return _record(row) if row is not None else None

    def position(self, job_id: int) -> int:
        """How many active jobs are ahead of this one (0: it runs next or is running)."""
        t = train_jobs_table
        with self.db.begin() as conn:
            return int(
                conn.execute(select(func.count()).where(t.c.status.in_(ACTIVE), t.c.id < job_id)).scalar_one()
            )

    def reap(self, *, now: datetime, max_attempts: int = 2) -> list[TrainJobRecord]:
        """Running jobs whose lease expired: queued again to resume, or failed after `max_attempts`.
        Returns the jobs it failed (their users must be told)."""
        t = train_jobs_table
        with self.db.begin() as conn:
            rows = conn.execute(select(t).where(t.c.status == "running", t.c.lease_until < now)).all()
        failed: list[TrainJobRecord] = []
        for row in rows:
            give_up = row.attempts >= max_attempts or row.cancel_requested
            values: dict[str, Any] = {"slot": None, "owner": None, "lease_until": None, "updated_at": now}
            if give_up:
                values |= {"status": "cancelled" if row.cancel_requested else "failed",
                           "error": None if row.cancel_requested else
                           f"the training process stopped responding {row.attempts} time(s); not retried again"}
            else:
                values["status"] = "queued"
            with self.db.begin() as conn:
                n = conn.execute(
                    update(t).where(t.c.id == row.id, t.c.status == "running", t.c.owner == row.owner).values(**values)
                ).rowcount
            if n == 1 and give_up and not row.cancel_requested:
                job = self.get(row.id)
                assert job is not None
                failed.append(job)
        return failed

    def claim_next(
        self, *, owner: str, now: datetime, lease: timedelta, platforms: Sequence[str] | None = None
    ) -> TrainJobRecord | None:
        """The oldest queued job (of `platforms`, the ones this runner can post to), now running for
        `owner`; None while another job runs (or none waits)."""
        t = train_jobs_table
        where = [t.c.status == "queued"] + ([t.c.platform.in_(list(platforms))] if platforms is not None else [])
        with self.db.begin() as conn:
            nxt = conn.execute(select(t.c.id).where(*where).order_by(t.c.id).limit(1)).scalar_one_or_none()
        if nxt is None:
            return None
        try:
            with self.db.begin() as conn:
                n = conn.execute(
                    update(t).where(t.c.id == nxt, t.c.status == "queued").values(
                        status="running", slot=1, owner=owner, lease_until=now + lease,
                        attempts=t.c.attempts + 1, updated_at=now,
                    )
                ).rowcount
        except IntegrityError:  # another job holds the running slot
            return None
        return self.get(int(nxt)) if n == 1 else None

    def heartbeat(self, job_id: int, *, owner: str, now: datetime, lease: timedelta) -> TrainJobRecord | None:
        """Renew the lease; None if this owner lost it (the job was taken over or ended)."""
        t = train_jobs_table
        with self.db.begin() as conn:
            n = conn.execute(
                update(t).where(t.c.id == job_id, t.c.owner == owner, t.c.status == "running")
                .values(lease_until=now + lease, updated_at=now)
            ).rowcount
        return self.get(job_id) if n == 1 else None

    def finish(self, job_id: int, *, owner: str, now: datetime, status: str, result: str | None = None,
               error: str | None = None) -> bool:
        """End a running job as done, failed or cancelled (only its owner can)."""
        t = train_jobs_table
        with self.db.begin() as conn:
            return conn.execute(
                update(t).where(t.c.id == job_id, t.c.owner == owner, t.c.status == "running").values(
                    status=status, slot=None, lease_until=None, result=result, error=error, updated_at=now
                )
            ).rowcount == 1

    def cancel(self, job_id: int, *, user: str, now: datetime) -> str:
        """`cancelled` (it was waiting), `cancelling` (it runs; its worker stops), `finished`,
        `not_yours` or `unknown`."""
        t = train_jobs_table
        job = self.get(job_id)
        if job is None:
            return "unknown"
        if job.user_id != user:
            return "not_yours"
        with self.db.begin() as conn:
            if conn.execute(
                update(t).where(t.c.id == job_id, t.c.status == "queued").values(status="cancelled", updated_at=now)
            ).rowcount == 1:
                return "cancelled"
            if conn.execute(
                update(t).where(t.c.id == job_id, t.c.status == "running").values(cancel_requested=True, updated_at=now)
            ).rowcount == 1:
                return "cancelling"
        return "finished"
