"""End to end over HTTP: mentions, thread continuation, retries, double delivery, signatures,
rate limits, DMs, the assistant surface, the Home tab and failures (see conftest for the harness)."""

from __future__ import annotations

import json
import logging
import time

import pytest

from tests.bot.slack.conftest import SECRET, TOKEN, SlackEnv, blocks_text, new_ts
from tests.support import fake_slack
from tests.support.fake_slack import BOT_USER_ID, FakeSlack

QUESTION = "When should we fine-tune instead of using RAG?"


def test_a_mention_gets_a_threaded_reply_with_citations(env: SlackEnv, fake: FakeSlack) -> None:
    ts = env.mention(QUESTION, channel="CPUB1")
    env.idle()
    [placeholder] = fake.calls_to("chat.postMessage", lambda c: c.params.get("thread_ts") == ts)
    assert placeholder.params["channel"] == "CPUB1"
    assert placeholder.params["unfurl_links"] is False and placeholder.params["unfurl_media"] is False
    [answer] = env.thread_messages("CPUB1", ts)
    body = blocks_text(answer)
    assert answer.method == "chat.update"  # the placeholder was replaced by the answer
    assert "*[1]*" in body and "Fine-Tuning vs. Prompt Engineering" in body  # citations with titles
    contexts = [b for b in answer.params["blocks"] if b["type"] == "context"]
    assert any("*[1]*" in e["text"] for b in contexts for e in b["elements"])
    assert answer.params["text"]  # a text fallback
    assert any(b["type"] == "actions" for b in answer.params["blocks"])  # feedback buttons
    assert answer.headers["authorization"] == f"Bearer {TOKEN}"


def test_later_messages_in_the_thread_continue_without_a_mention(env: SlackEnv, fake: FakeSlack) -> None:
    root = env.mention("Is PEFT cheaper than full fine-tuning?", channel="CPUB1")
    env.idle()
    env.message("And how long does it take to implement?", channel="CPUB1", thread_ts=root)
    other_root = new_ts()
    env.message("unrelated chatter in a thread the bot is not in", channel="CPUB1", thread_ts=other_root)
    env.message("a top-level message without a mention", channel="CPUB1")
    env.idle()
    assert len(env.thread_messages("CPUB1", root)) == 2  # the first answer, then the follow-up
    assert env.thread_messages("CPUB1", other_root) == []
    key = f"slack:{fake_slack.TEAM_ID}:CPUB1:{root}"
    history = env.container.conversations.history(key)
    assert [t.role for t in history] == ["user", "assistant", "user", "assistant"]


def test_a_retried_event_posts_nothing_new_and_gets_200(env: SlackEnv, fake: FakeSlack) -> None:
    ts = new_ts()
    event = {
        "type": "app_mention",
        "user": "U0001",
        "text": f"<@{BOT_USER_ID}> {QUESTION}",
        "ts": ts,
        "channel": "CPUB2",
        "event_ts": ts,
    }
    first = env.event(event, event_id="EvRetry1")
    assert first.status == 200
    env.idle()
    posts = len(fake.calls_to("chat.postMessage", lambda c: c.params.get("thread_ts") == ts))
    assert posts == 1
    for n in (1, 2):
        retry = env.event(event, event_id="EvRetry1", retry_num=n)
        assert retry.status == 200  # not 404, which would make Slack retry again
    # the same message delivered as a plain `message` event (the app_mention + message twin)
    twin = {**event, "type": "message", "channel_type": "channel"}
    assert env.event(twin, event_id="EvRetry1-twin").status == 200
    env.idle()
    assert len(fake.calls_to("chat.postMessage", lambda c: c.params.get("thread_ts") == ts)) == posts
    assert len(env.thread_messages("CPUB2", ts)) == 1


def test_the_message_twin_arriving_first_wins_and_the_mention_is_collapsed(env: SlackEnv, fake: FakeSlack) -> None:
    ts = new_ts()
    text = f"<@{BOT_USER_ID}> {QUESTION}"
    env.message(text, channel="CPUB2", ts=ts)
    env.mention(QUESTION, channel="CPUB2", ts=ts)
    env.idle()
    assert len(fake.calls_to("chat.postMessage", lambda c: c.params.get("thread_ts") == ts)) == 1


