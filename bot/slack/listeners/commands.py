"""Slash commands: `/ft-ask`, `/ft-assess`, `/ft-note`, `/ft-demo`, `/ft-digest`, `/ft-help`.

Each command is acknowledged at once (Bolt `ack` function, milliseconds) and its work runs in a
lazy listener after the 200 went back to Slack. Answers that belong to the channel (ask, assess,
demo) are posted there as a message with a thread; private things (notes, digest settings, help)
are answered only to the person who typed the command.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import MarkdownTextObject, SectionBlock

from bot.slack.blocks import SlackMessage, placeholder_message
from bot.slack.delivery import response_payload
from bot.slack.mrkdwn import escape, truncate
from bot.slack.once import first_trigger
from bot.slack.render import render_all
from bot.slack.runtime import SlackRuntime, bind
from bot.slack.turns import Where, run_turn
from handlers.models import Command, Conversation, ErrorReply, Request, TextReply, new_reference_id

log = logging.getLogger(__name__)

# the manifests in slack/ list these (a test checks)
COMMANDS = ("/ft-help", "/ft-ask", "/ft-assess", "/ft-demo", "/ft-note", "/ft-digest")

# chat.postMessage errors that mean "the bot cannot post here": answer privately instead
CANNOT_POST = frozenset({"not_in_channel", "channel_not_found", "is_archived", "restricted_action"})

ASK_USAGE = "Ask a question: `/ft-ask should we fine-tune or use RAG for our support bot?`"


def register(app: App, rt: SlackRuntime) -> None:
    app.command("/ft-help")(bind(handle_ft_help, rt))
    work = {
        "/ft-ask": handle_ft_ask,
        "/ft-assess": handle_ft_assess,
        "/ft-demo": handle_ft_demo,
        "/ft-note": handle_ft_note,
        "/ft-digest": handle_ft_digest,
    }
    for name in COMMANDS[1:]:
        app.command(name)(ack=ack_command, lazy=[bind(work[name], rt)])


def ack_command(ack: Ack) -> None:
    """Acknowledge within milliseconds; the lazy listener does the work."""
    ack()


def handle_ft_help(rt: SlackRuntime, ack: Ack, command: dict[str, Any]) -> None:
    """Help is static: answered in the acknowledgement itself (no Slack API call)."""
    conv = Conversation(
        platform="slack", channel=str(command.get("channel_id", "")), user=str(command.get("user_id", ""))
    )
    replies = rt.router.handle(Request(text="help", command="help", conversation=conv))
    ack(**response_payload(render_all(replies)[0], rt.allowed_hosts))


def handle_ft_ask(
    rt: SlackRuntime, command: dict[str, Any], client: WebClient, context: BoltContext, respond: Respond
) -> None:
    if not _first(rt, command):
        return
    question = str(command.get("text", "")).strip()
    if not question:
        _respond_text(rt, respond, ASK_USAGE)
        return
    user = command.get("user_id", "")
    where = (rt, client, respond, command, context)
    looking = f"Looking into <@{user}>'s question..."
    preface = f"<@{user}> asked: _{escape(truncate(question, 400))}_"
    _guarded(rt, respond, lambda: _turn_in_channel(*where, "ask", question, looking, preface))


def handle_ft_assess(
    rt: SlackRuntime, command: dict[str, Any], client: WebClient, context: BoltContext, respond: Respond
) -> None:
    if not _first(rt, command):
        return
    _guarded(rt, respond, lambda: _start_assessment(rt, client, respond, command, context))


def handle_ft_demo(
    rt: SlackRuntime, command: dict[str, Any], client: WebClient, context: BoltContext, respond: Respond
) -> None:
    if not _first(rt, command):
        return
    text = str(command.get("text", "")).strip()
    if text.lower() == "train" and rt.train is not None:  # a team's own file: listeners/train.py
        from bot.slack.listeners.train import start_from_command

        start_from_command(rt, client, command, respond)
        return
    user = command.get("user_id", "")
    what = f" on: _{escape(truncate(text, 300))}_" if text else ""
    preface = f"<@{user}> ran the fine-tuning demo{what}"
    running = "Running both models side by side (a few seconds)..."
    where = (rt, client, respond, command, context)
    _guarded(rt, respond, lambda: _turn_in_channel(*where, "demo", text, running, preface))


def handle_ft_note(
    rt: SlackRuntime, command: dict[str, Any], client: WebClient, context: BoltContext, respond: Respond
) -> None:
    if not _first(rt, command):
        return
    _guarded(rt, respond, lambda: _private_turn(rt, client, respond, command, context, "note"))


def handle_ft_digest(
    rt: SlackRuntime, command: dict[str, Any], client: WebClient, context: BoltContext, respond: Respond
) -> None:
    if not _first(rt, command):
        return
    _guarded(rt, respond, lambda: _private_turn(rt, client, respond, command, context, "digest"))


def _request(
    rt: SlackRuntime,
    client: WebClient,
    command: dict[str, Any],
    context: BoltContext,
    cmd: Command,
    *,
    text: str,
    thread: str = "",
) -> Request:
    conv = rt.conversation(
        client,
        team=context.team_id or str(command.get("team_id", "")),
        channel=str(command.get("channel_id", "")),
        user=str(command.get("user_id", "")),
        thread=thread,  # privacy from the channel id and conversations.info, never the user-chosen channel_name
    )
    return Request(text=text, command=cmd, conversation=conv)


def _first(rt: SlackRuntime, command: dict[str, Any]) -> bool:
    """False for a replayed command (same trigger_id): its work already ran once."""
    try:
        return first_trigger(rt.receipts.claim, command)
    except Exception:
        log.warning("could not record the command's trigger_id; handling it anyway", exc_info=True)
        return True


def _post_root(rt: SlackRuntime, client: WebClient, channel: str, message: SlackMessage) -> str | None:
    """Post the top-level message a command's thread hangs off; None if the bot cannot post here."""
    try:
        return rt.poster(client).post(channel, message)
    except SlackApiError as exc:
        if exc.response.get("error") in CANNOT_POST:
            return None
        raise


