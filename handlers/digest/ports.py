"""What digests need from the outside world, as Protocols.

`bot/` implements them (`bot/storage/digests.py` for subscriptions and the ledger, adapters over
the question log, assessments, demo runs and feedback in `bot/storage/digest_sources.py`); tests
inject in-memory fakes. Notes come through `handlers.ports.NoteStore`, whose `list(channel=...)`
already honours private visibility.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Protocol

from pydantic import BaseModel, Field

from handlers.digest.models import ChannelRef, Rule, Subscription


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware (UTC)."""
        ...


class SystemClock:
    """The real clock. Tests inject their own `Clock`."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class SubscriptionStore(Protocol):
    def subscribe(
        self, ref: ChannelRef, rule: Rule, *, created_by: str, channel_type: str, now: datetime
    ) -> Subscription:
        """Create or replace the channel's subscription (one per channel), active from `now`."""
        ...

    def unsubscribe(self, ref: ChannelRef, *, now: datetime) -> bool:
        """Deactivate it; False when the channel had no active subscription."""
        ...

    def get(self, ref: ChannelRef) -> Subscription | None: ...

    def get_by_id(self, subscription_id: str) -> Subscription | None: ...

    def list(self, *, active_only: bool = True) -> list[Subscription]: ...


class DigestHistory(Protocol):
    """The read side of the digest ledger."""

    def last_delivered_end(self, channel_key: str) -> datetime | None:
        """End of the latest period that was posted (or deliberately skipped) for the channel."""
        ...


class AssessmentSummary(BaseModel):
    who: str
    verdict: str  # e.g. "PEFT / LoRA"
    at: datetime
    use_case: str = ""


class DemoRunSummary(BaseModel):
    who: str
    task: str
    headline: str  # e.g. "LoRA 100 % vs prompted 47 % accuracy, 0.22 s vs 0.26 s per item"
    at: datetime
    metrics: dict[str, float | str] = Field(default_factory=dict)


class FeedbackCount(BaseModel):
    rating: str  # "helpful" | "not_helpful" (whatever the feedback store records)
    count: int


class Fact(BaseModel):
    """A "did you know" candidate: `text` is quoted verbatim from corpus passage `id`."""

    id: str
    text: str
    title: str
    source: str


class AssessmentFeed(Protocol):
    def assessments(self, *, channel: str, since: datetime, until: datetime) -> list[AssessmentSummary]:
        """Assessments finished in `channel` in [since, until), oldest first."""
        ...


class DemoRunFeed(Protocol):
    def demo_runs(self, *, channel: str, since: datetime, until: datetime) -> list[DemoRunSummary]: ...


class QuestionFeed(Protocol):
    """Matches `bot.storage.conversations.SqlQuestionLog`."""

    def top_questions(
        self, *, channel: str | None, since: datetime, until: datetime, limit: int = 5
    ) -> list[tuple[str, int]]: ...

    def gaps(self, *, channel: str | None, since: datetime, until: datetime, limit: int = 5) -> list[str]: ...


class FeedbackFeed(Protocol):
    def feedback_counts(self, *, channel: str, since: datetime, until: datetime) -> list[FeedbackCount]: ...


class FactSource(Protocol):
    def facts(self) -> Sequence[Fact]:
        """Every "did you know" candidate, in a stable order."""
        ...


class NoActivity:
    """A feed with nothing in it: wired in where a source does not exist (yet)."""

    def assessments(self, *, channel: str, since: datetime, until: datetime) -> list[AssessmentSummary]:
        return []

    def demo_runs(self, *, channel: str, since: datetime, until: datetime) -> list[DemoRunSummary]:
        return []

    def feedback_counts(self, *, channel: str, since: datetime, until: datetime) -> list[FeedbackCount]:
        return []

    def top_questions(
        self, *, channel: str | None, since: datetime, until: datetime, limit: int = 5
    ) -> list[tuple[str, int]]:
        return []

    def gaps(self, *, channel: str | None, since: datetime, until: datetime, limit: int = 5) -> list[str]:
        return []

    def facts(self) -> Sequence[Fact]:
        return []
