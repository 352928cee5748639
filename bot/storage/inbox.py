"""The inbox: accepted work is never lost (at-least-once delivery; idempotent replies make it once).

Protocol (`inbox`, one row per piece of work, keyed by what identifies it: `slack:msg:<channel>:<ts>`):

1. **accept**: the replica that acknowledged the work inserts it (`insert_ignore`: a retry or a twin
   delivery of the same work is refused), already leased to itself (`owner`, `lease_until`).
2. **begin**: its worker confirms it still holds the lease and extends it; `heartbeat` keeps
   extending it while the turn runs (a long LLM answer outlives one lease).
3. **done** after the reply was posted; **fail** gives the lease back (retried by the next sweep)
   or, after `max_attempts`, marks the work `failed`.

Fencing: every claim (accept, take-over) has its own token, the attempt number (`InboxItem.token`).
`heartbeat`, `hold`, `done` and `fail` are conditional updates on (key, owner, token, status): once
another replica (or this one's own sweeper) has taken the work over, the old claim's token no longer
matches and they return False. A worker calls `hold` right before each reply it posts, and posts
nothing when it fails (`bot.inbox_worker.Lease`). `hold` also bumps `version`, so it and a
concurrent take-over's compare-and-swap cannot both succeed: whichever commits first wins, even
when a late heart-beat had let the lease run out. What fencing cannot cover: a single post that
itself outlasts a whole lease after `hold` (Slack takes no fencing token).

A replica that dies stops heart-beating: once `lease_until` passes, any replica's sweeper takes the
work over (`take_over`: compare-and-swap on `version`, so exactly one wins) and redoes it. The redo
must be idempotent: replies carry the key (Slack message metadata), and a taker first looks for a
reply already posted under it. No rowcount of an upsert is trusted (see `db.insert_ignore`);
UPDATE counts are exact on both databases.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update

from bot.storage.db import Database, as_utc, insert_ignore, utcnow
from bot.storage.schema import inbox_table

OPEN = "leased"


@dataclass(frozen=True)
class InboxItem:
    key: str
    kind: str
    payload: dict[str, Any]
    owner: str
    attempts: int
    created_at: datetime

    @property
    def token(self) -> int:
        """The fencing token of this claim: the attempt number, new with every take-over."""
        return self.attempts

    @property
    def is_retry(self) -> bool:
        """Someone may already have worked on it (and posted): look before replying."""
        return self.attempts > 1


def _item(row: Any) -> InboxItem:
    return InboxItem(
        key=row.key,
        kind=row.kind,
        payload=json.loads(row.payload),
        owner=row.owner,
        attempts=row.attempts,
        created_at=as_utc(row.created_at),
    )


class SqlInbox:
    def __init__(
        self,
        db: Database,
        *,
        lease: timedelta = timedelta(seconds=30),
        max_attempts: int = 3,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.db = db
        self.lease = lease
        self.max_attempts = max_attempts
        self.clock = clock  # injected: the tests move time deterministically

    def accept(self, key: str, kind: str, payload: dict[str, Any], *, owner: str) -> bool:
        """Record accepted work, leased to `owner`; False when this work was already accepted."""
        now = self.clock()
        row = {
            "key": key[:255],
            "kind": kind,
            "payload": json.dumps(payload, sort_keys=True),
            "status": OPEN,
            "owner": owner,
            "lease_until": now + self.lease,
            "version": 1,
            "attempts": 1,
            "created_at": now,
        }
        with self.db.autocommit() as conn:  # one statement, in the ack path: no BEGIN/COMMIT round trips
            return insert_ignore(conn, inbox_table, row, ["key"])

    def begin(self, key: str, *, owner: str) -> InboxItem | None:
        """Start the work `owner` accepted: None when it was taken over (or is done). A lease that ran
        out before the worker started (a slow start) still holds while nobody took the work over: the
        version bump makes a concurrent take-over's compare-and-swap fail."""
        t = inbox_table
        now = self.clock()
        with self.db.begin() as conn:
            moved = conn.execute(
                update(t)
                .where(*_claim(key, owner, 1))  # the accepted claim (token 1), not a take-over
                .values(lease_until=now + self.lease, version=t.c.version + 1)
            ).rowcount
            row = conn.execute(select(t).where(t.c.key == key[:255])).first() if moved == 1 else None
        return _item(row) if row is not None else None

    def hold(self, key: str, *, owner: str, token: int) -> bool:
        """Whether the claim (`owner`, `token`) still holds the work, extending its lease if so;
        False once it was taken over (or finished). Called before posting and as the heart-beat."""
        t = inbox_table
        with self.db.begin() as conn:
            return (
                conn.execute(
                    update(t)
                    .where(*_claim(key, owner, token))
                    .values(lease_until=self.clock() + self.lease, version=t.c.version + 1)
                ).rowcount
                == 1
            )

    heartbeat = hold

    def take_over(self, *, owner: str, kinds: Collection[str] | None = None, limit: int = 10) -> list[InboxItem]:
        """Claim work (of `kinds`, default any) whose lease expired: its replica died, or gave it
        back after a failure. One winner per item."""
        t = inbox_table
        now = self.clock()
        q = select(t.c.key, t.c.version).where(t.c.status == OPEN, t.c.lease_until < now)
        if kinds is not None:
            q = q.where(t.c.kind.in_(list(kinds)))
        with self.db.begin() as conn:
            stale = list(conn.execute(q.order_by(t.c.lease_until).limit(limit)))
        taken: list[InboxItem] = []
        for key, version in stale:
            with self.db.begin() as conn:
                won = conn.execute(
                    update(t)
                    .where(t.c.key == key, t.c.version == version, t.c.status == OPEN)  # compare-and-swap
                    .values(owner=owner, lease_until=now + self.lease, version=t.c.version + 1,
                            attempts=t.c.attempts + 1)
                ).rowcount
                row = conn.execute(select(t).where(t.c.key == key)).first() if won == 1 else None
            if row is not None:
                taken.append(_item(row))
        return taken

    def done(self, key: str, *, owner: str, token: int) -> bool:
        """The reply is posted. False when another claim holds it now (it will find the reply)."""
        t = inbox_table
        with self.db.begin() as conn:
            return (
                conn.execute(
                    update(t)
                    .where(*_claim(key, owner, token))
                    .values(status="done", done_at=self.clock(), error=None, version=t.c.version + 1)
                ).rowcount
                == 1
            )

    def fail(self, key: str, *, owner: str, token: int, error: str) -> str:
        """Give the work back after a failure: retried by the next sweep, or `failed` after
        `max_attempts`. Returns the new status."""
        t = inbox_table
        now = self.clock()
        with self.db.begin() as conn:
            give_up = token >= self.max_attempts
            conn.execute(
                update(t)
                .where(*_claim(key, owner, token))
                .values(
                    lease_until=now - timedelta(seconds=1),
                    error=error[:2000],
                    version=t.c.version + 1,
                    **({"status": "failed", "done_at": now} if give_up else {}),
                )
            )
            status = conn.execute(select(t.c.status).where(t.c.key == key[:255])).scalar()
        return str(status)

    def status(self, key: str) -> str | None:
        with self.db.begin() as conn:
            value = conn.execute(select(inbox_table.c.status).where(inbox_table.c.key == key[:255])).scalar()
        return str(value) if value is not None else None

    def purge(self, *, older_than: timedelta) -> int:
        """Forget finished work (done or failed) older than `older_than`."""
        t = inbox_table
        with self.db.begin() as conn:
            return int(
                conn.execute(
                    delete(t).where(t.c.status != OPEN, t.c.created_at < self.clock() - older_than)
                ).rowcount
            )


def _claim(key: str, owner: str, token: int) -> tuple[Any, ...]:
    """The row of one claim, still open: the fencing condition of every update a worker makes."""
    t = inbox_table
    return (t.c.key == key[:255], t.c.owner == owner, t.c.attempts == token, t.c.status == OPEN)
