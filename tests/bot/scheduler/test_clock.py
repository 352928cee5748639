"""The clock process's APScheduler wiring: cron triggers agree with the schedule math, and the
jobs follow the subscriptions table."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from apscheduler.schedulers.background import BackgroundScheduler

from bot.scheduler.clock import SWEEP_JOB_ID, DigestClock, trigger_for
from handlers.digest.models import ChannelRef, Rule
from handlers.digest.schedule import next_fire
from tests.bot.scheduler.support import World

ZONES = ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "UTC"]


@pytest.mark.parametrize("tz", ZONES)
@pytest.mark.parametrize(("cadence", "day"), [("weekly", "mon"), ("weekly", "sun"), ("daily", None)])
def test_cron_trigger_matches_the_schedule_for_a_year(tz: str, cadence: str, day: str | None) -> None:
    rule = Rule(cadence=cadence, day=day, time="09:15", tz=tz)  # type: ignore[arg-type]
    trigger = trigger_for(rule)
    at = datetime(2026, 1, 1, tzinfo=UTC)
    previous = None
    for _ in range(60 if cadence == "weekly" else 400):
        fired = trigger.get_next_fire_time(previous, at)
        assert fired is not None
        assert fired == next_fire(rule, at), (rule, at)
        previous, at = fired, fired + timedelta(seconds=1)


@pytest.fixture
def paused() -> Iterator[BackgroundScheduler]:
    scheduler = BackgroundScheduler(timezone=ZoneInfo("UTC"))
    scheduler.start(paused=True)  # jobs get their next run times but never run
    yield scheduler
    scheduler.shutdown(wait=False)


def test_jobs_follow_subscriptions(tmp_path: Path, paused: BackgroundScheduler) -> None:
    world = World(tmp_path, datetime(2026, 3, 25, 12, 0, tzinfo=UTC))
    a = world.service.subscribe(
        ChannelRef(platform="slack", channel="CA"), ["mon", "09:00", "Europe/Berlin"], created_by="x"
    )
    clock = DigestClock(world.runner("clock"), world.subscriptions, scheduler=paused)
    clock.install()
    assert clock.job_ids() == sorted([SWEEP_JOB_ID, f"digest:{a.id}"])
    job = paused.get_job(f"digest:{a.id}")
    assert job.next_run_time.astimezone(ZoneInfo("Europe/Berlin")).strftime("%a %H:%M") == "Mon 09:00"

    b = world.service.subscribe(ChannelRef(platform="slack", channel="CB"), ["daily", "18:00"], created_by="x")
    world.service.subscribe(
        ChannelRef(platform="slack", channel="CA"), ["fri", "17:00", "Europe/Berlin"], created_by="x"
    )
    world.service.unsubscribe(ChannelRef(platform="slack", channel="CB"))
    clock.sync_jobs()
    assert clock.job_ids() == sorted([SWEEP_JOB_ID, f"digest:{a.id}"])
    job = paused.get_job(f"digest:{a.id}")
    assert job.next_run_time.astimezone(ZoneInfo("Europe/Berlin")).strftime("%a %H:%M") == "Fri 17:00"
    assert paused.get_job(f"digest:{b.id}") is None


def test_tick_posts_what_is_due(tmp_path: Path, paused: BackgroundScheduler) -> None:
    world = World(tmp_path, datetime(2026, 3, 29, 12, 0, tzinfo=UTC))
    world.service.subscribe(
        ChannelRef(platform="slack", channel="C1"), ["mon", "09:00", "Europe/Berlin"], created_by="x"
    )
    clock = DigestClock(world.runner("clock"), world.subscriptions, scheduler=paused)
    clock.tick()
    assert world.delivery.posts == []
    world.clock.set(datetime(2026, 3, 30, 7, 5, tzinfo=UTC))  # 09:05 CEST: the cron job was missed
    clock.tick()
    clock.tick()
    assert len(world.delivery.posts) == 1


def test_clock_process_catches_up_at_start_and_stops_cleanly(tmp_path: Path) -> None:
    """The real BlockingScheduler: its first sweep runs at start-up and posts the period missed
    while the clock was down; shutdown returns `run_forever`."""
    from apscheduler.schedulers.blocking import BlockingScheduler

    world = World(tmp_path, datetime(2026, 3, 29, 12, 0, tzinfo=UTC))
    world.service.subscribe(
        ChannelRef(platform="slack", channel="C1"), ["mon", "09:00", "Europe/Berlin"], created_by="x"
    )
    world.clock.set(datetime(2026, 3, 31, 12, 0, tzinfo=UTC))  # down over Monday's fire
    swept = threading.Event()
    runner = world.runner("clock")
    runner.on_outcome = lambda sub, outcome: swept.set()
    scheduler = BlockingScheduler(timezone=ZoneInfo("UTC"))
    clock = DigestClock(runner, world.subscriptions, scheduler=scheduler, sweep_interval=timedelta(hours=1))
    thread = threading.Thread(target=clock.run_forever, kwargs={"install_signal_handlers": False})
    thread.start()
    try:
        assert swept.wait(timeout=60)
    finally:
        scheduler.shutdown(wait=True)
        thread.join(timeout=60)
    assert not thread.is_alive()
    assert len(world.delivery.posts) == 1
