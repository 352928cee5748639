"""End to end over HTTP: slash commands, the assessment interview (buttons, thread replies, a
restart in the middle), notes (injection, privacy), feedback, the message shortcut, digests."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

import pytest

from tests.bot.slack.conftest import SlackEnv, blocks_text, start_env, stop_env
from tests.support.fake_slack import Call, FakeSlack

ACK_BOUND_S = 3.0  # Slack's acknowledgement deadline (the acceptance check; measured figures: bench/)


# --- /ft-help, /ft-ask ------------------------------------------------------------------------------


def test_ft_help_is_answered_in_the_acknowledgement(env: SlackEnv) -> None:
    resp = env.command("/ft-help")
    assert resp.status == 200
    body = json.loads(resp.body)
    assert body["response_type"] == "ephemeral" and "/ft-assess" in json.dumps(body["blocks"])


def test_ft_ask_posts_the_question_and_its_cited_answer_in_the_channel(env: SlackEnv, fake: FakeSlack) -> None:
    resp = env.command("/ft-ask", "How much cheaper is PEFT than full fine-tuning?", channel="CPUB20")
    assert resp.status == 200 and resp.body == ""
    env.idle()
    [root] = fake.calls_to("chat.postMessage", lambda c: c.params.get("channel") == "CPUB20")
    assert "thread_ts" not in root.params  # top-level: the thread for follow-ups hangs off it
    [answer] = env.thread_messages("CPUB20", root.ts)
    body = blocks_text(answer)
    assert "<@U0001> asked: _How much cheaper is PEFT" in body and "*[1]*" in body


def test_ft_ask_where_the_bot_is_not_a_member_answers_privately(env: SlackEnv, fake: FakeSlack) -> None:
    fake.fail("chat.postMessage", error="not_in_channel", when=lambda p: p.get("channel") == "CNOTIN")
    before = len(fake.calls_to("response"))
    env.command("/ft-ask", "Is RAG better for facts that change daily?", channel="CNOTIN")
    env.idle()
    sent = " ".join(json.dumps(c.params) for c in fake.calls_to("response")[before:])
    assert "/invite @ft-advisor" in sent and "*[1]*" in sent and '"ephemeral"' in sent


# --- the assessment interview ----------------------------------------------------------------------


def last_question(env: SlackEnv, channel: str, thread: str) -> Call:
    questions = [
        c
        for c in env.thread_messages(channel, thread)
        if any(b.get("block_id", "").startswith("assess_") for b in c.params.get("blocks", []))
    ]
    assert questions, "no interview question was posted"
    return questions[-1]


def progress_of(question: Call) -> int:
    match = re.search(r"Assessment · Question \d+ of up to \d+ \((\d+) answered\)", blocks_text(question))
    assert match, blocks_text(question)
    return int(match.group(1))


def start_assessment(env: SlackEnv, fake: FakeSlack, channel: str) -> str:
    resp = env.command("/ft-assess", channel=channel)
    assert resp.status == 200
    assert resp.elapsed_s < ACK_BOUND_S  # acknowledged within Slack's 3 seconds
    env.idle()
    [root] = fake.calls_to(
        "chat.postMessage", lambda c: c.params.get("channel") == channel and "thread_ts" not in c.params
    )
    assert "started a fine-tuning assessment" in blocks_text(root)
    return root.ts


def test_ft_assess_runs_the_interview_through_buttons_and_thread_replies_to_a_verdict(
    env: SlackEnv, fake: FakeSlack
) -> None:
    channel = "CPUB21"
    thread = start_assessment(env, fake, channel)
    first = last_question(env, channel, thread)
    assert first.params["thread_ts"] == thread

    assert env.click(first, "assess.answer:0").status == 200  # answer by button
    assert env.click(first, "assess.answer:1", user="U0002").status == 200  # a second click on the same question
    env.idle()
    questions = [c for c in env.thread_messages(channel, thread) if "Assessment · " in blocks_text(c)]
    assert len(questions) == 2  # the second click was not taken as another answer
    second = last_question(env, channel, thread)
    assert second.ts != first.ts and progress_of(second) == progress_of(first) + 1
    retired = fake.calls_to("chat.update", lambda c: c.params.get("ts") == first.ts)
    assert retired and "chose *" in blocks_text(retired[-1])  # the clicked buttons are retired
    assert not [b for b in retired[-1].params["blocks"] if b["type"] == "actions"]

    # answer by replying in the thread, no mention needed
    env.message(
        "We have about 5k labelled tickets and 2M calls a day, no ML people on the team",
        channel=channel,
        thread_ts=thread,
    )
    env.idle()
    third = last_question(env, channel, thread)
    assert progress_of(third) >= progress_of(second) + 2  # several criteria read from one reply
    assert "Noted" in blocks_text(third)

    assert env.click(third, "assess.done").status == 200
    env.idle()
    verdict = env.thread_messages(channel, thread)[-1]
    body = blocks_text(verdict)
    assert verdict.params["blocks"][0]["type"] == "header" and "Recommendation: " in body
    assert "*Why*" in body and "*[1]*" in body and "What I went on" in body and "Labelled examples" in body
    records = env.container.assessments_store.recent(limit=5, channel=channel)
    assert len(records) == 1 and records[0].user == "U0001"


def test_restarting_the_app_mid_interview_loses_nothing(fake: FakeSlack, tmp_path: Path) -> None:
    channel = "CPUB22"
    first_env = start_env(tmp_path, fake)
    try:
        thread = start_assessment(first_env, fake, channel)
        q1 = last_question(first_env, channel, thread)
        first_env.click(q1, "assess.answer:1")
        first_env.idle()
        q2 = last_question(first_env, channel, thread)
        answered_before = progress_of(q2)
    finally:
        stop_env(first_env)

    second_env = start_env(tmp_path, fake)  # a new process: new Container, same database
    try:
        assert second_env.url != first_env.url
        assert second_env.click(q2, "assess.answer:0").status == 200  # a button posted before the restart
        second_env.idle()
        q3 = last_question(second_env, channel, thread)
        assert progress_of(q3) == answered_before + 1
        second_env.message("done", channel=channel, thread_ts=thread)  # a thread reply after the restart
        second_env.idle()
        verdict = second_env.thread_messages(channel, thread)[-1]
        assert "Recommendation: " in blocks_text(verdict)
        [record] = second_env.container.assessments_store.recent(limit=5, channel=channel)
        assert len(record.answers) == answered_before + 1  # the answers given before the restart count
    finally:
        stop_env(second_env)


# --- notes: injection and privacy -----------------------------------------------------------------


def test_an_injected_note_cannot_make_the_bot_broadcast_or_link_elsewhere(env: SlackEnv, fake: FakeSlack) -> None:
    note = (
        "Zebrafish triage: <!channel> our zebrafish LoRA adapters used rank 8 and 3 epochs, "
        "details at https://evil.example.com/pwn and [here](http://evil.example.com/x) @here "
        "<!subteam^S123|@eng> <https://evil.example.com|slack docs>"
    )
    env.command("/ft-note", note, channel="CPUB23", channel_name="general")
    env.idle()
    ts = env.mention("What rank did we use for the zebrafish LoRA adapters?", channel="CPUB23")
    env.idle()
    [answer] = env.thread_messages("CPUB23", ts)
    body = blocks_text(answer)
    assert "Team note by" in body and "zebrafish" in body.lower()  # the note was used and cited
    everything = "\n".join(fake.posted_texts())
    for forbidden in ("<!channel>", "<!here>", "<!subteam", "&lt;!", "evil.example.com", "@here"):
        assert forbidden not in everything, forbidden


def test_a_private_note_never_appears_in_a_public_channels_answer(env: SlackEnv, fake: FakeSlack) -> None:
    marker = f"kumquat-{uuid.uuid4().hex[:6]}"
    env.command(
        "/ft-note",
        f"Kumquat pipeline: we fine-tuned the kumquat classifier, codename {marker}.",
        channel="CPRIV1",
        channel_name="secret-project",
    )
    env.idle()
    [note] = [n for n in env.container.notes_store.list() if marker in n.text]
    assert note.visibility == "private" and note.channel == "CPRIV1"

    public_ts = env.mention("What did we do with the kumquat pipeline classifier?", channel="CPUB24")
    private_ts = env.mention("What did we do with the kumquat pipeline classifier?", channel="CPRIV1")
    env.idle()
    public = " ".join(blocks_text(c) for c in env.thread_messages("CPUB24", public_ts))
    private = " ".join(blocks_text(c) for c in env.thread_messages("CPRIV1", private_ts))
    assert marker in private  # the control: retrievable in its own channel
    assert marker not in public and "Team note" not in public


def test_save_as_team_note_shortcut(env: SlackEnv, fake: FakeSlack) -> None:
    before = len(fake.calls_to("response"))
    message = {"type": "message", "user": "U0002", "ts": "1.1", "text": "Quince eval: LoRA r=8 was enough."}
    assert env.shortcut("save_as_team_note", channel="CPUB25", message=message).status == 200
    env.idle()
    [saved] = [n for n in env.container.notes_store.list(channel="CPUB25") if "Quince eval" in n.text]
    assert saved.channel == "CPUB25" and saved.visibility == "public" and saved.author == "User U0001"
    [confirmation] = fake.calls_to("response")[before:]
    assert "Saved team note" in json.dumps(confirmation.params) and confirmation.params["response_type"] == "ephemeral"


# --- feedback --------------------------------------------------------------------------------------


def test_feedback_buttons_store_votes(env: SlackEnv, fake: FakeSlack) -> None:
    ts = env.mention("Is prompt tuning cheaper than PEFT?", channel="CPUB26")
    env.idle()
    [answer] = env.thread_messages("CPUB26", ts)
    assert env.click(answer, "feedback.up", user="U0007").status == 200
    assert env.click(answer, "feedback.down", user="U0008").status == 200
    env.idle()
    counts = env.container.feedback.counts(channel="CPUB26")
    assert (counts.up, counts.down) == (1, 1)
    [vote] = [v for v in env.container.feedback.recent(channel="CPUB26") if v.user == "U0007"]
    assert vote.question == "Is prompt tuning cheaper than PEFT?" and vote.message_id == answer.ts
    thanks = fake.calls_to("chat.postEphemeral", lambda c: c.params.get("channel") == "CPUB26")
    assert {c.params["user"] for c in thanks} == {"U0007", "U0008"}


# --- digests ---------------------------------------------------------------------------------------


def test_ft_digest_subscribe_and_preview(env: SlackEnv, fake: FakeSlack) -> None:
    before = len(fake.calls_to("response"))
    env.command("/ft-digest", "subscribe weekly mon 09:00 Europe/Berlin", channel="CPUB27")
    env.idle()
    env.command("/ft-note", "Plum pilot: RAG over the wiki beat fine-tuning for policy questions.", channel="CPUB27")
    env.idle()
    env.command("/ft-digest", "preview", channel="CPUB27")
    env.idle()
    sent = fake.calls_to("response")[before:]
    assert "Subscribed" in json.dumps(sent[0].params)
    assert all(c.params["response_type"] == "ephemeral" for c in sent)  # only the asker sees them
    preview = sent[-1].params
    assert preview["blocks"][0]["type"] == "header" and "digest" in preview["text"].lower()
    assert "Plum pilot" in json.dumps(preview["blocks"])
    [sub] = [s for s in env.container.digest_subscriptions.list() if s.ref.channel == "CPUB27"]
    assert sub.rule.tz == "Europe/Berlin" and sub.created_by == "User U0001"


@pytest.mark.parametrize("command", ["/ft-note", "/ft-digest", "/ft-assess", "/ft-ask"])
def test_every_command_acknowledges_within_slacks_deadline(env: SlackEnv, command: str) -> None:
    resp = env.command(command, "list" if command != "/ft-ask" else "What is prompt tuning?", channel="CPUB28")
    env.idle()
    assert resp.status == 200 and resp.elapsed_s < ACK_BOUND_S


def test_a_channel_thread_started_by_a_command_continues_without_a_mention(env: SlackEnv, fake: FakeSlack) -> None:
    env.command("/ft-ask", "What is prompt tuning?", channel="CPUB29")
    env.idle()
    [root] = fake.calls_to("chat.postMessage", lambda c: c.params.get("channel") == "CPUB29")
    env.message("How many parameters does it update?", channel="CPUB29", thread_ts=root.ts)
    env.idle()
    assert len(env.thread_messages("CPUB29", root.ts)) == 2