def _turn_in_channel(
    rt: SlackRuntime,
    client: WebClient,
    respond: Respond,
    command: dict[str, Any],
    context: BoltContext,
    cmd: Command,
    text: str,
    placeholder: str,
    preface: str,
) -> None:
    """A placeholder in the channel, replaced by the reply; follow-ups continue in its thread.
    Where the bot may not post, the reply goes privately to the asker."""
    channel = str(command.get("channel_id", ""))
    root = _post_root(rt, client, channel, placeholder_message(placeholder))
    request = _request(rt, client, command, context, cmd, text=text, thread=root or "")
    if root is None:
        _respond_replies(rt, respond, rt.router.handle(request), note=_INVITE)
        return
    run_turn(rt, client, request, Where(channel=channel, replace_ts=root), preface=preface)


def _start_assessment(
    rt: SlackRuntime, client: WebClient, respond: Respond, command: dict[str, Any], context: BoltContext
) -> None:
    channel = str(command.get("channel_id", ""))
    user = command.get("user_id", "")
    intro = (
        f":clipboard: <@{user}> started a fine-tuning assessment. I'll ask a few questions in this thread: "
        "answer with the buttons or in your own words (`skip`, `back`, `restart`, `done` work too)."
    )
    root = _post_root(
        rt,
        client,
        channel,
        SlackMessage(
            text=f"Fine-tuning assessment started by <@{user}>",
            blocks=[SectionBlock(text=MarkdownTextObject(text=intro))],
        ),
    )
    if root is None:
        _respond_text(rt, respond, _INVITE + " Or run `/ft-assess` in a DM with me.")
        return
    request = _request(rt, client, command, context, "assess", text=str(command.get("text", "")).strip(), thread=root)
    run_turn(rt, client, request, Where(channel=channel, thread_ts=root))


def _private_turn(
    rt: SlackRuntime,
    client: WebClient,
    respond: Respond,
    command: dict[str, Any],
    context: BoltContext,
    cmd: Command,
) -> None:
    request = _request(rt, client, command, context, cmd, text=str(command.get("text", "")).strip())
    _respond_replies(rt, respond, rt.router.handle(request))


_INVITE = "I can't post in this channel: invite me with `/invite @ft-advisor` and try again."


def _respond_replies(rt: SlackRuntime, respond: Respond, replies: list[Any], *, note: str | None = None) -> None:
    if note:
        replies = [TextReply(text=note, tone="warning"), *replies]
    for message in render_all(replies):
        respond(**response_payload(message, rt.allowed_hosts))


def _respond_text(rt: SlackRuntime, respond: Respond, text: str) -> None:
    _respond_replies(rt, respond, [TextReply(text=text, tone="info")])


def _guarded(rt: SlackRuntime, respond: Respond, work: Callable[[], None]) -> None:
    """Run a command's work; any failure becomes a polite private message with a reference id."""
    try:
        work()
    except Exception:
        ref = new_reference_id()
        log.exception("slash command failed ref=%s", ref)
        try:
            _respond_replies(rt, respond, [ErrorReply(reference_id=ref)])
        except Exception:
            log.exception("could not tell the user about failure ref=%s", ref)
