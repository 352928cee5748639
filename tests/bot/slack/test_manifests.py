"""The Slack app manifests match what the app listens to, with the minimal scopes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.slack.listeners.commands import COMMANDS
from bot.slack.listeners.shortcuts import SAVE_AS_NOTE
from bot.slack.listeners.train import TRAIN_SHORTCUT
from bot.slack.server import EVENTS_PATH

ROOT = Path(__file__).resolve().parents[3]
EVENTS = {
    "app_home_opened",
    "app_mention",
    "assistant_thread_started",
    "assistant_thread_context_changed",
    "message.channels",
    "message.groups",
    "message.im",
    "message.mpim",
}
SCOPES = {
    "app_mentions:read",
    "assistant:write",
    "channels:history",
    "channels:read",
    "chat:write",
    "commands",
    "files:read",
    "files:write",
    "groups:history",
    "groups:read",
    "im:history",
    "mpim:history",
    "mpim:read",
    "users:read",
}


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "slack" / name).read_text())
    return data


@pytest.mark.parametrize("name", ["manifest.http.yaml", "manifest.socket.yaml"])
def test_manifest_lists_every_command_event_shortcut_and_only_the_needed_scopes(name: str) -> None:
    m = load(name)
    assert {c["command"] for c in m["features"]["slash_commands"]} == set(COMMANDS)
    assert [s["callback_id"] for s in m["features"]["shortcuts"]] == [SAVE_AS_NOTE, TRAIN_SHORTCUT]
    assert set(m["settings"]["event_subscriptions"]["bot_events"]) == EVENTS
    assert set(m["oauth_config"]["scopes"]["bot"]) == SCOPES
    assert m["features"]["app_home"]["home_tab_enabled"] is True
    assert m["features"]["assistant_view"]["assistant_description"]
    assert m["settings"]["interactivity"]["is_enabled"] is True


def test_http_manifest_points_everything_at_the_events_endpoint_and_socket_mode_at_nothing() -> None:
    http, socket = load("manifest.http.yaml"), load("manifest.socket.yaml")
    assert http["settings"]["socket_mode_enabled"] is False and socket["settings"]["socket_mode_enabled"] is True
    urls = [c["url"] for c in http["features"]["slash_commands"]]
    urls += [
        http["settings"]["event_subscriptions"]["request_url"],
        http["settings"]["interactivity"]["request_url"],
    ]
    assert all(u.startswith("https://") and u.endswith(EVENTS_PATH) for u in urls)
    assert "url:" not in (ROOT / "slack" / "manifest.socket.yaml").read_text()
