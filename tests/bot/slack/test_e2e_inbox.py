"""Accepted work is never lost, and answered once: replica A acknowledges a mention and dies in the
middle of the turn (or right after posting, before recording it done); replica B, sharing the
database, takes the work over once A's lease expires. Real Bolt app over HTTP, fake Slack Web API.

A late heart-beat: A's lease runs out while its turn is still running, B takes the work over and
answers; A's turn then ends and posts nothing (its fencing token lost).

Slash commands (`/ft-ask`) and feature buttons (an assessment answer) go the same way: accepted
while acknowledged, redone by B once.

The two replicas and how A dies: tests/bot/slack/replicas.py.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import update

from bot.inbox_worker import InboxSweeper
from bot.slack.inbox import CLICK_KIND, COMMAND_KIND
from bot.slack.once import message_key
from bot.storage.inbox import SqlInbox
from bot.storage.schema import inbox_table
from tests.bot.slack.conftest import SlackEnv, blocks_text, wait_until
from tests.bot.slack.replicas import dies_before_done, dies_mid_turn, open_work, take_over
from tests.bot.slack.test_e2e_commands import last_question, progress_of, start_assessment
from tests.support.fake_slack import Call, FakeSlack

QUESTION = "When should we fine-tune instead of using RAG?"


def thread_calls(fake: FakeSlack, channel: str, ts: str) -> list[Call]:
    posted = {c.ts for c in fake.calls_to("chat.postMessage", lambda c: c.params.get("thread_ts") == ts)}
    return [
        c for c in list(fake.calls)
        if c.method in ("chat.postMessage", "chat.update") and c.params.get("channel") == channel
        and (c.params.get("thread_ts") == ts or c.params.get("ts") in posted)
    ]


def test_a_turn_whose_replica_died_mid_turn_is_answered_by_another_once(
    replica_a: SlackEnv, replica_b: InboxSweeper, fake: FakeSlack
) -> None:
    a = replica_a.container
    with dies_mid_turn(replica_a):
        ts = replica_a.mention(QUESTION, channel="CINBOX1")  # acknowledged (200), then A dies
    [placeholder] = thread_calls(fake, "CINBOX1", ts)  # A got as far as "Thinking..."
    assert a.inbox.status(message_key("CINBOX1", ts)) == "leased"

    take_over(replica_b)
    calls = thread_calls(fake, "CINBOX1", ts)
    assert [c.method for c in calls] == ["chat.postMessage", "chat.update"]  # no second placeholder
    answer = calls[1]
    assert answer.params["ts"] == placeholder.ts and "Fine-Tuning vs. Prompt Engineering" in blocks_text(answer)
    assert answer.params["metadata"]["event_payload"] == {"inbox_key": message_key("CINBOX1", ts), "part": 0}
    assert a.inbox.status(message_key("CINBOX1", ts)) == "done"
    assert replica_b.sweep_once() == 0  # nothing left


def test_a_turn_posted_before_its_replica_died_is_not_answered_again(
    replica_a: SlackEnv, replica_b: InboxSweeper, fake: FakeSlack
) -> None:
    inbox = replica_a.container.inbox
    with dies_before_done(replica_a):
        ts = replica_a.mention(QUESTION, channel="CINBOX2")
    before = thread_calls(fake, "CINBOX2", ts)
    assert [c.method for c in before] == ["chat.postMessage", "chat.update"]  # answered, not recorded done

    take_over(replica_b)
    assert thread_calls(fake, "CINBOX2", ts) == before  # found the tagged answer: nothing posted again
    assert inbox.status(message_key("CINBOX2", ts)) == "done"


def test_a_mention_and_its_twin_are_accepted_once(replica_a: SlackEnv, fake: FakeSlack) -> None:
    ts = replica_a.mention(QUESTION, channel="CINBOX3")
    replica_a.message(f"<@UBOT> {QUESTION}", channel="CINBOX3", ts=ts)  # the `message` twin
    replica_a.idle()
    assert [c.method for c in thread_calls(fake, "CINBOX3", ts)] == ["chat.postMessage", "chat.update"]
    assert replica_a.container.inbox.status(message_key("CINBOX3", ts)) == "done"


def test_chatter_is_not_recorded(replica_a: SlackEnv) -> None:
    ts = replica_a.message("just people talking", channel="CINBOX4")
    replica_a.idle()
    assert replica_a.container.inbox.status(message_key("CINBOX4", ts)) is None


class OvertakenMidTurn:
    """A's router: while A's turn runs, its lease runs out (the heart-beat is late) and replica B
    takes the work over and answers; then A's own answer is ready."""

    def __init__(self, router: Any, inbox: SqlInbox, b: InboxSweeper) -> None:
        self.router, self.inbox, self.b = router, inbox, b

    def handle(self, *args: Any, **kwargs: Any) -> Any:
        def expire_then_sweep() -> bool:
            with self.inbox.db.begin() as conn:  # as if A's heart-beat came late: the lease is over
                conn.execute(update(inbox_table).values(lease_until=inbox_table.c.created_at))
            return self.b.sweep_once() > 0  # (A's heart-beat may renew it first: then try again)

        wait_until(expire_then_sweep, timeout=30)
        return self.router.handle(*args, **kwargs)


