"""Migrations on SQLite and PostgreSQL: a fresh database is brought to exactly the declared schema;
a database created before migrations existed (baseline `create_all`) is upgraded with its data
intact; replicas starting together on a fresh database all succeed (real processes)."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, func, inspect, select

from bot.storage.db import Database
from bot.storage.digests import SqlDigestPosts, SqlSubscriptionStore
from bot.storage.feedback import SqlFeedbackStore
from bot.storage.migrate import (
    alembic_config,
    current_revision,
    head_revision,
    include_object,
    scripted_head,
    stored_revision,
    upgrade,
)
from bot.storage.notes import SqlNoteStore
from bot.storage.schema import metadata
from handlers.digest.models import ChannelRef, Period, Rule

REPO = Path(__file__).resolve().parents[3]
NOW = datetime(2026, 3, 30, 7, 0, tzinfo=UTC)


def baseline_metadata() -> MetaData:
    """The schema of revision 0001: what `create_all` made before migrations existed."""
    module: Any = ScriptDirectory.from_config(alembic_config()).get_revision("0001").module
    meta: MetaData = module.baseline_metadata()
    return meta


def schema_differences(db: Database) -> list[Any]:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": include_object})
        return list(compare_metadata(context, metadata))


def test_a_fresh_database_is_migrated_to_exactly_the_declared_schema(db_url: str) -> None:
    db = Database(db_url)
    assert current_revision(db) is None
    db.create_schema()
    assert current_revision(db) == head_revision()
    assert schema_differences(db) == []  # schema.py and the revisions agree
    assert upgrade(db) == head_revision()  # a second start-up: nothing to do
    db.dispose()


def test_the_start_up_check_reads_the_head_without_alembic(db_url: str) -> None:
    """`scripted_head` (a regex over the revision files) agrees with Alembic's head, and the
    stored revision is read with plain SQL: absent on a fresh database, the head once upgraded."""
    assert scripted_head() == head_revision()
    db = Database(db_url)
    assert stored_revision(db) is None
    db.create_schema()
    assert stored_revision(db) == head_revision()
    code = (
        "import sys; from bot.storage.db import Database; db = Database(sys.argv[1]); db.create_schema(); "
        "print('alembic' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code, db_url], cwd=REPO, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"  # a start-up at head never imports Alembic
    db.dispose()


def test_a_database_from_before_migrations_is_upgraded_with_its_data(db_url: str) -> None:
    old = Database(db_url)
    baseline_metadata().create_all(old.engine)  # today's deployments: create_all, no alembic_version
    note = SqlNoteStore(old).add("keep me", author="ana", channel="C1", visibility="public", platform="slack")
    SqlFeedbackStore(old).record(platform="slack", channel="C1", thread_key="t", message_id="m", user="U", vote=1)
    ref = ChannelRef(platform="slack", workspace="T1", channel="C1")
    sub = SqlSubscriptionStore(old).subscribe(
        ref, Rule(cadence="weekly", day="mon", time="09:00", tz="UTC"), channel_type="public", created_by="U", now=NOW
    )
    claim = SqlDigestPosts(old).claim(
        ref.key, Period(start=NOW - timedelta(days=7), end=NOW), subscription_id=sub.id, owner="o", now=NOW,
        lease=timedelta(minutes=5),
    )
    assert claim is not None
    counts = _row_counts(old)
    old.dispose()

    db = Database(db_url)
    db.create_schema()  # what the next start-up does
    assert current_revision(db) == head_revision()
    assert _row_counts(db) == counts  # nothing lost
    assert SqlNoteStore(db).get(note.id) == note
    assert SqlSubscriptionStore(db).get(ref) == sub
    assert set(inspect(db.engine).get_table_names()) >= set(metadata.tables)
    assert schema_differences(db) == []
    db.dispose()


def _row_counts(db: Database) -> dict[str, int]:
    with db.engine.connect() as conn:
        return {t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
                for t in baseline_metadata().sorted_tables}


def test_replicas_starting_together_on_a_fresh_database_all_succeed(db_url: str) -> None:
    # each process imports everything first, then all start migrating at the same instant
    code = (
        "import sys, time; from bot.storage.db import Database; from bot.storage import migrate; "
        "db = Database(sys.argv[1]); time.sleep(max(0.0, float(sys.argv[2]) - time.time())); db.create_schema()"
    )
    start_at = str(time.time() + 8)
    procs = [
        subprocess.Popen([sys.executable, "-c", code, db_url, start_at], cwd=REPO, stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    failures = [err for p in procs if (err := p.communicate(timeout=300)[1]) and p.returncode != 0]
    assert failures == []
    db = Database(db_url)
    assert current_revision(db) == head_revision() and schema_differences(db) == []
    db.dispose()
