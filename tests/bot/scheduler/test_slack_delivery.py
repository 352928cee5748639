"""End to end against the fake Slack Web API (tests/support/fake_slack.py): the clock's runner
posts the digest through the real `WebClient`; the recorded call shows the Block Kit blocks."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.scheduler.delivery import Deliveries
from bot.scheduler.slack_delivery import METADATA_EVENT, SlackDelivery
from bot.settings import Settings
from handlers.digest.models import ChannelRef, DigestReply, Subscription
from tests.bot.scheduler.support import ProcessDied, World
from tests.handlers.digest.fakes import FACTS
from tests.support.fake_slack import TEAM_ID, FakeSlack

BERLIN = ZoneInfo("Europe/Berlin")
CHANNEL = "C0001"
REF = ChannelRef(platform="slack", workspace=TEAM_ID, channel=CHANNEL)


class HistoryFakeSlack(FakeSlack):
    """The shared fake, plus a channel history: posted messages (with their metadata) come back
    from `conversations.history`, as Slack returns them with `include_all_metadata`."""

    def __init__(self) -> None:
        super().__init__()
        self.history: list[dict[str, Any]] = []
        self._history_lock = threading.Lock()

    def _ok(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        body = super()._ok(method, params)
        with self._history_lock:
            if method == "chat.postMessage":
                message = {"ts": body["ts"], "channel": params.get("channel"), "text": params.get("text", "")}
                if params.get("metadata"):
                    message["metadata"] = params["metadata"]
                self.history.append(message)
            if method == "conversations.history":
                msgs = [m for m in self.history if m["channel"] == params.get("channel")]
                if str(params.get("include_all_metadata")).lower() not in ("1", "true"):
                    msgs = [{k: v for k, v in m.items() if k != "metadata"} for m in msgs]
                return {"ok": True, "messages": list(reversed(msgs)), "has_more": False}
        return body


class DiesAfterSend(SlackDelivery):
    """The process is killed right after Slack accepted the message, before the ledger knows."""

    def post(self, subscription: Subscription, reply: DigestReply, *, idempotency_key: str) -> str:
        super().post(subscription, reply, idempotency_key=idempotency_key)
        raise ProcessDied


@pytest.fixture
def slack() -> Iterator[HistoryFakeSlack]:
    fake = HistoryFakeSlack()
    fake.start()
    yield fake
    fake.stop()


def settings(tmp_path: Path, slack: FakeSlack) -> Settings:
    return Settings.model_validate(
        {"data_dir": tmp_path, "slack_bot_token": "xoxb-test-token", "slack_api_url": slack.api_url}
    )


def world_with_news(tmp_path: Path) -> World:
    world = World(tmp_path, datetime_berlin(2026, 3, 27, 12))
    world.service.subscribe(REF, ["weekly", "mon", "09:00", "Europe/Berlin"], created_by="jane")
    world.add_note(
        "LoRA r=8 matched full fine-tuning on triage <!channel> see evil.example.com/x",
        channel=CHANNEL,
        at=datetime_berlin(2026, 3, 27, 13),
    )
    world.add_note("private elsewhere", channel="C0002", at=datetime_berlin(2026, 3, 27, 14), visibility="private")
    world.clock.set(datetime_berlin(2026, 3, 30, 9))
    return world


def datetime_berlin(y: int, m: int, d: int, h: int) -> Any:
    from datetime import datetime

    return datetime(y, m, d, h, 0, tzinfo=BERLIN)


def test_posted_digest_blocks(tmp_path: Path, slack: HistoryFakeSlack) -> None:
    world = world_with_news(tmp_path)
    delivery = SlackDelivery.from_settings(settings(tmp_path, slack))
    runner = world.runner("clock", deliveries=Deliveries({"slack": delivery}))
    assert set(runner.sweep().values()) == {"posted"}
    assert set(runner.sweep().values()) == {"done"}

    [call] = slack.calls_to("chat.postMessage")
    params = call.params
    assert params["channel"] == CHANNEL
    assert params["unfurl_links"] is False and params["unfurl_media"] is False
    assert params["metadata"]["event_type"] == METADATA_EVENT
    assert len(params["metadata"]["event_payload"]["idempotency_key"]) == 32
    assert params["text"].startswith("Weekly ft-advisor digest")
    blocks = params["blocks"]
    assert blocks[0] == {"type": "header", "text": {"type": "plain_text", "text": "Weekly ft-advisor digest"}}
    text_of = [b["text"]["text"] for b in blocks if b["type"] == "section"] + [
        e["text"] for b in blocks if b["type"] == "context" for e in b["elements"]
    ]
    shown = "\n".join(text_of)
    assert "New team notes (1)" in shown
    assert "ana: LoRA r=8 matched full fine-tuning on triage" in shown
    assert "Did you know?" in shown
    assert any(f.text in shown and f.title in shown for f in FACTS)  # the fact, with its citation
    assert len(blocks) <= 50
    everything = json.dumps(params)
    assert "<!channel>" not in everything and "evil.example.com" not in everything  # sanitized
    assert "private elsewhere" not in everything
    assert call.headers["authorization"] == "Bearer xoxb-test-token"


def test_killed_after_slack_accepted_the_post_is_not_posted_twice(tmp_path: Path, slack: HistoryFakeSlack) -> None:
    world = world_with_news(tmp_path)
    s = settings(tmp_path, slack)
    dying = world.runner("dying", deliveries=Deliveries({"slack": DiesAfterSend.from_settings(s)}))
    with pytest.raises(ProcessDied):
        dying.sweep()
    assert len(slack.calls_to("chat.postMessage")) == 1

    restarted = world.runner(
        "restarted", db=world.database(), deliveries=Deliveries({"slack": SlackDelivery.from_settings(s)})
    )
    world.clock.advance(timedelta(minutes=6))  # the dead process's lease ran out
    assert set(restarted.sweep().values()) == {"recovered"}
    [history] = slack.calls_to("conversations.history")
    assert str(history.params["include_all_metadata"]).lower() in ("1", "true")
    assert len(slack.calls_to("chat.postMessage")) == 1


def test_rate_limited_post_is_retried_after_retry_after(tmp_path: Path, slack: HistoryFakeSlack) -> None:
    world = world_with_news(tmp_path)
    slack.fail("chat.postMessage", status=429, retry_after=0)
    runner = world.runner(
        "clock", deliveries=Deliveries({"slack": SlackDelivery.from_settings(settings(tmp_path, slack))})
    )
    assert set(runner.sweep().values()) == {"posted"}
    assert len(slack.calls_to("chat.postMessage")) == 2
    assert len(slack.history) == 1


def test_slack_error_leaves_the_period_for_the_next_sweep(tmp_path: Path, slack: HistoryFakeSlack) -> None:
    world = world_with_news(tmp_path)
    slack.fail("chat.postMessage", error="not_in_channel")
    runner = world.runner(
        "clock", deliveries=Deliveries({"slack": SlackDelivery.from_settings(settings(tmp_path, slack))})
    )
    assert set(runner.sweep().values()) == {"failed"}
    world.clock.advance(timedelta(minutes=1))
    assert set(runner.sweep().values()) == {"posted"}  # checked history first, found nothing, posted
    assert len(slack.calls_to("conversations.history")) == 1
    assert len(slack.history) == 1
