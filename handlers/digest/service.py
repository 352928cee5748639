"""The digest use case: subscribe/unsubscribe a channel, and build the digest a channel would
get for a period by gathering its activity from the ports and composing it.

"Since the channel's last digest": a digest covers [end of the last period posted (or skipped)
for the channel, end of this period); the first one covers the scheduled period (or the last
period running now for a preview; the last week without a subscription).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from handlers.ask.scope import in_field
from handlers.digest.compose import DigestInputs, compose_digest
from handlers.digest.models import ChannelRef, DigestReply, Period, QuietMode, Rule, Subscription
from handlers.digest.ports import (
    AssessmentFeed,
    Clock,
    DemoRunFeed,
    DigestHistory,
    FactSource,
    FeedbackFeed,
    QuestionFeed,
    SubscriptionStore,
)
from handlers.digest.schedule import parse_rule, previous_fire
from handlers.ports import NoteStore

DEFAULT_WINDOW = timedelta(days=7)



GAP_CANDIDATES = 25  # unanswered questions read per digest; off-topic ones are dropped, 5 shown


def knowledge_gaps(unanswered: list[str], limit: int = 5) -> list[str]:
    """Unanswered questions that are about the advisor's field (knowledge gaps worth a note); a
    refused "how do I tune my guitar?" or "how should we price our SaaS?" is not a gap."""
    return [q for q in unanswered if in_field(q)][:limit]


class DigestService:
    def __init__(
        self,
        *,
        subscriptions: SubscriptionStore,
        history: DigestHistory,
        notes: NoteStore,
        questions: QuestionFeed,
        assessments: AssessmentFeed,
        demos: DemoRunFeed,
        feedback: FeedbackFeed,
        facts: FactSource,
        clock: Clock,
        quiet: QuietMode = "short",
        default_tz: str = "UTC",
    ) -> None:
        self.subscriptions = subscriptions
        self.history = history
        self.notes = notes
        self.questions = questions
        self.assessments = assessments
        self.demos = demos
        self.feedback = feedback
        self.facts = facts
        self.clock = clock
        self.quiet: QuietMode = quiet
        self.default_tz = default_tz

    # --- subscriptions -------------------------------------------------------------------------
    def subscribe(
        self, ref: ChannelRef, tokens: Sequence[str], *, created_by: str, channel_type: str = "public"
    ) -> Subscription:
        rule = parse_rule(tokens, default_tz=self.default_tz)
        return self.subscriptions.subscribe(
            ref, rule, created_by=created_by, channel_type=channel_type, now=self.clock.now()
        )

    def unsubscribe(self, ref: ChannelRef) -> bool:
        return self.subscriptions.unsubscribe(ref, now=self.clock.now())

    def subscription(self, ref: ChannelRef) -> Subscription | None:
        sub = self.subscriptions.get(ref)
        return sub if sub is not None and sub.active else None

    def list_subscriptions(self) -> list[Subscription]:
        return self.subscriptions.list(active_only=True)

    # --- content -------------------------------------------------------------------------------
    def window(self, ref: ChannelRef, *, end: datetime, fallback_start: datetime) -> Period:
        """[last digest's end, end) when there was one before `end`, else [fallback_start, end)."""
        last = self.history.last_delivered_end(ref.key)
        start = last if last is not None and last < end else fallback_start
        return Period(start=start, end=end)

    def build(self, ref: ChannelRef, period: Period, *, rule: Rule | None = None) -> DigestReply:
        """The digest `ref` gets for `period`."""
        channel = ref.channel
        # stores compare datetimes as UTC (SQLite keeps no offset): never hand them local times
        since, until = period.start.astimezone(UTC), period.end.astimezone(UTC)
        period = Period(start=since, end=until)
        notes = [n for n in self.notes.list(channel=channel, since=since) if n.created_at < until]
        inputs = DigestInputs(
            notes=notes,
            assessments=self.assessments.assessments(channel=channel, since=since, until=until),
            demos=self.demos.demo_runs(channel=channel, since=since, until=until),
            top_questions=self.questions.top_questions(channel=channel, since=since, until=until),
            gaps=knowledge_gaps(self.questions.gaps(channel=channel, since=since, until=until, limit=GAP_CANDIDATES)),
            feedback=self.feedback.feedback_counts(channel=channel, since=since, until=until),
            facts=self.facts.facts(),
        )
        return compose_digest(
            inputs,
            channel=channel,
            period=period,
            cadence=rule.cadence if rule else None,
            quiet=self.quiet,
            tz=rule.tz if rule else self.default_tz,
        )

    def for_subscription(self, sub: Subscription, slot: Period) -> DigestReply:
        """The digest posted when `slot` (a scheduled period) closes."""
        return self.build(
            sub.ref, self.window(sub.ref, end=slot.end, fallback_start=slot.start), rule=sub.rule
        )

    def preview(self, ref: ChannelRef, *, now: datetime | None = None) -> DigestReply:
        """What the channel would get if its digest were posted now (`digest preview`, `--dry-run`)."""
        now = now or self.clock.now()
        sub = self.subscription(ref)
        if sub is not None:
            # the period running now: since the latest scheduled fire (or the one before it)
            fallback = previous_fire(sub.rule, now)
            if fallback >= now:
                fallback = previous_fire(sub.rule, now - timedelta(microseconds=1))
            return self.build(ref, self.window(ref, end=now, fallback_start=fallback), rule=sub.rule)
        return self.build(ref, self.window(ref, end=now, fallback_start=now - DEFAULT_WINDOW))
