"""The storage schema, declared once: every table of the database, on one `metadata`.

The store modules (notes.py, receipts.py, ...) import their tables from here; the migrations
(bot/storage/migrations, Alembic) bring a database to this schema. A new table or column goes here
AND in a new migration revision (`tests/bot/storage/test_migrations.py` fails when they differ).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

# --- notes.py -------------------------------------------------------------------------------------
notes_table = Table(
    "notes",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("text", Text, nullable=False),
    Column("author", String(200), nullable=False),
    Column("channel", String(200), nullable=False),
    Column("visibility", String(16), nullable=False),
    Column("platform", String(16), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_notes_channel", "channel"),
    Index("ix_notes_created", "created_at"),
)


# --- conversations.py -----------------------------------------------------------------------------
turns_table = Table(
    "conversation_turns",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("thread_key", String(400), nullable=False),
    Column("role", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_turns_thread", "thread_key", "id"),
)


# --- conversations.py -----------------------------------------------------------------------------
questions_table = Table(
    "questions_asked",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("thread_key", String(400), nullable=False),
    Column("channel", String(200), nullable=False),
    Column("user", String(200), nullable=False),
    Column("question", Text, nullable=False),
    Column("grounded", Boolean, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_questions_channel_at", "channel", "at"),
)


# --- sources.py -----------------------------------------------------------------------------------
sources_table = Table(
    "ingested_sources",
    metadata,
    Column("path", String(1000), primary_key=True),
    Column("added_at", DateTime(timezone=True), nullable=False),
)


# --- receipts.py ----------------------------------------------------------------------------------
receipts_table = Table(
    "event_receipts",
    metadata,
    Column("key", String(255), primary_key=True),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Index("ix_event_receipts_expires", "expires_at"),
)


# --- feedback.py ----------------------------------------------------------------------------------
feedback_table = Table(
    "feedback",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("platform", String(16), nullable=False),
    Column("channel", String(200), nullable=False),
    Column("thread_key", String(400), nullable=False),
    Column("message_id", String(64), nullable=False),  # Slack answer message ts / Teams activity id
    Column("user", String(200), nullable=False),
    Column("vote", Integer, nullable=False),  # +1 / -1
    Column("question", Text, nullable=False, default=""),
    Column("at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("platform", "channel", "message_id", "user", name="uq_feedback_vote"),
    Index("ix_feedback_channel_at", "channel", "at"),
)


# --- teams_refs.py --------------------------------------------------------------------------------
teams_refs_table = Table(
    "teams_conversation_refs",
    metadata,
    Column("channel", String(300), primary_key=True),
    Column("tenant_id", String(100), nullable=False, default=""),
    Column("channel_type", String(16), nullable=False),
    Column("reference", Text, nullable=False),  # ConversationReference JSON (SDK aliases)
    Column("claims", Text, nullable=False),  # filtered claims JSON (aud, appid, iss, tid, ...)
    Column("updated_at", DateTime(timezone=True), nullable=False),
)


# --- assessments.py -------------------------------------------------------------------------------
interviews_table = Table(
    "assessment_interviews",
    metadata,
    Column("thread_key", String(400), primary_key=True),
    Column("state", JSON, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)


# --- assessments.py -------------------------------------------------------------------------------
assessments_table = Table(
    "assessments",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("platform", String(16), nullable=False),
    Column("workspace", String(200), nullable=False),
    Column("channel", String(200), nullable=False),
    Column("channel_type", String(16), nullable=False),
    Column("thread", String(200), nullable=False),
    Column("thread_key", String(400), nullable=False),
    Column("user", String(200), nullable=False),
    Column("user_name", String(200), nullable=False),
    Column("answers", JSON, nullable=False),
    Column("recommendation", String(32), nullable=False),
    Column("hybrid_of", JSON, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_assessments_created", "created_at"),
    Index("ix_assessments_channel_created", "channel", "created_at"),
)


# --- digests.py -----------------------------------------------------------------------------------
subscriptions_table = Table(
    "digest_subscriptions",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("channel_key", String(600), nullable=False, unique=True),
    Column("platform", String(16), nullable=False),
    Column("workspace", String(200), nullable=False),
    Column("channel", String(200), nullable=False),
    Column("channel_type", String(16), nullable=False),
    Column("cadence", String(8), nullable=False),
    Column("day", String(3), nullable=True),
    Column("time", String(5), nullable=False),
    Column("tz", String(64), nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("active_since", DateTime(timezone=True), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)


# --- digest_ledger.py -----------------------------------------------------------------------------
posts_table = Table(
    "digest_posts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("channel_key", String(600), nullable=False),
    Column("period_start", DateTime(timezone=True), nullable=False),
    Column("period_end", DateTime(timezone=True), nullable=False),
    Column("subscription_id", String(32), nullable=False),
    Column("status", String(16), nullable=False),  # leased | posting | posted | skipped | failed
    Column("owner", String(200), nullable=False),
    Column("lease_until", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("idempotency_key", String(64), nullable=False),
    Column("message_ref", Text, nullable=True),
    Column("error", Text, nullable=True),
    Column("posting_started_at", DateTime(timezone=True), nullable=True),
    Column("posted_at", DateTime(timezone=True), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("channel_key", "period_start", name="uq_digest_posts_channel_period"),
    Index("ix_digest_posts_channel_end", "channel_key", "period_end"),
)


# --- demo_runs.py ---------------------------------------------------------------------------------
demo_runs_table = Table(
    "demo_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("platform", String(16), nullable=False),
    Column("channel", String(200), nullable=False),
    Column("user", String(200), nullable=False),
    Column("task", String(300), nullable=False),
    Column("headline", Text, nullable=False),
    Column("metrics", Text, nullable=False),  # JSON object
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_demo_runs_channel_at", "channel", "at"),
)


# --- inbox.py ------------------------------------------------------------------------------------
inbox_table = Table(
    "inbox",
    metadata,
    Column("key", String(255), primary_key=True),  # one piece of accepted work: slack:msg:<channel>:<ts>, ...
    Column("kind", String(32), nullable=False),  # slack_message | ...: which handler redoes it
    Column("payload", Text, nullable=False),  # JSON: what a worker needs to do it (the event, the team...)
    Column("status", String(16), nullable=False),  # leased | done | failed
    Column("owner", String(200), nullable=False),  # the replica (host:pid:uuid) holding the lease
    Column("lease_until", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False),  # compare-and-swap of every take-over
    Column("attempts", Integer, nullable=False),
    Column("error", Text, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("done_at", DateTime(timezone=True), nullable=True),
    Index("ix_inbox_status_lease", "status", "lease_until"),
)


# --- keyword_chunks (knowledge/keyword_pg.py) -----------------------------------------------------
# The shared keyword index on PostgreSQL. Migration 0003 adds, on PostgreSQL only, the stored
# full-text column `tsv` (to_tsvector('simple', terms)) and its GIN index `ix_keyword_chunks_tsv`;
# SQLite installs keep the in-process BM25 index and leave this table empty.
keyword_chunks_table = Table(
    "keyword_chunks",
    metadata,
    Column("id", String(512), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("visibility", String(16), nullable=False),
    Column("channel", String(200), nullable=False),
    Column("terms", Text, nullable=False),  # keyword.tokenize(heading, title, text), space-separated
    Index("ix_keyword_chunks_kind", "kind"),
)


# --- train_jobs.py --------------------------------------------------------------------------------
train_jobs_table = Table(
    "train_jobs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("pack", String(100), nullable=False),
    Column("platform", String(16), nullable=False),
    Column("channel", String(200), nullable=False),
    Column("thread", String(64), nullable=False),
    Column("user_id", String(200), nullable=False),
    Column("status", String(16), nullable=False),  # queued | running | done | failed | cancelled
    Column("slot", Integer, nullable=True),  # 1 while running, else NULL: at most one running job
    Column("cancel_requested", Boolean, nullable=False, default=False),
    Column("owner", String(200), nullable=True),
    Column("lease_until", DateTime(timezone=True), nullable=True),
    Column("attempts", Integer, nullable=False, default=0),
    Column("result", Text, nullable=True),  # JSON of the worker's result event
    Column("error", Text, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("slot", name="uq_train_jobs_running_slot"),
    Index("ix_train_jobs_status_id", "status", "id"),
)