def test_a_turn_whose_lease_was_taken_over_while_running_posts_nothing(
    replica_a: SlackEnv, replica_b: InboxSweeper, fake: FakeSlack
) -> None:
    a = replica_a.container
    router = a.router
    a.__dict__["router"] = OvertakenMidTurn(router, a.inbox, replica_b)
    try:
        ts = replica_a.mention(QUESTION, channel="CINBOX5")
        replica_a.idle()
    finally:
        a.__dict__["router"] = router
    calls = thread_calls(fake, "CINBOX5", ts)
    # A's placeholder, then B's answer replacing it; A's own answer (ready later) was never posted
    assert [c.method for c in calls] == ["chat.postMessage", "chat.update"]
    assert calls[1].params["ts"] == calls[0].ts and "Fine-Tuning vs. Prompt Engineering" in blocks_text(calls[1])
    assert a.inbox.status(message_key("CINBOX5", ts)) == "done"


def command_calls(fake: FakeSlack, channel: str) -> list[Call]:
    return [c for c in list(fake.calls) if c.method in ("chat.postMessage", "chat.update")
            and c.params.get("channel") == channel]


def test_a_slash_command_whose_replica_died_mid_turn_is_answered_by_another_once(
    replica_a: SlackEnv, replica_b: InboxSweeper, fake: FakeSlack
) -> None:
    a = replica_a.container
    with dies_mid_turn(replica_a):
        resp = replica_a.command("/ft-ask", QUESTION, channel="CINBOX6")
        assert resp.status == 200
    [root] = command_calls(fake, "CINBOX6")  # A posted the placeholder, then died
    [key] = open_work(a.inbox, COMMAND_KIND)
    assert key.startswith("slack:cmd:") and root.params["metadata"]["event_payload"] == {"inbox_key": key, "part": -1}

    take_over(replica_b)
    calls = command_calls(fake, "CINBOX6")
    assert [c.method for c in calls] == ["chat.postMessage", "chat.update"]  # B replaced A's placeholder
    assert calls[1].params["ts"] == root.ts and "asked: _When should we fine-tune" in blocks_text(calls[1])
    assert a.inbox.status(key) == "done" and replica_b.sweep_once() == 0


def test_a_slash_command_answered_before_its_replica_died_is_not_answered_again(
    replica_a: SlackEnv, replica_b: InboxSweeper, fake: FakeSlack
) -> None:
    inbox = replica_a.container.inbox
    with dies_before_done(replica_a):
        replica_a.command("/ft-ask", QUESTION, channel="CINBOX7")
    before = command_calls(fake, "CINBOX7")
    assert [c.method for c in before] == ["chat.postMessage", "chat.update"]
    [key] = open_work(inbox, COMMAND_KIND)

    take_over(replica_b)
    assert command_calls(fake, "CINBOX7") == before  # B found the tagged answer: nothing posted again
    assert inbox.status(key) == "done"


def test_a_button_click_whose_replica_died_mid_turn_is_answered_by_another_once(
    replica_a: SlackEnv, replica_b: InboxSweeper, fake: FakeSlack
) -> None:
    channel = "CINBOX8"
    thread = start_assessment(replica_a, fake, channel)
    first = last_question(replica_a, channel, thread)
    a = replica_a.container
    with dies_mid_turn(replica_a):
        assert replica_a.click(first, "assess.answer:0").status == 200
    [key] = open_work(a.inbox, CLICK_KIND)

    take_over(replica_b)
    second = last_question(replica_a, channel, thread)
    assert second.ts != first.ts and progress_of(second) == progress_of(first) + 1  # B took the answer
    tagged = [c for c in fake.calls_to("chat.postMessage", lambda c: c.params.get("thread_ts") == thread)
              if ((c.params.get("metadata") or {}).get("event_payload") or {}).get("inbox_key") == key]
    assert len(tagged) == 1 and a.inbox.status(key) == "done"
    assert replica_b.sweep_once() == 0
