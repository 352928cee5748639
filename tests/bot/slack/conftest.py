"""End-to-end harness: the real Bolt app served over HTTP on 127.0.0.1 (a free port), a real
Container (SQLite, chroma, ONNX embeddings) on a temp dir, and a fake Slack Web API recording calls.

Requests are signed by the test exactly as Slack signs them. After a request is acknowledged its
work runs on a `TrackingExecutor`; `env.idle()` waits for it, so tests never sleep.
"""

from __future__ import annotations

import itertools
import json
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from bot.container import Container
from bot.inbox_worker import InboxSweeper
from bot.settings import Settings
from bot.slack.app import build_app
from bot.slack.server import SlackHttpServer
from tests.support import fake_slack
from tests.support.fake_slack import BOT_USER_ID, Call, FakeSlack, Response
from tests.support.tracking_executor import TrackingExecutor

SECRET = "test-signing-secret-0f9e8d7c6b5a"
TOKEN = "xoxb-test-0000-abcdefabcdefabcdef"
ALLOWLIST = ["slack.com", "github.com"]

_ts = itertools.count(1)


def new_ts() -> str:
    """A fresh message timestamp (unique across the session: receipts live in the database)."""
    return f"{1800000000 + next(_ts)}.{uuid.uuid4().int % 1_000_000:06d}"


def slack_settings(data_dir: Path, fake: FakeSlack, **overrides: Any) -> Settings:
    return Settings(
        data_dir=data_dir,
        slack_bot_token=SecretStr(TOKEN),
        slack_signing_secret=SecretStr(SECRET),
        slack_api_url=fake.api_url,
        link_allowlist=ALLOWLIST,
        **overrides,
    )


@dataclass
class SlackEnv:
    fake: FakeSlack
    container: Container
    server: SlackHttpServer
    executor: TrackingExecutor
    responses: dict[str, int] = field(default_factory=dict)
    last_interaction: dict[str, Any] = field(default_factory=dict)  # the last click or shortcut sent

    @property
    def url(self) -> str:
        return self.server.url

    def idle(self) -> None:
        self.executor.wait_idle()

    # --- requests, signed like Slack's -------------------------------------------------------------
    def event(self, event: dict[str, Any], *, event_id: str | None = None, **kw: Any) -> Response:
        return fake_slack.post_event(self.url, SECRET, event, event_id=event_id or f"Ev{uuid.uuid4().hex[:10]}", **kw)

    def mention(
        self,
        text: str,
        *,
        channel: str,
        ts: str | None = None,
        thread_ts: str | None = None,
        user: str = "U0001",
    ) -> str:
        """An `app_mention`; returns its ts."""
        ts = ts or new_ts()
        event = {
            "type": "app_mention",
            "user": user,
            "text": f"<@{BOT_USER_ID}> {text}",
            "ts": ts,
            "channel": channel,
            "event_ts": ts,
        }
        if thread_ts:
            event["thread_ts"] = thread_ts
        assert self.event(event).status == 200
        return ts

    def message(
        self,
        text: str,
        *,
        channel: str,
        thread_ts: str | None = None,
        channel_type: str = "channel",
        user: str = "U0001",
        ts: str | None = None,
        **extra: Any,
    ) -> str:
        ts = ts or new_ts()
        event = {
            "type": "message",
            "user": user,
            "text": text,
            "ts": ts,
            "channel": channel,
            "channel_type": channel_type,
            "event_ts": ts,
            **extra,
        }
        if thread_ts:
            event["thread_ts"] = thread_ts
        assert self.event(event).status == 200
        return ts

    def command(self, command: str, text: str = "", *, channel: str = "C0001", **fields: str) -> Response:
        name = f"{command.strip('/')}-{uuid.uuid4().hex[:6]}"
        fields.setdefault("response_url", self.fake.response_url(name))
        resp = fake_slack.post_command(self.url, SECRET, command, text, channel_id=channel, **fields)
        self.responses[command] = self.responses.get(command, 0) + 1
        return resp

    def click(self, message: Call, action_id: str, *, user: str = "U0001") -> Response:
        """Press the button `action_id` on a message the app posted (as recorded by the fake)."""
        blocks = message.params["blocks"]
        block, element = next(
            (b, e) for b in blocks if b["type"] == "actions" for e in b["elements"] if e["action_id"] == action_id
        )
        posted = {
            "ts": message.ts,
            "text": message.params.get("text", ""),
            "blocks": blocks,
            "type": "message",
            "user": BOT_USER_ID,
            "bot_id": "BBOT",
        }
        if message.params.get("thread_ts"):
            posted["thread_ts"] = message.params["thread_ts"]
        payload = self.last_interaction = fake_slack.block_actions(
            action_id=action_id,
            value=element.get("value", ""),
            label=element["text"]["text"],
            block_id=block["block_id"],
            channel=message.params["channel"],
            message=posted,
            user=user,
            response_url=self.fake.response_url("click"),
        )
        return fake_slack.post_interaction(self.url, SECRET, payload)

    def shortcut(self, callback_id: str, *, channel: str, message: dict[str, Any], user: str = "U0001") -> Response:
        """Use the message shortcut `callback_id` on `message`."""
        self.last_interaction = fake_slack.message_action(
            callback_id=callback_id, channel=channel, message=message, user=user,
            response_url=self.fake.response_url(f"shortcut-{uuid.uuid4().hex[:6]}"),
        )
        return fake_slack.post_interaction(self.url, SECRET, self.last_interaction)

    def replay(self) -> Response:
        """The last click or shortcut again, the same signed request (the same trigger_id)."""
        return fake_slack.post_interaction(self.url, SECRET, self.last_interaction)

    # --- what reached Slack ----------------------------------------------------------------------
    def thread_messages(self, channel: str, thread_ts: str) -> list[Call]:
        """The final version of every message the app posted in a thread (updates applied)."""
        return final_messages(self.fake, channel, thread_ts)


