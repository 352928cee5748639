"""The `clock` process (`ftadvisor clock`, Procfile `clock:`): APScheduler wakes the runner.

One cron job per active subscription (its rule: day of week, HH:MM, IANA time zone) plus a sweep
every `sweep_interval` that re-reads the subscriptions (new, changed and cancelled ones take
effect without a restart) and posts anything due that nobody posted - after downtime, the latest
missed period once. APScheduler only decides *when to look*; *whether to post* is decided by
the schedule math and the database ledger, so a double wake-up (two clock processes, a DST
fall-back hour that repeats 02:30, a sweep racing a cron job) never double-posts.
"""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.scheduler.runner import DigestRunner
from handlers.digest.models import Rule, Subscription
from handlers.digest.ports import SubscriptionStore

log = logging.getLogger(__name__)

SWEEP_JOB_ID = "digest-sweep"
JOB_PREFIX = "digest:"


def trigger_for(rule: Rule) -> CronTrigger:
    """The APScheduler cron trigger of a rule, in the rule's time zone."""
    hh, mm = (int(x) for x in rule.time.split(":"))
    day = "*" if rule.cadence == "daily" else (rule.day or "mon")
    return CronTrigger(day_of_week=day, hour=hh, minute=mm, timezone=ZoneInfo(rule.tz))


def _rule_key(sub: Subscription) -> str:
    r = sub.rule
    return f"{r.cadence}|{r.day}|{r.time}|{r.tz}"


class DigestClock:
    """Keeps the scheduler's jobs in step with the subscriptions table."""

    def __init__(
        self,
        runner: DigestRunner,
        subscriptions: SubscriptionStore,
        *,
        sweep_interval: timedelta = timedelta(minutes=5),
        scheduler: BaseScheduler | None = None,
    ) -> None:
        self.runner = runner
        self.subscriptions = subscriptions
        self.sweep_interval = sweep_interval
        self.scheduler = scheduler or BlockingScheduler(
            executors={"default": ThreadPoolExecutor(max_workers=4)},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 300},
            timezone=ZoneInfo("UTC"),  # the scheduler's own clock; each cron trigger carries its zone
        )
        self._rules: dict[str, str] = {}  # job id -> rule key it was scheduled with

    def sync_jobs(self) -> None:
        """Add, reschedule or remove the cron jobs to match the active subscriptions."""
        wanted = {JOB_PREFIX + s.id: s for s in self.subscriptions.list(active_only=True)}
        for job_id in [j for j in self._rules if j not in wanted]:
            self.scheduler.remove_job(job_id)
            del self._rules[job_id]
            log.info("digest job %s removed", job_id)
        for job_id, sub in wanted.items():
            key = _rule_key(sub)
            if self._rules.get(job_id) == key:
                continue
            self.scheduler.add_job(
                self.runner.run_subscription,
                trigger_for(sub.rule),
                args=[sub.id],
                id=job_id,
                name=f"digest {sub.ref.key}",
                replace_existing=True,
            )
            self._rules[job_id] = key
            log.info("digest job %s: %s for %s", job_id, sub.rule.describe(), sub.ref.key)

    def tick(self) -> None:
        """The periodic sweep: refresh the jobs, then post whatever is due and not yet posted."""
        try:
            self.sync_jobs()
            self.runner.sweep()
        except Exception:  # keep the clock alive; the next sweep retries
            log.exception("digest sweep failed")

    def install(self) -> None:
        """Schedule the sweep (first run at once: catches up after downtime) and the cron jobs."""
        self.scheduler.add_job(
            self.tick,
            IntervalTrigger(seconds=self.sweep_interval.total_seconds()),
            id=SWEEP_JOB_ID,
            name="digest sweep",
            next_run_time=datetime.now(UTC),  # APScheduler keeps real time; "due" uses the runner's clock
            replace_existing=True,
        )
        self.sync_jobs()

    def job_ids(self) -> list[str]:
        return sorted(j.id for j in self.scheduler.get_jobs())

    def run_forever(self, *, install_signal_handlers: bool = True) -> None:
        """Block until SIGINT/SIGTERM; running posts finish before exit (the ledger covers a kill)."""
        if install_signal_handlers:
            _exit_on(signal.SIGTERM)
        self.install()
        log.info("clock started: owner %s, sweep every %s", self.runner.owner, self.sweep_interval)
        try:
            self.scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            pass
        finally:
            if self.scheduler.running:
                self.scheduler.shutdown(wait=True)
            log.info("clock stopped")


def _exit_on(signum: int) -> None:
    handler: Callable[[int, Any], None] = lambda *_: sys.exit(0)  # noqa: E731
    signal.signal(signum, handler)
