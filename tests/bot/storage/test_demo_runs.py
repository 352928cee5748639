"""Demo runs by channel and period, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.storage.db import Database
from bot.storage.demo_runs import SqlDemoRunStore

NOW = datetime(2026, 3, 30, 7, 0, tzinfo=UTC)


def test_demo_runs_by_channel_and_period(db_url: str) -> None:
    d = Database(db_url)
    d.create_schema()
    store = SqlDemoRunStore(d)
    for channel, days in (("C1", 1), ("C1", 10), ("C2", 1)):
        store.record(
            platform="slack",
            channel=channel,
            user="ana",
            task="triage",
            headline=f"{channel}-{days}",
            metrics={"finetuned_accuracy": 1.0, "n": 40},
            at=NOW - timedelta(days=days),
        )
    [run] = store.demo_runs(channel="C1", since=NOW - timedelta(days=7), until=NOW)
    assert (run.who, run.task, run.headline) == ("ana", "triage", "C1-1")
    assert run.metrics == {"finetuned_accuracy": 1.0, "n": 40} and run.at == NOW - timedelta(days=1)
