"""Slack work goes through the inbox (`bot.storage.inbox`): recorded while the request is being
acknowledged, done by the replica that accepted it, taken over by another if that one dies.
Recorded: user messages (`slack_message`, see `bot.slack.inbound`), slash commands that do work
(`slack_command`, see `bot.slack.listeners.commands`) and clicks on features' buttons
(`slack_click`, see `bot.slack.listeners.actions`).

`record_accepted_work` is a Bolt middleware: it runs in the request thread before Bolt sends the
200, so work Slack saw acknowledged is already in the database (one insert: well inside the ack
budget, see BENCHMARKS.md). It stores in the Bolt context the key it accepted; the listener runs
the turn only for that delivery (the mention's twin and Slack's retries find the key taken).
`start_inbox_sweeper` (run by `serve slack`) redoes the work of replicas that died.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from slack_bolt import App, BoltContext, BoltResponse

from bot.inbox_worker import InboxSweeper
from bot.slack.inbound import inbox_payload, resume_user_message, user_turn
from bot.slack.listeners.actions import accepted_click, resume_click
from bot.slack.listeners.commands import WORK_COMMANDS, resume_command
from bot.slack.once import ACCEPTED, command_key
from bot.slack.runtime import SlackRuntime
from bot.storage.inbox import InboxItem

if TYPE_CHECKING:
    from bot.container import Container

log = logging.getLogger(__name__)

__all__ = ["ACCEPTED", "CLICK_KIND", "COMMAND_KIND", "MESSAGE_KIND", "record_accepted_work", "start_inbox_sweeper"]

MESSAGE_KIND = "slack_message"
COMMAND_KIND = "slack_command"
CLICK_KIND = "slack_click"
USER_MESSAGE_EVENTS = frozenset({"message", "app_mention"})

Middleware = Callable[..., BoltResponse | None]


def record_accepted_work(rt: SlackRuntime) -> Middleware:
    def record(body: dict[str, Any], context: BoltContext, next: Callable[[], BoltResponse]) -> BoltResponse | None:
        event = body.get("event") if body.get("type") == "event_callback" else None
        if isinstance(event, dict) and event.get("type") in USER_MESSAGE_EVENTS:
            team, bot = context.team_id or "", context.bot_user_id
            turn = user_turn(rt, event, team=team, bot_user_id=bot)
            if turn is not None and rt.inbox.accept(
                turn.key, MESSAGE_KIND, inbox_payload(event, team=team, bot_user_id=bot), owner=rt.owner
            ):
                context[ACCEPTED] = turn.key
        elif body.get("command") in WORK_COMMANDS and (key := command_key(body)) is not None:
            team = context.team_id or str(body.get("team_id", ""))
            if rt.inbox.accept(key, COMMAND_KIND, {"command": body, "team": team}, owner=rt.owner):
                context[ACCEPTED] = key
        elif (key := accepted_click(rt, body)) is not None:
            team = context.team_id or ""
            if rt.inbox.accept(key, CLICK_KIND, {"body": body, "team": team}, owner=rt.owner):
                context[ACCEPTED] = key
        return next()

    return record


def start_inbox_sweeper(app: App, container: Container) -> InboxSweeper:
    """The background sweeper of this replica: takes over Slack messages whose replica died."""
    from bot.slack.app import slack_runtime

    rt = slack_runtime(container)

    def redo_message(item: InboxItem) -> None:
        resume_user_message(rt, app.client, item)

    def redo_command(item: InboxItem) -> None:
        resume_command(rt, app.client, item)

    def redo_click(item: InboxItem) -> None:
        resume_click(rt, app.client, item)

    redo = {MESSAGE_KIND: redo_message, COMMAND_KIND: redo_command, CLICK_KIND: redo_click}
    sweeper = InboxSweeper(rt.inbox, rt.owner, redo, every_s=container.settings.inbox_sweep_s)
    return sweeper.start()
