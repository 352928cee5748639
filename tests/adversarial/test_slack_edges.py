"""Issue 12, parts 1, 6 and 9 against the real Bolt app over HTTP and the fake Slack Web API:
malformed signed bodies, replayed commands, channel privacy from conversations.info, a hostile
link in a note, and a token pasted into `/ft-note`."""

from __future__ import annotations

import json
import logging
import urllib.parse
from collections.abc import Iterator

import pytest

from tests.bot.slack.conftest import SECRET, SlackEnv, blocks_text, start_env, stop_env
from tests.support import fake_slack
from tests.support.fake_slack import FakeSlack


@pytest.fixture(scope="module")
def slack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SlackEnv, FakeSlack]]:
    fake = FakeSlack().start()
    fake.private_channels.update({"CSECRET1", "CSECRET2"})
    env = start_env(tmp_path_factory.mktemp("adv-slack"), fake)
    yield env, fake
    stop_env(env)
    fake.stop()


def _signed(env: SlackEnv, body: str, content_type: str) -> fake_slack.Response:
    return fake_slack.post(env.url, body, fake_slack.signed_headers(SECRET, body, content_type=content_type))


@pytest.mark.parametrize(
    ("body", "content_type"),
    [('{"type": "event_callback", "event": ', "application/json"),
     ("payload=%7Bnot-json", "application/x-www-form-urlencoded"),
     ('{"type": "event_callback", "event": {"type": "app_mention", "text": [1, 2]}', "application/json")],
)
def test_signed_malformed_body_gets_400_and_one_log_line(
    slack: tuple[SlackEnv, FakeSlack], caplog: pytest.LogCaptureFixture, body: str, content_type: str
) -> None:
    env, _ = slack
    with caplog.at_level(logging.INFO):
        response = _signed(env, body, content_type)
    assert response.status == 400
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"
    assert len([r for r in caplog.records if r.levelno >= logging.WARNING]) == 1


def test_replayed_ft_note_saves_once(slack: tuple[SlackEnv, FakeSlack]) -> None:
    env, fake = slack
    form = {"token": "legacy", "team_id": fake_slack.TEAM_ID, "channel_id": "CPUBREPLAY", "channel_name": "general",
            "user_id": "U0001", "user_name": "jane", "command": "/ft-note",
            "text": "Replay check: the walrus eval used 300 tickets.", "api_app_id": "A0001",
            "trigger_id": fake_slack.new_trigger_id(), "response_url": fake.response_url("replay")}
    body = urllib.parse.urlencode(form)
    headers = fake_slack.signed_headers(SECRET, body, content_type="application/x-www-form-urlencoded")
    assert fake_slack.post(env.url, body, headers).status == 200
    env.idle()
    fake_slack.post(env.url, body, headers)  # the same signed request again, inside the window
    env.idle()
    saved = [n for n in env.container.notes_store.list() if "walrus eval" in n.text]
    assert len(saved) == 1


def test_note_privacy_comes_from_conversations_info_not_channel_name(slack: tuple[SlackEnv, FakeSlack]) -> None:
    env, _ = slack
    env.command("/ft-note", "Naming check: the narwhal run used rank 16.", channel="CSECRET1", channel_name="channel")
    env.idle()
    [note] = [n for n in env.container.notes_store.list() if "narwhal run" in n.text]
    assert note.visibility == "private"


def test_hostile_link_in_a_note_never_reaches_slack(slack: tuple[SlackEnv, FakeSlack]) -> None:
    env, fake = slack
    env.command("/ft-note", "The capybara handbook: [the handbook](https://evil.example\\@github.com/login) "
                "says capybara adapters need rank 4 <!channel>", channel="CPUBLINK")
    env.idle()
    ts = env.mention("What does the capybara handbook say about capybara adapters?", channel="CPUBLINK")
    env.idle()
    posted = " ".join(blocks_text(c) for c in env.thread_messages("CPUBLINK", ts))
    assert "capybara" in posted.lower()
    assert "evil.example" not in posted and "<!channel>" not in posted
    assert not any("evil.example" in t for t in fake.posted_texts())


def test_token_pasted_into_ft_note_is_refused_and_not_echoed(slack: tuple[SlackEnv, FakeSlack]) -> None:
    env, fake = slack
    token = "xoxb-" + "2222222222-3333333333-" + "abcdefghijklmnopqrstuvwx"
    before = len(fake.calls_to("response"))
    env.command("/ft-note", f"deploy token {token} for the bot", channel="CPUBTOKEN")
    env.idle()
    assert not [n for n in env.container.notes_store.list() if "deploy token" in n.text]
    [reply] = fake.calls_to("response")[before:]
    text = json.dumps(reply.params)
    assert "Slack token" in text and token not in text and "xoxb-2222" not in text


def test_privacy_is_asked_of_slack_whatever_the_channel_name(slack: tuple[SlackEnv, FakeSlack]) -> None:
    env, fake = slack
    before = len(fake.calls_to("conversations.info"))
    env.command(
        "/ft-note", "Lookup check: the ibis project used 2 GPUs.", channel="CPUBLOOKUP", channel_name="privategroup"
    )
    env.idle()
    assert len(fake.calls_to("conversations.info")) == before + 1  # asked Slack, not the name
    [note] = [n for n in env.container.notes_store.list() if "ibis project" in n.text]
    assert note.visibility == "public"
