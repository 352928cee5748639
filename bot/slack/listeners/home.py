"""`app_home_opened`: publish the Home tab that `handlers.home` builds for the viewer."""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.slack.blocks_home import home_view
from bot.slack.delivery import safe_payload
from bot.slack.runtime import SlackRuntime, bind


def register(app: App, rt: SlackRuntime) -> None:
    app.event("app_home_opened")(bind(handle_app_home_opened, rt))


def handle_app_home_opened(
    rt: SlackRuntime, body: dict[str, Any], event: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    if event.get("tab", "home") != "home" or not rt.first_delivery(body):
        return
    user = str(event.get("user", ""))
    reply = rt.home.home(platform="slack", workspace=context.team_id or "", user=user)
    client.views_publish(user_id=user, view=safe_payload(home_view(reply).to_dict(), rt.allowed_hosts))
