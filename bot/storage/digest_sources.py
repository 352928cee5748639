"""Adapters from other features' stores to the digest's activity ports (`handlers.digest.ports`).

The question log (`SqlQuestionLog`) already matches `QuestionFeed` and demo runs have their own
store (`bot.storage.demo_runs`); feedback votes and finished assessments are adapted here.
"""

from __future__ import annotations

from datetime import datetime

from bot.storage.assessments import SqlAssessmentStore
from bot.storage.feedback import SqlFeedbackStore
from handlers.assess.models import AssessmentRecord
from handlers.digest.ports import AssessmentSummary, FeedbackCount
from handlers.home import verdict_name
from knowledge.rubric.model import Rubric


class FeedbackCountsFeed:
    """Implements `FeedbackFeed` over the thumbs up/down votes on answers."""

    def __init__(self, store: SqlFeedbackStore) -> None:
        self.store = store

    def feedback_counts(self, *, channel: str, since: datetime, until: datetime) -> list[FeedbackCount]:
        counts = self.store.counts(channel=channel, since=since, until=until)
        return [
            FeedbackCount(rating="helpful", count=counts.up),
            FeedbackCount(rating="not_helpful", count=counts.down),
        ]


class AssessmentRecordsFeed:
    """Implements `AssessmentFeed` over finished assessments (`SqlAssessmentStore.recent`), with
    verdicts named as the rubric names them ("PEFT/LoRA + RAG", ...)."""

    def __init__(self, store: SqlAssessmentStore, rubric: Rubric, *, scan: int = 500) -> None:
        self.store = store
        self.rubric = rubric
        self.scan = scan

    def verdict(self, record: AssessmentRecord) -> str:
        return verdict_name(self.rubric, record)

    def assessments(self, *, channel: str, since: datetime, until: datetime) -> list[AssessmentSummary]:
        records = [
            r for r in self.store.recent(limit=self.scan, channel=channel) if since <= r.created_at < until
        ]
        return [
            AssessmentSummary(who=r.user_name or r.user, verdict=self.verdict(r), at=r.created_at)
            for r in sorted(records, key=lambda r: r.created_at)
        ]