def final_messages(fake: FakeSlack, channel: str, thread_ts: str) -> list[Call]:
    """Messages posted in `thread_ts` (or as its root), each replaced by its latest chat.update."""
    latest: dict[str, Call] = {}
    order: list[str] = []
    for c in list(fake.calls):
        if c.params.get("channel") != channel or not (isinstance(c.response, dict) and c.response.get("ok")):
            continue
        if c.method == "chat.postMessage":
            ts = c.ts
            if c.params.get("thread_ts") == thread_ts or ts == thread_ts:
                latest[ts] = c
                order.append(ts)
        elif c.method == "chat.update" and c.params.get("ts") in latest:
            latest[str(c.params["ts"])] = Call(
                "chat.update", {**latest[str(c.params["ts"])].params, **c.params}, c.headers, c.at
            )
    return [latest[ts] for ts in order]


def blocks_text(call: Call) -> str:
    return json.dumps(call.params.get("blocks", []), ensure_ascii=False) + call.params.get("text", "")


@pytest.fixture(scope="session")
def fake() -> Iterator[FakeSlack]:
    f = FakeSlack().start()
    f.private_channels.update({"CPRIV1", "CPRIV2"})
    yield f
    f.stop()


def start_env(data_dir: Path, fake: FakeSlack, **overrides: Any) -> SlackEnv:
    container = Container(slack_settings(data_dir, fake, **overrides), chat_model=None)
    container.router  # noqa: B018 - warm up like `serve slack` does
    container.retriever  # noqa: B018
    executor = TrackingExecutor()
    app = build_app(container, executor=executor)
    server = SlackHttpServer(app, host="127.0.0.1", port=0).start()
    return SlackEnv(fake=fake, container=container, server=server, executor=executor)


def stop_env(env: SlackEnv) -> None:
    env.idle()
    env.server.stop()
    env.executor.shutdown(wait=True)
    env.container.close()


@pytest.fixture(scope="session")
def env(fake: FakeSlack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SlackEnv]:
    """One app for the end-to-end modules (each test uses its own channels)."""
    e = start_env(tmp_path_factory.mktemp("slack"), fake)
    yield e
    stop_env(e)


def wait_until(predicate: Any, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.02)


@pytest.fixture(scope="session")
def replica_a(fake: FakeSlack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SlackEnv]:
    """The replica whose deaths the inbox tests stage (tests/bot/slack/replicas.py)."""
    from tests.bot.slack.replicas import start_replica_a

    a = start_replica_a(tmp_path_factory.mktemp("inbox"), fake)
    yield a
    stop_env(a)


@pytest.fixture(scope="session")
def replica_b(replica_a: SlackEnv) -> Iterator[InboxSweeper]:
    """A second replica on replica A's database: only its sweeper runs (nothing is sent to it)."""
    from tests.bot.slack.replicas import replica_b_of

    with replica_b_of(replica_a) as b:
        yield b
