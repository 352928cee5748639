"""A digest world on a temp SQLite file: real stores, the real service and runner, an injected
clock and a recording delivery (a stand-in for a chat platform that remembers what it got)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Literal

from sqlalchemy import insert

from bot.scheduler.delivery import Deliveries
from bot.scheduler.runner import DigestRunner
from bot.storage.conversations import SqlQuestionLog
from bot.storage.db import Database
from bot.storage.digests import SqlDigestPosts, SqlSubscriptionStore
from bot.storage.notes import SqlNoteStore, notes_table
from handlers.digest.models import DigestReply, QuietMode, Subscription
from handlers.digest.ports import NoActivity
from handlers.digest.service import DigestService
from tests.handlers.digest.fakes import StaticFacts
from tests.support.clock import FakeClock


class ProcessDied(BaseException):
    """Stands for the process being killed: nothing in the runner catches it."""


@dataclass
class Post:
    channel: str
    key: str
    at: datetime
    reply: DigestReply


@dataclass
class RecordingDelivery:
    """Remembers posts (thread-safe). `die_before_send` / `die_after_send` simulate a kill at
    that point of the next post; `fail` raises an ordinary error (a platform outage)."""

    clock: FakeClock
    posts: list[Post] = field(default_factory=list)
    die_before_send: bool = False
    die_after_send: bool = False
    fail: bool = False
    lookups: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def post(self, subscription: Subscription, reply: DigestReply, *, idempotency_key: str) -> str:
        if self.die_before_send:
            self.die_before_send = False
            raise ProcessDied
        if self.fail:
            raise ConnectionError("platform down")
        with self._lock:
            self.posts.append(Post(subscription.ref.channel, idempotency_key, self.clock.now(), reply))
            ref = f"msg-{len(self.posts)}"
        if self.die_after_send:
            self.die_after_send = False
            raise ProcessDied
        return ref

    def find(self, subscription: Subscription, *, idempotency_key: str, since: datetime) -> str | None:
        self.lookups += 1
        with self._lock:
            for n, p in enumerate(self.posts, 1):
                if p.key == idempotency_key:
                    return f"msg-{n}"
        return None


class World:
    def __init__(self, tmp_path: Path, start: datetime, *, quiet: QuietMode = "short") -> None:
        self.path = tmp_path
        self.clock = FakeClock(start)
        self.delivery = RecordingDelivery(self.clock)
        self.quiet: QuietMode = quiet
        self.db = self.database()
        self.subscriptions = SqlSubscriptionStore(self.db)
        self.notes = SqlNoteStore(self.db)
        self.questions = SqlQuestionLog(self.db)
        self.service = self.make_service(self.db)

    def database(self) -> Database:
        d = Database(f"sqlite:///{self.path / 'digests.db'}")
        d.create_schema()
        return d

    def make_service(self, db: Database) -> DigestService:
        none = NoActivity()
        return DigestService(
            subscriptions=SqlSubscriptionStore(db),
            history=SqlDigestPosts(db),
            notes=SqlNoteStore(db),
            questions=SqlQuestionLog(db),
            assessments=none,
            demos=none,
            feedback=none,
            facts=StaticFacts(),
            clock=self.clock,
            quiet=self.quiet,
            default_tz="Europe/Berlin",
        )

    def add_note(
        self, text: str, *, channel: str, at: datetime, visibility: Literal["public", "private"] = "public"
    ) -> None:
        """A note written at simulated time `at` (the note store stamps real time)."""
        with self.db.begin() as conn:
            conn.execute(
                insert(notes_table).values(
                    id=f"n{abs(hash((text, at))) % 10**8}",
                    text=text,
                    author="ana",
                    channel=channel,
                    visibility=visibility,
                    platform="slack",
                    created_at=at,
                )
            )

    def runner(
        self,
        owner: str,
        *,
        db: Database | None = None,
        lease: timedelta = timedelta(minutes=5),
        deliveries: Deliveries | None = None,
    ) -> DigestRunner:
        """A runner as a separate clock process would build it (own engine when `db` is given)."""
        db = db or self.db
        return DigestRunner(
            service=self.make_service(db),
            subscriptions=SqlSubscriptionStore(db),
            ledger=SqlDigestPosts(db),
            deliveries=deliveries or Deliveries({"slack": self.delivery, "terminal": self.delivery}),
            clock=self.clock,
            owner=owner,
            lease=lease,
        )
