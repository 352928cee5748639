"""`message` events: DMs, replies in threads the bot is in, and channel mentions delivered as plain
messages (collapsed with their `app_mention` twin by `inbound.handle_user_message`)."""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.slack.inbound import handle_user_message
from bot.slack.inbox import ACCEPTED
from bot.slack.runtime import SlackRuntime


def register(app: App, rt: SlackRuntime) -> None:
    def handle_message(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        """Every message event is acknowledged (200) by Bolt; only ours get an answer."""
        handle_user_message(
            rt, client, event, team=context.team_id or "", bot_user_id=context.bot_user_id,
            accepted=context.get(ACCEPTED),
        )

    app.event("message")(handle_message)
