"""The runner with an injected clock: once per period at the right local time (DST included),
one post from racing runners, restarts that neither lose nor duplicate, unsubscribe, quiet."""

from __future__ import annotations

import itertools
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.scheduler.clock import trigger_for
from bot.scheduler.runner import DigestRunner
from bot.storage.digests import SqlDigestPosts
from handlers.digest.models import ChannelRef, Subscription
from handlers.digest.schedule import due_period
from tests.bot.scheduler.support import ProcessDied, World

BERLIN = ZoneInfo("Europe/Berlin")
REF = ChannelRef(platform="slack", workspace="T1", channel="C1")
LEASE = timedelta(minutes=5)


def berlin(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


def subscribe(world: World, *tokens: str, ref: ChannelRef = REF) -> Subscription:
    return world.service.subscribe(ref, list(tokens), created_by="ana")


def simulate(world: World, runner: DigestRunner, sub: Subscription, until: datetime) -> None:
    """Drive the runner like the clock process: the subscription's APScheduler cron trigger plus a
    sweep every 6 hours, jumping the injected clock from one wake-up to the next."""
    trigger = trigger_for(sub.rule)
    now = world.clock.now()
    next_cron = trigger.get_next_fire_time(None, now)
    next_sweep = now
    while min(next_cron, next_sweep) <= until:
        at = min(next_cron, next_sweep)
        world.clock.set(at)
        if at == next_cron:
            runner.run_subscription(sub.id)
            # in UTC: wall-clock arithmetic on a Berlin time would undo the fold of a repeated hour
            next_cron = trigger.get_next_fire_time(next_cron, at.astimezone(UTC) + timedelta(seconds=1))
        if at == next_sweep:
            runner.sweep()
            next_sweep = at + timedelta(hours=6)


@pytest.mark.parametrize(
    ("start", "until", "utc_hours"),
    [
        (berlin(2026, 3, 10, 12, 0), berlin(2026, 4, 14, 12, 0), [8, 8, 7, 7, 7]),  # CET -> CEST 29 March
        (berlin(2026, 10, 6, 12, 0), berlin(2026, 11, 10, 12, 0), [7, 7, 8, 8, 8]),  # CEST -> CET 25 October
    ],
)
def test_weekly_digest_posts_once_a_week_at_local_time_across_dst(
    tmp_path: Path, start: datetime, until: datetime, utc_hours: list[int]
) -> None:
    world = World(tmp_path, start)
    sub = subscribe(world, "weekly", "mon", "09:00", "Europe/Berlin")
    for week in range(5):
        world.add_note(f"tip {week}", channel="C1", at=start + timedelta(days=7 * week))
    simulate(world, world.runner("clock-1"), sub, until)

    posts = world.delivery.posts
    local = [p.at.astimezone(BERLIN) for p in posts]
    assert [t.strftime("%a %H:%M") for t in local] == ["Mon 09:00"] * 5
    assert [(b - a) for a, b in itertools.pairwise(local)] == [timedelta(days=7)] * 4  # wall clock
    assert [p.at.astimezone(UTC).hour for p in posts] == utc_hours
    # consecutive digests tile time: each starts where the previous one ended
    assert all(b.reply.period.start == a.reply.period.end for a, b in itertools.pairwise(posts))
    assert len({p.key for p in posts}) == 5
    assert [[i["gist"] for i in p.reply.sections[0].items] for p in posts] == [[f"tip {w}"] for w in range(5)]


def test_concurrent_runners_post_once(tmp_path: Path) -> None:
    """Two clock processes (threads with their own engines on one SQLite file) wake up together."""
    world = World(tmp_path, berlin(2026, 3, 27, 12, 0))
    subscribe(world, "weekly", "mon", "09:00", "Europe/Berlin")
    runners = [world.runner(f"clock-{i}", db=world.database()) for i in range(2)]
    for week in range(3):
        world.clock.set(berlin(2026, 3, 30, 9, 0) + timedelta(days=7 * week))
        barrier = threading.Barrier(len(runners))
        outcomes: list[str] = []

        def run(r: DigestRunner, barrier: threading.Barrier = barrier, outcomes: list[str] = outcomes) -> None:
            barrier.wait()
            outcomes.extend(r.sweep().values())

        threads = [threading.Thread(target=run, args=(r,)) for r in runners]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(outcomes)[-1] == "posted" and outcomes.count("posted") == 1, outcomes
    assert len(world.delivery.posts) == 3


def test_restart_between_lease_and_post_neither_loses_nor_duplicates(tmp_path: Path) -> None:
    world = World(tmp_path, berlin(2026, 3, 27, 12, 0))
    sub = subscribe(world, "weekly", "mon", "09:00", "Europe/Berlin")
    fire = berlin(2026, 3, 30, 9, 0)
    world.clock.set(fire)
    slot = due_period(sub.rule, fire)
    # the first clock process takes the lease and is killed before posting
    first = SqlDigestPosts(world.database())
    assert first.claim(REF.key, slot, subscription_id=sub.id, owner="dead", now=fire, lease=LEASE)

    restarted = world.runner("restarted", db=world.database())
    assert restarted.sweep() == {sub.id: "busy"}  # the lease still runs: no second post
    world.clock.set(fire + LEASE + timedelta(seconds=1))
    assert restarted.sweep() == {sub.id: "posted"}  # taken over: not lost
    world.clock.set(fire + timedelta(hours=1))
    assert restarted.sweep() == {sub.id: "done"}
    assert len(world.delivery.posts) == 1


@pytest.mark.parametrize(
    ("die", "outcome", "lookups"), [("die_before_send", "posted", 1), ("die_after_send", "recovered", 1)]
)
def test_killed_while_posting(tmp_path: Path, die: str, outcome: str, lookups: int) -> None:
    """Killed after recording 'posting': before the message went out (-> posted by the next runner)
    or after (-> found by its idempotency key and recorded, not posted again)."""
    world = World(tmp_path, berlin(2026, 3, 27, 12, 0))
    sub = subscribe(world, "weekly", "mon", "09:00", "Europe/Berlin")
    world.clock.set(berlin(2026, 3, 30, 9, 0))
    setattr(world.delivery, die, True)
    with pytest.raises(ProcessDied):
        world.runner("dying").sweep()

    restarted = world.runner("restarted", db=world.database())
    assert restarted.sweep() == {sub.id: "busy"}
    world.clock.advance(LEASE + timedelta(seconds=1))
    assert restarted.sweep() == {sub.id: outcome}
    assert world.delivery.lookups == lookups
    assert len(world.delivery.posts) == 1
    record = SqlDigestPosts(world.db).get(REF.key, due_period(sub.rule, world.clock.now()).start)
    assert record is not None and record.status == "posted" and record.message_ref == "msg-1"


def test_downtime_posts_the_latest_missed_period_once(tmp_path: Path) -> None:
    world = World(tmp_path, berlin(2026, 3, 1, 12, 0))
    subscribe(world, "weekly", "mon", "09:00", "Europe/Berlin")
    runner = world.runner("clock")
    world.clock.set(berlin(2026, 3, 2, 9, 0))
    assert set(runner.sweep().values()) == {"posted"}
    # down from Monday 2 March until Thursday 26 March: three Mondays missed
    world.add_note("written while the clock was down", channel="C1", at=berlin(2026, 3, 10, 12, 0))
    for hour in range(0, 12, 2):
        world.clock.set(berlin(2026, 3, 26, 10 + hour, 0))
        runner.sweep()
    assert len(world.delivery.posts) == 2
    caught_up = world.delivery.posts[1].reply
    assert caught_up.period.start == berlin(2026, 3, 2, 9, 0)  # since the last digest: nothing lost
    assert caught_up.period.end == berlin(2026, 3, 23, 9, 0)
    assert "written while the clock was down" in caught_up.text


def test_unsubscribe_stops_posts(tmp_path: Path) -> None:
    world = World(tmp_path, berlin(2026, 3, 1, 12, 0))
    sub = subscribe(world, "daily", "08:00", "Europe/Berlin")
    runner = world.runner("clock")
    world.clock.set(berlin(2026, 3, 2, 8, 0))
    assert runner.run_subscription(sub.id) == "posted"
    assert world.service.unsubscribe(REF)
    for day in range(3, 10):
        world.clock.set(berlin(2026, 3, day, 8, 0))
        assert runner.run_subscription(sub.id) == "inactive"  # a cron job still in flight
        assert runner.sweep() == {}
    assert len(world.delivery.posts) == 1


def test_new_subscription_does_not_post_the_period_before_it(tmp_path: Path) -> None:
    world = World(tmp_path, berlin(2026, 3, 4, 12, 0))  # a Wednesday: Monday's fire is in the past
    subscribe(world, "weekly", "mon", "09:00", "Europe/Berlin")
    runner = world.runner("clock")
    assert set(runner.sweep().values()) == {"not_due"}
    world.clock.set(berlin(2026, 3, 9, 9, 0))
    assert set(runner.sweep().values()) == {"posted"}


def test_quiet_period_short_posts_one_line(tmp_path: Path) -> None:
    world = World(tmp_path, berlin(2026, 3, 1, 12, 0), quiet="short")
    subscribe(world, "weekly", "mon", "09:00", "Europe/Berlin")
    world.clock.set(berlin(2026, 3, 2, 9, 0))
    assert set(world.runner("clock").sweep().values()) == {"posted"}
    [post] = world.delivery.posts
    assert post.reply.quiet and "\n" not in post.reply.text


def test_quiet_period_skip_posts_nothing_and_is_done(tmp_path: Path) -> None:
    world = World(tmp_path, berlin(2026, 3, 1, 12, 0), quiet="skip")
    subscribe(world, "weekly", "mon", "09:00", "Europe/Berlin")
    world.clock.set(berlin(2026, 3, 2, 9, 0))
    runner = world.runner("clock")
    assert set(runner.sweep().values()) == {"skipped"}
    assert set(runner.sweep().values()) == {"done"}
    assert world.delivery.posts == []


def test_platform_outage_is_retried_then_given_up(tmp_path: Path) -> None:
    world = World(tmp_path, berlin(2026, 3, 1, 12, 0))
    subscribe(world, "weekly", "mon", "09:00", "Europe/Berlin")
    world.delivery.fail = True
    runner = DigestRunner(
        service=world.service,
        subscriptions=world.subscriptions,
        ledger=SqlDigestPosts(world.db),
        deliveries=world.runner("x").deliveries,
        clock=world.clock,
        owner="clock",
        lease=LEASE,
        max_attempts=3,
    )
    world.delivery.fail = False
    world.clock.set(berlin(2026, 3, 2, 9, 0))
    assert set(runner.sweep().values()) == {"posted"}
    world.delivery.fail = True
    world.clock.set(berlin(2026, 3, 9, 9, 0))
    outcomes: list[str] = []
    for _ in range(4):
        outcomes.extend(runner.sweep().values())
        world.clock.advance(timedelta(minutes=1))
    # failed sends stay 'posting': each retry first checks whether the message went out after all
    assert outcomes == ["failed", "failed", "failed", "done"]
    assert world.delivery.lookups == 2
    world.delivery.fail = False
    world.clock.set(berlin(2026, 3, 16, 9, 0))
    assert set(runner.sweep().values()) == {"posted"}
    assert world.delivery.posts[1].reply.period.start == berlin(2026, 3, 2, 9, 0)  # covers the lost week


def test_private_notes_never_appear_in_other_channels_digests(tmp_path: Path) -> None:
    world = World(tmp_path, berlin(2026, 3, 1, 12, 0))
    other = ChannelRef(platform="slack", workspace="T1", channel="C2")
    subscribe(world, "weekly", "mon", "09:00", "Europe/Berlin")
    subscribe(world, "weekly", "mon", "09:00", "Europe/Berlin", ref=other)
    world.add_note("team-wide tip", channel="C2", at=berlin(2026, 3, 1, 13, 0))
    world.add_note("C2 only: the vendor quote", channel="C2", at=berlin(2026, 3, 1, 14, 0), visibility="private")
    world.clock.set(berlin(2026, 3, 2, 9, 0))
    world.runner("clock").sweep()
    by_channel = {p.channel: p.reply for p in world.delivery.posts}
    assert "team-wide tip" in by_channel["C1"].text and "vendor quote" not in by_channel["C1"].text
    assert "vendor quote" not in str(by_channel["C1"].contract())
    assert "vendor quote" in by_channel["C2"].text


@pytest.mark.parametrize(
    ("start", "until", "dst_day_utc"),
    [
        # spring forward: 02:30 does not exist on 29 March; it fires once, at 01:30 UTC (03:30 CEST)
        (berlin(2026, 3, 27, 12), berlin(2026, 3, 31, 12), datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),
        # fall back: 02:30 happens twice on 25 October; the cron trigger wakes twice, one digest is posted
        (berlin(2026, 10, 23, 12), berlin(2026, 10, 27, 12), datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
    ],
)
def test_daily_digest_in_the_dst_hour_posts_once_a_day(
    tmp_path: Path, start: datetime, until: datetime, dst_day_utc: datetime
) -> None:
    world = World(tmp_path, start)
    sub = subscribe(world, "daily", "02:30", "Europe/Berlin")
    simulate(world, world.runner("clock"), sub, until)
    times = [p.at.astimezone(UTC) for p in world.delivery.posts]
    assert len(times) == 4 and dst_day_utc in times
    assert len({t.astimezone(BERLIN).date() for t in times}) == 4  # one per local day
