"""Baseline: the schema as it was before migrations existed (notes, conversations, receipts,
feedback, Teams references, assessments, digests, demo runs).

A frozen copy of those tables (never import the live `bot.storage.schema` in a revision: it moves
on). `upgrade` creates only the tables that are missing, so a database made earlier by `create_all`
is adopted with its data, and a fresh one gets everything.

Revision ID: 0001
Revises:
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op
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

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def baseline_metadata() -> MetaData:
    """The tables of this revision (tests create a pre-migration database from it)."""
    meta = MetaData()
    Table(
        "notes",
        meta,
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
    Table(
        "conversation_turns",
        meta,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("thread_key", String(400), nullable=False),
        Column("role", String(16), nullable=False),
        Column("text", Text, nullable=False),
        Column("at", DateTime(timezone=True), nullable=False),
        Index("ix_turns_thread", "thread_key", "id"),
    )
    Table(
        "questions_asked",
        meta,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("thread_key", String(400), nullable=False),
        Column("channel", String(200), nullable=False),
        Column("user", String(200), nullable=False),
        Column("question", Text, nullable=False),
        Column("grounded", Boolean, nullable=False),
        Column("at", DateTime(timezone=True), nullable=False),
        Index("ix_questions_channel_at", "channel", "at"),
    )
    Table(
        "ingested_sources",
        meta,
        Column("path", String(1000), primary_key=True),
        Column("added_at", DateTime(timezone=True), nullable=False),
    )
    Table(
        "event_receipts",
        meta,
        Column("key", String(255), primary_key=True),
        Column("expires_at", DateTime(timezone=True), nullable=False),
        Index("ix_event_receipts_expires", "expires_at"),
    )
    Table(
        "feedback",
        meta,
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
    Table(
        "teams_conversation_refs",
        meta,
        Column("channel", String(300), primary_key=True),
        Column("tenant_id", String(100), nullable=False, default=""),
        Column("channel_type", String(16), nullable=False),
        Column("reference", Text, nullable=False),  # ConversationReference JSON (SDK aliases)
        Column("claims", Text, nullable=False),  # filtered claims JSON (aud, appid, iss, tid, ...)
        Column("updated_at", DateTime(timezone=True), nullable=False),
    )
    Table(
        "assessment_interviews",
        meta,
        Column("thread_key", String(400), primary_key=True),
        Column("state", JSON, nullable=False),
        Column("updated_at", DateTime(timezone=True), nullable=False),
    )
    Table(
        "assessments",
        meta,
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
    Table(
        "digest_subscriptions",
        meta,
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
    Table(
        "digest_posts",
        meta,
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
    Table(
        "demo_runs",
        meta,
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
    return meta


def upgrade() -> None:
    bind = op.get_bind()
    for table in baseline_metadata().sorted_tables:
        table.create(bind, checkfirst=True)  # an adopted create_all database already has it


def downgrade() -> None:
    bind = op.get_bind()
    for table in reversed(baseline_metadata().sorted_tables):
        table.drop(bind, checkfirst=True)
