"""The storage group of the composition root: the database and every SQL store built on it, one
lazy typed property each. `Container` inherits them; kept apart from `bot/container.py` so that
the container file holds the clients and use cases, and storage can be read as one list.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported lazily below: a CLI command pays only for the stores it uses
    from bot.settings import Settings
    from bot.storage.assessments import SqlAssessmentStore
    from bot.storage.conversations import SqlConversationStore, SqlQuestionLog
    from bot.storage.db import Database
    from bot.storage.demo_runs import SqlDemoRunStore
    from bot.storage.digests import SqlDigestPosts, SqlSubscriptionStore
    from bot.storage.feedback import SqlFeedbackStore
    from bot.storage.inbox import SqlInbox
    from bot.storage.notes import SqlNoteStore
    from bot.storage.receipts import SqlEventReceipts
    from bot.storage.sources import SqlSourceStore
    from bot.storage.teams_refs import SqlTeamsConversationStore
    from bot.storage.train_jobs import SqlTrainJobs


class StorageClients:
    """The database (schema created on first use) and the stores; needs `settings`."""

    settings: Settings

    @cached_property
    def db(self) -> Database:
        from bot.storage.db import Database

        self.settings.data_dir.mkdir(parents=True, exist_ok=True)
        db = Database(self.settings.resolved_database_url)
        db.create_schema()
        return db

    @cached_property
    def notes_store(self) -> SqlNoteStore:
        from bot.storage.notes import SqlNoteStore

        return SqlNoteStore(self.db)

    @cached_property
    def conversations(self) -> SqlConversationStore:
        from bot.storage.conversations import SqlConversationStore

        return SqlConversationStore(self.db)

    @cached_property
    def sources(self) -> SqlSourceStore:
        from bot.storage.sources import SqlSourceStore

        return SqlSourceStore(self.db)

    @cached_property
    def question_log(self) -> SqlQuestionLog:
        from bot.storage.conversations import SqlQuestionLog

        return SqlQuestionLog(self.db)

    @cached_property
    def event_receipts(self) -> SqlEventReceipts:
        """Processed event/activity ids (exactly-once handling of redeliveries), shared by adapters."""
        from bot.storage.receipts import SqlEventReceipts

        return SqlEventReceipts(self.db, ttl_s=self.settings.event_dedupe_ttl_s)

    @cached_property
    def inbox(self) -> SqlInbox:
        """Accepted work (Slack messages for the bot), leased to one replica, never lost."""
        from datetime import timedelta

        from bot.storage.inbox import SqlInbox

        return SqlInbox(self.db, lease=timedelta(seconds=self.settings.inbox_lease_s))

    @cached_property
    def feedback(self) -> SqlFeedbackStore:
        """Votes on answers (the feedback buttons); also the digests' FeedbackFeed."""
        from bot.storage.feedback import SqlFeedbackStore

        return SqlFeedbackStore(self.db)

    @cached_property
    def teams_references(self) -> SqlTeamsConversationStore:
        """Teams conversation references stored at install, for proactive digests."""
        from bot.storage.teams_refs import SqlTeamsConversationStore

        return SqlTeamsConversationStore(self.db)

    @cached_property
    def digest_subscriptions(self) -> SqlSubscriptionStore:
        from bot.storage.digests import SqlSubscriptionStore

        return SqlSubscriptionStore(self.db)

    @cached_property
    def digest_posts(self) -> SqlDigestPosts:
        """The digest ledger: exactly one post per (channel, period)."""
        from bot.storage.digests import SqlDigestPosts

        return SqlDigestPosts(self.db)

    @cached_property
    def demo_runs(self) -> SqlDemoRunStore:
        """Demo runs and their headline numbers (written around the demo feature, read by digests)."""
        from bot.storage.demo_runs import SqlDemoRunStore

        return SqlDemoRunStore(self.db)

    @cached_property
    def assessments_store(self) -> SqlAssessmentStore:
        from bot.storage.assessments import SqlAssessmentStore

        return SqlAssessmentStore(self.db)

    @cached_property
    def train_jobs(self) -> SqlTrainJobs:
        """The training queue of `/ft-demo train` (one training at a time per deployment)."""
        from bot.storage.train_jobs import SqlTrainJobs

        return SqlTrainJobs(self.db)
