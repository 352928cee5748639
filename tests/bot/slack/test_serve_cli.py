"""`ftadvisor serve slack` as a real process: clear errors for missing tokens, and a served app."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.bot.slack.conftest import SECRET, TOKEN, new_ts
from tests.support import fake_slack
from tests.support.fake_slack import BOT_USER_ID, FakeSlack

ROOT = Path(__file__).resolve().parents[3]


def clean_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "FTADVISOR_", "OPENAI_"))}
    env.update({"FTADVISOR_DATA_DIR": str(data_dir), "COLUMNS": "200", "PYTHONUNBUFFERED": "1", **extra})
    return env


def serve(data_dir: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "serve", "slack"],
        cwd=data_dir,
        env=clean_env(data_dir, **extra),
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({}, "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": TOKEN}, "SLACK_SIGNING_SECRET"),  # HTTP mode needs the signing secret
        ({"SLACK_APP_TOKEN": "xapp-1-test"}, "SLACK_BOT_TOKEN"),  # Socket Mode still needs the bot token
    ],
)
def test_missing_tokens_exit_non_zero_naming_the_variable(tmp_path: Path, env: dict[str, str], missing: str) -> None:
    done = serve(tmp_path, **env)
    assert done.returncode == 2
    assert missing in done.stderr.replace("\n", " ")
    assert TOKEN not in done.stderr + done.stdout


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, FakeSlack]]:
    fake = FakeSlack().start()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "slack", "--host", "127.0.0.1", "--port", "0"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=clean_env(tmp_path, SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=fake.api_url),
    )
    try:
        assert proc.stdout is not None
        url = ""
        for line in proc.stdout:  # the first lines say where it listens
            found = re.search(r"(http://127\.0\.0\.1:\d+/slack/events)", line)
            if found:
                url = found.group(1)
                break
        assert url, "the server did not report its address"
        yield url, fake
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        fake.stop()


def test_serve_slack_answers_a_mention_over_http(served: tuple[str, FakeSlack]) -> None:
    url, fake = served
    ts = new_ts()
    event = {
        "type": "app_mention",
        "user": "U1",
        "text": f"<@{BOT_USER_ID}> What is prompt tuning?",
        "ts": ts,
        "channel": "CSERVE",
    }
    assert fake_slack.post_event(url, SECRET, event, event_id="EvServe1").status == 200
    [answer] = fake.wait_for("chat.update", lambda c: c.params.get("channel") == "CSERVE")
    assert "*[1]*" in str(answer.params["blocks"])
    assert fake.calls_to("auth.test")  # the token was checked at start-up against SLACK_API_URL


def test_socket_mode_needs_no_signing_secret_and_accepts_socket_payloads(tmp_path: Path) -> None:
    """Socket Mode payloads come over Slack's authenticated WebSocket: no request signature."""
    from slack_bolt.request import BoltRequest

    from bot.container import Container
    from bot.settings import Settings
    from bot.slack.app import build_app

    body = fake_slack.event_body(
        {"type": "message", "user": "U1", "text": "hi", "ts": new_ts(), "channel": "CSOCK", "channel_type": "channel"},
        event_id="EvSock1",
    )
    with FakeSlack() as fake:
        common = {"data_dir": tmp_path, "slack_bot_token": TOKEN, "slack_api_url": fake.api_url}
        socket = Container(Settings(**common, slack_app_token="xapp-1-test"), chat_model=None)  # type: ignore[arg-type]
        assert build_app(socket, socket_mode=True).dispatch(BoltRequest(body=body, mode="socket_mode")).status == 200
        http = Container(Settings(**common, slack_signing_secret=SECRET), chat_model=None)  # type: ignore[arg-type]
        assert build_app(http).dispatch(BoltRequest(body=body, headers={})).status == 401  # HTTP: signature required
        socket.close()
        http.close()
