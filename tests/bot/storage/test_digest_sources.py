"""The digest feeds over the assessment and feedback stores, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.storage.assessments import SqlAssessmentStore
from bot.storage.db import utcnow
from bot.storage.digest_sources import AssessmentRecordsFeed, FeedbackCountsFeed
from bot.storage.feedback import SqlFeedbackStore
from handlers.assess.models import AssessmentRecord
from handlers.digest.ports import FeedbackCount
from knowledge.rubric.model import shipped_rubric
from tests.support.database import migrated

NOW = datetime(2026, 3, 30, 7, 0, tzinfo=UTC)


def record(
    n: int, channel: str, at: datetime, recommendation: str, hybrid_of: list[str] | None = None
) -> AssessmentRecord:
    return AssessmentRecord(
        id=f"a{n}",
        platform="slack",
        workspace="T1",
        channel=channel,
        channel_type="public",
        thread=str(n),
        thread_key=f"slack:T1:{channel}:{n}",
        user=f"U{n}",
        user_name=f"user{n}",
        answers={},
        recommendation=recommendation,
        hybrid_of=hybrid_of or [],
        confidence=0.72,
        created_at=at,
    )


def test_assessments_in_the_period_and_channel_with_rubric_labels(db_url: str) -> None:
    store = SqlAssessmentStore(migrated(db_url))
    store.record(record(1, "C1", NOW - timedelta(days=1), "peft"))
    store.record(record(2, "C1", NOW - timedelta(days=3), "hybrid", ["rag", "peft"]))
    store.record(record(3, "C1", NOW - timedelta(days=9), "rag"))  # before the period
    store.record(record(4, "C2", NOW - timedelta(days=1), "rag"))  # another channel
    feed = AssessmentRecordsFeed(store, shipped_rubric())
    got = feed.assessments(channel="C1", since=NOW - timedelta(days=7), until=NOW)
    assert [(a.who, a.verdict) for a in got] == [
        ("user2", "PEFT/LoRA + RAG (72% confidence)"),
        ("user1", f"{shipped_rubric().approach('peft').label} (72% confidence)"),
    ]


def test_feedback_counts_for_the_channel_and_period(db_url: str) -> None:
    store = SqlFeedbackStore(migrated(db_url))
    for user, vote in (("U1", 1), ("U2", 1), ("U3", -1)):
        store.record(platform="slack", channel="C1", thread_key="t", message_id="m1", user=user, vote=vote)  # type: ignore[arg-type]
    store.record(platform="slack", channel="C2", thread_key="t", message_id="m2", user="U1", vote=-1)
    feed = FeedbackCountsFeed(store)
    now = utcnow()
    assert feed.feedback_counts(
        channel="C1", since=now - timedelta(hours=1), until=now + timedelta(hours=1)
    ) == [FeedbackCount(rating="helpful", count=2), FeedbackCount(rating="not_helpful", count=1)]
    assert all(
        f.count == 0
        for f in feed.feedback_counts(
            channel="C1", since=now + timedelta(hours=1), until=now + timedelta(hours=2)
        )
    )
