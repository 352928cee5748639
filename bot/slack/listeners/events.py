"""`app_mention`: someone wrote `@ft-advisor ...` in a channel; the answer goes in the thread."""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.slack.inbound import handle_user_message
from bot.slack.inbox import ACCEPTED
from bot.slack.runtime import SlackRuntime


def register(app: App, rt: SlackRuntime) -> None:
    def handle_app_mention(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        """Events are acknowledged by Bolt before this runs (in a worker thread)."""
        handle_user_message(
            rt, client, event, team=context.team_id or "", bot_user_id=context.bot_user_id,
            accepted=context.get(ACCEPTED),
        )

    app.event("app_mention")(handle_app_mention)
