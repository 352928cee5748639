"""Every Slack button and message shortcut goes through the inbox: replica A acknowledges it (200)
and dies (tests/bot/slack/replicas.py); replica B, on the same database, takes the work over once
A's lease expires and does it once. One test per interaction: thumbs (feedback), "Save as team
note", "Train on this file", Train and Cancel. A replayed request (the same signed body, the same
trigger_id) is recorded once and does nothing.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from bot.inbox_worker import InboxSweeper
from bot.slack.listeners.shortcuts import SAVE_AS_NOTE
from bot.slack.listeners.train import TRAIN_SHORTCUT
from bot.slack.replies import REPLY_EVENT
from bot.storage.feedback import FeedbackCounts
from bot.storage.schema import train_jobs_table
from tests.bot.slack.conftest import SlackEnv, blocks_text
from tests.bot.slack.replicas import dies_at_post, dies_before_done, dies_mid_turn, open_work, take_over
from tests.bot.slack.test_e2e_train import GOOD
from tests.support.fake_slack import Call, FakeSlack

QUESTION = "Is prompt tuning cheaper than PEFT?"


def tagged(fake: FakeSlack, key: str, part: int = 0) -> list[Call]:
    """The messages posted (or updated) carrying `key` (part 0: the answer)."""
    def carries(c: Call) -> bool:
        meta = c.params.get("metadata") or {}
        return meta.get("event_type") == REPLY_EVENT and meta.get("event_payload") == {"inbox_key": key, "part": part}

    return [c for c in list(fake.calls) if c.method in ("chat.postMessage", "chat.update") and carries(c)]


def thanks_to(fake: FakeSlack, channel: str, user: str) -> list[Call]:
    return fake.calls_to("chat.postEphemeral", lambda c: c.params.get("channel") == channel
                         and c.params.get("user") == user)


def test_a_thumbs_click_whose_replica_died_is_recorded_and_thanked_by_another_once(
    replica_a: SlackEnv, replica_b: InboxSweeper, fake: FakeSlack
) -> None:
    a = replica_a.container
    ts = replica_a.mention(QUESTION, channel="CCLICK1")
    replica_a.idle()
    [answer] = replica_a.thread_messages("CCLICK1", ts)
    with dies_at_post(replica_a):  # the vote is written, then A dies before thanking
        assert replica_a.click(answer, "feedback.up", user="U0007").status == 200
    [key] = open_work(a.inbox, "slack_feedback")
    assert not thanks_to(fake, "CCLICK1", "U0007")

    take_over(replica_b)
    counts = a.feedback.counts(channel="CCLICK1")
    assert (counts.up, counts.down) == (1, 0)  # the same vote, written again
    assert len(thanks_to(fake, "CCLICK1", "U0007")) == 1 and a.inbox.status(key) == "done"

    assert replica_a.replay().status == 200  # the same signed click again: nothing
    replica_a.idle()
    assert len(thanks_to(fake, "CCLICK1", "U0007")) == 1 and open_work(a.inbox, "slack_feedback") == []


def test_a_redone_thumbs_click_does_not_overwrite_the_vote_the_user_changed_to_meanwhile(
    replica_a: SlackEnv, replica_b: InboxSweeper, fake: FakeSlack
) -> None:
    a = replica_a.container
    ts = replica_a.mention(QUESTION, channel="CCLICK6")
    replica_a.idle()
    [answer] = replica_a.thread_messages("CCLICK6", ts)
    with dies_at_post(replica_a):  # thumbs down written, A dies before thanking: the work stays open
        assert replica_a.click(answer, "feedback.down", user="U0008").status == 200
    [key] = open_work(a.inbox, "slack_feedback")
    assert replica_a.click(answer, "feedback.up", user="U0008").status == 200  # changed their mind
    replica_a.idle()
    assert a.feedback.counts(channel="CCLICK6") == FeedbackCounts(up=1, down=0)

    take_over(replica_b)  # the older click is redone: it must not bring the down vote back
    assert a.feedback.counts(channel="CCLICK6") == FeedbackCounts(up=1, down=0)
    assert a.inbox.status(key) == "done" and len(thanks_to(fake, "CCLICK6", "U0008")) == 2


def test_a_save_as_note_shortcut_whose_replica_died_is_saved_by_another_once(
    replica_a: SlackEnv, replica_b: InboxSweeper, fake: FakeSlack
) -> None:
    a = replica_a.container
    marker = f"Quince{uuid.uuid4().hex[:6]}"
    message = {"type": "message", "user": "U0002", "ts": "1.1", "text": f"{marker} eval: LoRA r=8 was enough."}
    responses = len(fake.calls_to("response"))
    with dies_mid_turn(replica_a):  # A dies before saving
        assert replica_a.shortcut(SAVE_AS_NOTE, channel="CCLICK2", message=message).status == 200
    [key] = open_work(a.inbox, "slack_note_shortcut")
    assert not [n for n in a.notes_store.list() if marker in n.text]

    take_over(replica_b)
    [saved] = [n for n in a.notes_store.list() if marker in n.text]
    assert saved.channel == "CCLICK2" and saved.author == "User U0001"
    [confirmation] = fake.calls_to("response")[responses:]
    assert "Saved team note" in json.dumps(confirmation.params) and a.inbox.status(key) == "done"

    assert replica_a.replay().status == 200  # the same signed shortcut again: nothing
    replica_a.idle()
    assert len([n for n in a.notes_store.list() if marker in n.text]) == 1
    assert len(fake.calls_to("response")) == responses + 1


def test_a_note_saved_by_a_replica_that_died_before_confirming_is_not_saved_twice(
    replica_a: SlackEnv, replica_b: InboxSweeper, fake: FakeSlack
) -> None:
    a = replica_a.container
    marker = f"Medlar{uuid.uuid4().hex[:6]}"
    message = {"type": "message", "user": "U0002", "ts": "1.3", "text": f"{marker} eval: prompt tuning lost 3 points."}
    responses = len(fake.calls_to("response"))
    with dies_at_post(replica_a):  # A saves the note, then dies before confirming it
        assert replica_a.shortcut(SAVE_AS_NOTE, channel="CCLICK5", message=message).status == 200
    [key] = open_work(a.inbox, "slack_note_shortcut")
    [saved] = [n for n in a.notes_store.list() if marker in n.text]
    assert len(fake.calls_to("response")) == responses

    take_over(replica_b)  # the redo carries the same work key: it finds A's note
    assert [n for n in a.notes_store.list() if marker in n.text] == [saved]
    [confirmation] = fake.calls_to("response")[responses:]
    assert f"Saved team note `{saved.id}`" in json.dumps(confirmation.params) and a.inbox.status(key) == "done"


def file_message(fake: FakeSlack, channel: str) -> dict[str, Any]:
    file_id = fake.add_file("team.csv", GOOD, channel=channel)
    return {"type": "message", "user": "U0001", "ts": "1.2", "text": "", "files": [{"id": file_id, "name": "team.csv"}]}


def summary_in(fake: FakeSlack, channel: str) -> list[Call]:
    return fake.calls_to("chat.postMessage", lambda c: c.params.get("channel") == channel
                         and not c.params.get("thread_ts") and "Train a LoRA adapter" in blocks_text(c))


def test_a_train_on_file_shortcut_whose_replica_died_is_answered_by_another_once(
    replica_a: SlackEnv, replica_b: InboxSweeper, fake: FakeSlack
) -> None:
    a = replica_a.container
    message = file_message(fake, "CCLICK3")
    with dies_at_post(replica_a):  # A read the file, then died before posting its summary
        assert replica_a.shortcut(TRAIN_SHORTCUT, channel="CCLICK3", message=message).status == 200
    [key] = open_work(a.inbox, "slack_train_shortcut")
    assert not summary_in(fake, "CCLICK3")

    take_over(replica_b)
    [summary] = summary_in(fake, "CCLICK3")
    assert tagged(fake, key) == [summary] and a.inbox.status(key) == "done"

    with dies_before_done(replica_a):  # and a summary posted just before A died is not posted again
        replica_a.shortcut(TRAIN_SHORTCUT, channel="CCLICK4", message=file_message(fake, "CCLICK4"))
    [key] = open_work(a.inbox, "slack_train_shortcut")
    [before] = summary_in(fake, "CCLICK4")
    take_over(replica_b)
    assert summary_in(fake, "CCLICK4") == [before] and a.inbox.status(key) == "done"


def posted_summary(replica: SlackEnv, fake: FakeSlack, channel: str) -> Call:
    """A file shared in `channel`, "Train on this file" used on it: the summary with its Train button."""
    replica.shortcut(TRAIN_SHORTCUT, channel=channel, message=file_message(fake, channel))
    replica.idle()
    [summary] = summary_in(fake, channel)
    return summary


def jobs_of(replica: SlackEnv, channel: str) -> list[int]:
    t = train_jobs_table
    with replica.container.db.begin() as conn:
        return [r.id for r in conn.execute(t.select().where(t.c.channel == channel))]


def test_a_train_click_whose_replica_died_after_queueing_is_answered_by_another_without_queueing_twice(
    replica_a: SlackEnv, replica_b: InboxSweeper, fake: FakeSlack
) -> None:
    a = replica_a.container
    summary = posted_summary(replica_a, fake, "CCLICK5")
    with dies_at_post(replica_a, posted=1):  # the button retired, the job queued, then A dies
        assert replica_a.click(summary, "byot.train").status == 200
    [key] = open_work(a.inbox, "slack_train_click")
    [job] = jobs_of(replica_a, "CCLICK5")

    take_over(replica_b)
    assert jobs_of(replica_a, "CCLICK5") == [job]  # B found the queued job: the same training, once
    [queued] = tagged(fake, key)
    assert "Queued the training" in blocks_text(queued) and queued.params["thread_ts"] == summary.ts
    assert json.loads(queued.params["blocks"][1]["elements"][0]["value"]) == {"job": job}
    assert a.inbox.status(key) == "done"

    assert replica_a.click(summary, "byot.train", user="U0002").status == 200  # a second click: nothing
    replica_a.idle()
    assert jobs_of(replica_a, "CCLICK5") == [job] and len(tagged(fake, key)) == 1


def test_a_cancel_click_answered_before_its_replica_died_is_not_answered_again(
    replica_a: SlackEnv, replica_b: InboxSweeper, fake: FakeSlack
) -> None:
    a = replica_a.container
    summary = posted_summary(replica_a, fake, "CCLICK6")
    replica_a.click(summary, "byot.train")
    replica_a.idle()
    [queued] = [c for c in replica_a.thread_messages("CCLICK6", summary.ts) if "Queued the training" in blocks_text(c)]
    with dies_before_done(replica_a):
        assert replica_a.click(queued, "byot.cancel").status == 200
    [key] = open_work(a.inbox, "slack_train_cancel")
    [answer] = tagged(fake, key)
    assert "Cancelled: that training will not run." in blocks_text(answer)

    take_over(replica_b)
    assert tagged(fake, key) == [answer] and a.inbox.status(key) == "done"  # found: not posted again
    [job] = jobs_of(replica_a, "CCLICK6")
    assert a.train_jobs.get(job).status == "cancelled"  # type: ignore[union-attr]
