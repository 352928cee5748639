"""Slack work goes through the inbox (`bot.storage.inbox`): recorded while the request is being
acknowledged, done by the replica that accepted it, taken over by another if that one dies.
Recorded: user messages (`slack_message`, see `bot.slack.inbound`), slash commands that do work
(`slack_command`, see `bot.slack.listeners.commands`) and every button click and message shortcut
(`INTERACTIONS`, see `bot.slack.work`): features' buttons, thumbs, the message shortcuts, Train and
Cancel.

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
from slack_sdk import WebClient

from bot.inbox_worker import Handler, InboxSweeper
from bot.slack.inbound import inbox_payload, resume_user_message, user_turn
from bot.slack.listeners import actions, shortcuts, train
from bot.slack.listeners.commands import WORK_COMMANDS, resume_command
from bot.slack.once import ACCEPTED, command_key
from bot.slack.runtime import SlackRuntime
from bot.slack.work import Interaction, resume
from bot.storage.inbox import InboxItem

if TYPE_CHECKING:
    from bot.container import Container

log = logging.getLogger(__name__)

__all__ = ["ACCEPTED", "CLICK_KIND", "COMMAND_KIND", "INTERACTIONS", "MESSAGE_KIND", "inbox_sweeper",
           "record_accepted_work", "start_inbox_sweeper"]

MESSAGE_KIND = "slack_message"
COMMAND_KIND = "slack_command"
INTERACTIONS: tuple[Interaction, ...] = (
    actions.FEEDBACK, actions.FEATURE_CLICK, shortcuts.SAVE_NOTE, train.SHORTCUT, train.TRAIN_CLICK, train.CANCEL_CLICK,
)
CLICK_KIND = actions.FEATURE_CLICK.kind
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
        elif (found := accepted_interaction(rt, body)) is not None:
            key, kind = found
            if rt.inbox.accept(key, kind, {"body": body, "team": context.team_id or ""}, owner=rt.owner):
                context[ACCEPTED] = key
        return next()

    return record


def accepted_interaction(rt: SlackRuntime, body: dict[str, Any]) -> tuple[str, str] | None:
    """(inbox key, kind) of a click or shortcut that goes through the inbox; None for anything else."""
    for interaction in INTERACTIONS:
        if (key := interaction.key(rt, body)) is not None:
            return key, interaction.kind
    return None


def inbox_sweeper(rt: SlackRuntime, client: WebClient, *, every_s: float) -> InboxSweeper:
    """A sweeper (not started) that takes over the Slack work of replicas that died, of every kind."""

    def redo(interaction: Interaction) -> Handler:
        return lambda item: resume(rt, client, interaction, item)

    def redo_message(item: InboxItem) -> None:
        resume_user_message(rt, client, item)

    def redo_command(item: InboxItem) -> None:
        resume_command(rt, client, item)

    handlers = {MESSAGE_KIND: redo_message, COMMAND_KIND: redo_command, **{i.kind: redo(i) for i in INTERACTIONS}}
    return InboxSweeper(rt.inbox, rt.owner, handlers, every_s=every_s)


def start_inbox_sweeper(app: App, container: Container) -> InboxSweeper:
    """The background sweeper of this replica (`serve slack`)."""
    from bot.slack.app import slack_runtime

    return inbox_sweeper(slack_runtime(container), app.client, every_s=container.settings.inbox_sweep_s).start()
