"""Posting due digests exactly once. No timers here: `run_one` is called by the cron job of a
subscription and by the periodic sweep, with the time taken from the injected clock.

For a subscription at instant `now`, the due slot is the scheduled period closed by the latest
fire time <= now (`handlers.digest.schedule.due_period`). Only that slot is ever posted: after
downtime the periods missed in between are not posted one by one - the digest for the latest
one covers everything since the channel's last digest. The ledger (`SqlDigestPosts`) makes the
post exactly-once across runners and restarts.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Literal

from bot.scheduler.delivery import Deliveries
from bot.storage.digest_ledger import SqlDigestPosts
from handlers.digest.models import Subscription
from handlers.digest.ports import Clock, SubscriptionStore
from handlers.digest.schedule import due_period
from handlers.digest.service import DigestService

log = logging.getLogger(__name__)

Outcome = Literal[
    "posted", "recovered", "skipped", "not_due", "done", "busy", "lost_lease", "failed", "inactive"
]


def process_owner() -> str:
    """A lease owner id unique to this process (host, pid and a random part)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class DigestRunner:
    def __init__(
        self,
        *,
        service: DigestService,
        subscriptions: SubscriptionStore,
        ledger: SqlDigestPosts,
        deliveries: Deliveries,
        clock: Clock,
        owner: str | None = None,
        lease: timedelta = timedelta(minutes=5),
        max_attempts: int = 5,
        on_outcome: Callable[[Subscription, Outcome], None] | None = None,
    ) -> None:
        self.service = service
        self.subscriptions = subscriptions
        self.ledger = ledger
        self.deliveries = deliveries
        self.clock = clock
        self.owner = owner or process_owner()
        self.lease = lease
        self.max_attempts = max_attempts
        self.on_outcome = on_outcome

    def sweep(self) -> dict[str, Outcome]:
        """Post every active subscription's due digest that nobody posted yet (missed ticks too)."""
        return {sub.id: self.run_one(sub) for sub in self.subscriptions.list(active_only=True)}

    def run_subscription(self, subscription_id: str) -> Outcome:
        """The cron job of one subscription (re-read: it may have been unsubscribed since)."""
        sub = self.subscriptions.get_by_id(subscription_id)
        if sub is None or not sub.active:
            return "inactive"
        return self.run_one(sub)

    def run_one(self, sub: Subscription) -> Outcome:
        outcome = self._run(sub)
        if outcome not in ("not_due", "done"):
            log.info("digest %s %s: %s", sub.ref.key, sub.rule.describe(), outcome)
        if self.on_outcome is not None:
            self.on_outcome(sub, outcome)
        return outcome

    def _run(self, sub: Subscription) -> Outcome:
        if not sub.active:
            return "inactive"
        now = self.clock.now()
        slot = due_period(sub.rule, now)
        if slot.end < sub.active_since:
            return "not_due"  # the latest fire was before the rule was set
        key = sub.ref.key
        if self.ledger.is_done(key, slot.start):
            return "done"
        claim = self.ledger.claim(
            key, slot, subscription_id=sub.id, owner=self.owner, now=now, lease=self.lease
        )
        if claim is None:
            return "busy"  # another runner holds the lease, or finished it a moment ago
        try:
            delivery = self.deliveries.get(sub.ref.platform)
            if claim.previous_status == "posting":
                # the previous owner crashed after starting to post: did the message go out?
                ref = delivery.find(
                    sub, idempotency_key=claim.idempotency_key, since=claim.posting_started_at or slot.end
                )
                if ref is not None:
                    self.ledger.mark_posted(claim, message_ref=ref, now=self.clock.now())
                    return "recovered"
            reply = self.service.for_subscription(sub, slot)
            if not reply.postable:
                self.ledger.mark_skipped(claim, now=self.clock.now())
                return "skipped"
            if not self.ledger.mark_posting(claim, now=self.clock.now()):
                return "lost_lease"
            ref = delivery.post(sub, reply, idempotency_key=claim.idempotency_key)
            self.ledger.mark_posted(claim, message_ref=ref, now=self.clock.now())
            return "posted"
        except Exception as exc:
            status = self.ledger.release(
                claim, now=self.clock.now(), error=repr(exc), max_attempts=self.max_attempts
            )
            log.exception("digest for %s failed (attempt %d, now %s)", key, claim.attempts, status)
            return "failed"
