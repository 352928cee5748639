"""Demo runs (side-by-side demos and evaluation runs) with their headline numbers, for digests.
Written by `handlers.digest.demo_runs.DemoRunRecorder` around the demo feature."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import insert, select

from bot.storage.db import Database, as_utc, utcnow
from bot.storage.schema import demo_runs_table
from handlers.digest.ports import DemoRunSummary


class SqlDemoRunStore:
    """Implements `DemoRunLog` (write) and `DemoRunFeed` (read)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def record(
        self,
        *,
        platform: str,
        channel: str,
        user: str,
        task: str,
        headline: str,
        metrics: dict[str, float | str],
        at: datetime | None = None,
    ) -> None:
        with self.db.begin() as conn:
            conn.execute(
                insert(demo_runs_table).values(
                    platform=platform,
                    channel=channel,
                    user=user,
                    task=task[:300],
                    headline=headline,
                    metrics=json.dumps(metrics, sort_keys=True),
                    at=as_utc(at or utcnow()),
                )
            )

    def demo_runs(self, *, channel: str, since: datetime, until: datetime) -> list[DemoRunSummary]:
        t = demo_runs_table.c
        q = (
            select(demo_runs_table)
            .where(t.channel == channel, t.at >= since, t.at < until)
            .order_by(t.at, t.id)
        )
        with self.db.begin() as conn:
            rows = list(conn.execute(q))
        return [
            DemoRunSummary(
                who=r.user, task=r.task, headline=r.headline, at=as_utc(r.at), metrics=json.loads(r.metrics)
            )
            for r in rows
        ]