def test_bad_and_stale_signatures_get_401_and_nothing_runs(
    env: SlackEnv, fake: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    before = len(fake.calls)
    marker = "secret-body-marker-77"
    event = {
        "type": "app_mention",
        "user": "U0001",
        "text": f"<@{BOT_USER_ID}> {marker}",
        "ts": new_ts(),
        "channel": "CPUB3",
    }
    with caplog.at_level(logging.DEBUG):
        assert env.event(event, bad_signature=True).status == 401
        assert env.event(event, timestamp=int(time.time()) - 600).status == 401  # older than 5 minutes
        body = fake_slack.event_body(event, event_id="EvNoSig")
        assert fake_slack.post(env.url, body, {"Content-Type": "application/json"}).status == 401
    env.idle()
    assert len(fake.calls) == before
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "rejected a request" in logged
    assert marker not in logged and "v0=" not in logged  # neither the body nor the signature


def test_a_429_is_retried_after_retry_after(env: SlackEnv, fake: FakeSlack) -> None:
    fake.fail("chat.postMessage", status=429, retry_after=1)
    ts = env.mention(QUESTION, channel="CPUB4")
    env.idle()
    attempts = fake.calls_to("chat.postMessage", lambda c: c.params.get("thread_ts") == ts)
    assert len(attempts) == 2
    assert attempts[0].response == {"ok": False, "error": "ratelimited"}
    assert attempts[1].at - attempts[0].at >= 0.95  # waited for Retry-After: 1
    [answer] = env.thread_messages("CPUB4", ts)
    assert "*[1]*" in blocks_text(answer)


def test_bot_and_edited_messages_are_ignored(env: SlackEnv, fake: FakeSlack) -> None:
    root = env.mention(QUESTION, channel="CPUB5")
    env.idle()
    before = len(fake.calls)
    env.message("a bot talking", channel="CPUB5", thread_ts=root, bot_id="BOTHER")
    env.message("ours", channel="CPUB5", thread_ts=root, user=BOT_USER_ID)
    env.message("edited", channel="CPUB5", thread_ts=root, subtype="message_changed")
    env.idle()
    assert [c.method for c in fake.calls[before:]] == []


def test_a_failure_gives_a_polite_message_with_a_reference_id(
    env: SlackEnv, fake: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    fake.fail("chat.update", error="invalid_blocks", when=lambda params: "*[1]*" in json.dumps(params))
    with caplog.at_level(logging.ERROR):
        ts = env.mention(QUESTION, channel="CPUB6")
        env.idle()
    [message] = env.thread_messages("CPUB6", ts)
    body = blocks_text(message)
    assert "Sorry" in body and "Reference `" in body
    ref = body.split("Reference `", 1)[1].split("`", 1)[0]
    assert any(ref in r.getMessage() for r in caplog.records)  # the detail is in the logs


def test_a_dm_is_answered_in_the_dm(env: SlackEnv, fake: FakeSlack) -> None:
    ts = env.message(QUESTION, channel="DUSER1", channel_type="im")
    env.idle()
    posts = fake.calls_to("chat.postMessage", lambda c: c.params.get("channel") == "DUSER1")
    assert len(posts) == 1 and "thread_ts" not in posts[0].params  # a DM is one conversation
    updates = fake.calls_to("chat.update", lambda c: c.params.get("ts") == posts[0].ts)
    assert "*[1]*" in blocks_text(updates[-1])
    assert ts


def test_the_assistant_surface(env: SlackEnv, fake: FakeSlack) -> None:
    thread = new_ts()
    started = {
        "type": "assistant_thread_started",
        "assistant_thread": {"user_id": "U0001", "channel_id": "DASSIST", "thread_ts": thread, "context": {}},
        "event_ts": thread,
    }
    assert env.event(started).status == 200
    env.idle()
    [prompts] = fake.calls_to("assistant.threads.setSuggestedPrompts", lambda c: c.params["channel_id"] == "DASSIST")
    assert len(prompts.params["prompts"]) >= 3
    [greeting] = fake.calls_to("chat.postMessage", lambda c: c.params.get("channel") == "DASSIST")
    assert greeting.params["thread_ts"] == thread

    env.message(QUESTION, channel="DASSIST", channel_type="im", thread_ts=thread)
    env.idle()
    statuses = fake.calls_to("assistant.threads.setStatus", lambda c: c.params["channel_id"] == "DASSIST")
    assert statuses[0].params["status"] == "searching the knowledge base..."
    [title] = fake.calls_to("assistant.threads.setTitle", lambda c: c.params["channel_id"] == "DASSIST")
    assert title.params["title"].startswith("When should we fine-tune")
    answers = [c for c in env.thread_messages("DASSIST", thread) if "*[1]*" in blocks_text(c)]
    assert len(answers) == 1 and answers[0].method == "chat.postMessage"  # no placeholder: the status shows


def test_the_home_tab(env: SlackEnv, fake: FakeSlack) -> None:
    env.container.notes.add("Home tab counting note", author="ana", channel="CPUB1", visibility="public")
    assert env.event({"type": "app_home_opened", "user": "UHOME", "channel": "DHOME", "tab": "home"}).status == 200
    env.idle()
    [publish] = fake.calls_to("views.publish", lambda c: c.params["user_id"] == "UHOME")
    view = publish.params["view"]
    view = json.loads(view) if isinstance(view, str) else view
    body = json.dumps(view)
    assert view["type"] == "home" and "Recent assessments" in body and "shared" in body and "/ft-assess" in body


def test_no_token_or_signing_secret_reaches_the_logs(env: SlackEnv, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        ts = env.mention(QUESTION, channel="CPUB7")
        env.event(
            {"type": "app_mention", "user": "U1", "text": "x", "ts": new_ts(), "channel": "CPUB7"},
            bad_signature=True,
        )
        env.command("/ft-help")
        env.idle()
    logged = "\n".join(f"{r.name} {r.getMessage()}" for r in caplog.records)
    assert ts and "slack_sdk" in logged  # the debug logs were captured
    assert TOKEN not in logged and SECRET not in logged


def test_assistant_context_changes_read_nothing_back_from_slack(env: SlackEnv, fake: FakeSlack) -> None:
    before = len(fake.calls)
    changed = {
        "type": "assistant_thread_context_changed",
        "assistant_thread": {
            "user_id": "U0001",
            "channel_id": "DASSIST2",
            "thread_ts": new_ts(),
            "context": {"channel_id": "CPUB1"},
        },
    }
    assert env.event(changed).status == 200
    env.idle()
    assert fake.calls[before:] == []  # no conversations.replies (rate-limited) and no chat.update
