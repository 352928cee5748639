"""Slash commands: `/ft-ask`, `/ft-assess`, `/ft-note`, `/ft-demo`, `/ft-digest`, `/ft-help`.

Each command is acknowledged at once (Bolt `ack` function, milliseconds) and its work runs in a
lazy listener after the 200 went back to Slack. Answers that belong to the channel (ask, assess,
demo) are posted there as a message with a thread; private things (notes, digest settings, help)
are answered only to the person who typed the command.

Work commands go through the inbox: recorded (keyed by `trigger_id`) while the request is being
acknowledged (`bot.slack.inbox`), run by the replica that accepted them under a heart-beaten lease
checked before each post (`Lease.check`), done after; a replayed request finds its key taken. If
that replica dies, another one's sweeper redoes the command (`resume_command`): channel answers
carry the key in Slack message metadata, so the redo finds what was posted (the placeholder to
replace, or the answer: nothing to do). Private answers go to `response_url` and cannot be read
back: a replica dying between answering privately and recording it done means a second private
answer (and a `/ft-note` saved twice).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import MarkdownTextObject, SectionBlock

from bot.inbox_worker import Lease, LeaseLost
from bot.slack.blocks import SlackMessage, placeholder_message
from bot.slack.delivery import response_payload
from bot.slack.mrkdwn import escape, truncate
from bot.slack.once import ACCEPTED, command_key
from bot.slack.render import render_all
from bot.slack.replies import PLACEHOLDER_PART, PostedReply, reply_metadata
from bot.slack.runtime import SlackRuntime, bind
from bot.slack.turns import Where, run_turn
from bot.slack.work import Job, guarded
from bot.storage.inbox import InboxItem
from handlers.models import Command, Conversation, ErrorReply, Request, TextReply

log = logging.getLogger(__name__)

# the manifests in slack/ list these (a test checks)
COMMANDS = ("/ft-help", "/ft-ask", "/ft-assess", "/ft-demo", "/ft-note", "/ft-digest")
WORK_COMMANDS = frozenset(COMMANDS[1:])  # /ft-help is answered in the acknowledgement itself

# chat.postMessage errors that mean "the bot cannot post here": answer privately instead
CANNOT_POST = frozenset({"not_in_channel", "channel_not_found", "is_archived", "restricted_action"})

ASK_USAGE = "Ask a question: `/ft-ask should we fine-tune or use RAG for our support bot?`"


@dataclass(frozen=True)
class Run(Job):
    """One command being worked on (`body`: the slash command's form) and the inbox claim it runs under."""

    @property
    def command(self) -> dict[str, Any]:
        return self.body

    @property
    def channel(self) -> str:
        return str(self.command.get("channel_id", ""))

    @property
    def user(self) -> str:
        return str(self.command.get("user_id", ""))

    @property
    def text(self) -> str:
        return str(self.command.get("text", "")).strip()

    def posted_here(self, thread_ts: str | None = None) -> PostedReply:
        """What an earlier attempt posted under this command's key (top level, or in `thread_ts`)."""
        return self.posted(self.channel, thread_ts)


def register(app: App, rt: SlackRuntime) -> None:
    app.command("/ft-help")(bind(handle_ft_help, rt))
    for name in COMMANDS[1:]:
        app.command(name)(ack=ack_command, lazy=[bind(handle_command, rt)])


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


def handle_command(rt: SlackRuntime, command: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """The lazy listener of every work command: only the delivery the inbox accepted runs it."""
    key = command_key(command)
    if key is None or context.get(ACCEPTED) != key:
        log.warning("replayed Slack command %s ignored", key)
        return
    item = rt.inbox.begin(key, owner=rt.owner)
    if item is None:
        log.info("command %s was taken over by another replica before it started here", key)
        return
    run_command(rt, client, command, context.team_id or str(command.get("team_id", "")), item)


def resume_command(rt: SlackRuntime, client: WebClient, item: InboxItem) -> None:
    """Redo a command whose replica died (the sweeper holds `item`'s lease)."""
    run_command(rt, client, dict(item.payload["command"]), str(item.payload.get("team", "")), item)


def run_command(rt: SlackRuntime, client: WebClient, command: dict[str, Any], team: str, item: InboxItem) -> None:
    run = Run(rt, command, team, client, Lease.of(rt.inbox, item), item.is_retry, item.created_at)
    work = WORK.get(str(command.get("command", "")))
    try:
        with rt.heartbeats.holding(run.lease):
            if work is not None:
                _guarded(run, lambda: work(run))
    except LeaseLost:
        log.info("command %s was taken over by another replica: it answers", run.lease.key)
        return
    run.lease.done()


def _ask(run: Run) -> None:
    if not run.text:
        _respond_text(run, ASK_USAGE)
        return
    looking = f"Looking into <@{run.user}>'s question..."
    preface = f"<@{run.user}> asked: _{escape(truncate(run.text, 400))}_"
    _turn_in_channel(run, "ask", run.text, looking, preface)


def _demo(run: Run) -> None:
    if run.text.lower() == "train" and run.rt.train is not None:  # a team's own file: listeners/train.py
        from bot.slack.listeners.train import start_from_command

        if not (run.retry and run.posted_here().answered):  # the summary an earlier attempt posted
            start_from_command(run.rt, run.client, run.command, run.respond, run.lease)
        return
    what = f" on: _{escape(truncate(run.text, 300))}_" if run.text else ""
    preface = f"<@{run.user}> ran the fine-tuning demo{what}"
    _turn_in_channel(run, "demo", run.text, "Running both models side by side (a few seconds)...", preface)


WORK: dict[str, Callable[[Run], None]] = {
    "/ft-ask": _ask,
    "/ft-assess": lambda run: _start_assessment(run),
    "/ft-demo": _demo,
    "/ft-note": lambda run: _private_turn(run, "note"),
    "/ft-digest": lambda run: _private_turn(run, "digest"),
}


def _request(run: Run, cmd: Command, *, text: str, thread: str = "") -> Request:
    conv = run.rt.conversation(
        run.client,
        team=run.team,
        channel=run.channel,
        user=run.user,
        thread=thread,  # privacy from the channel id and conversations.info, never the user-chosen channel_name
    )
    return Request(text=text, command=cmd, conversation=conv, work_key=run.lease.key)


def _post_root(run: Run, message: SlackMessage) -> str | None:
    """Post the top-level message a command's thread hangs off (tagged with the inbox key, like a
    placeholder); None if the bot cannot post here."""
    run.lease.check()
    try:
        return run.rt.poster(run.client).post(
            run.channel, message, metadata=reply_metadata(run.lease.key, PLACEHOLDER_PART)
        )
    except SlackApiError as exc:
        if exc.response.get("error") in CANNOT_POST:
            return None
        raise


def _turn_in_channel(run: Run, cmd: Command, text: str, placeholder: str, preface: str) -> None:
    """A placeholder in the channel, replaced by the reply; follow-ups continue in its thread.
    Where the bot may not post, the reply goes privately to the asker."""
    root = None
    if run.retry:
        found = run.posted_here()
        if found.answered:
            return
        root = found.placeholder_ts
    root = root or _post_root(run, placeholder_message(placeholder))
    request = _request(run, cmd, text=text, thread=root or "")
    if root is None:
        _respond_replies(run, run.rt.router.handle(request), note=_INVITE)
        return
    where = Where(channel=run.channel, replace_ts=root)
    run_turn(run.rt, run.client, request, where, preface=preface, tag=run.lease.key, fence=run.lease.check)


def _start_assessment(run: Run) -> None:
    intro = (
        f":clipboard: <@{run.user}> started a fine-tuning assessment. I'll ask a few questions in this thread: "
        "answer with the buttons or in your own words (`skip`, `back`, `restart`, `done` work too)."
    )
    root = run.posted_here().placeholder_ts if run.retry else None  # the intro an earlier attempt posted
    if root is not None and run.posted_here(root).answered:
        return
    root = root or _post_root(
        run,
        SlackMessage(
            text=f"Fine-tuning assessment started by <@{run.user}>",
            blocks=[SectionBlock(text=MarkdownTextObject(text=intro))],
        ),
    )
    if root is None:
        _respond_text(run, _INVITE + " Or run `/ft-assess` in a DM with me.")
        return
    request = _request(run, "assess", text=run.text, thread=root)
    run_turn(
        run.rt, run.client, request, Where(channel=run.channel, thread_ts=root), tag=run.lease.key,
        fence=run.lease.check,
    )


def _private_turn(run: Run, cmd: Command) -> None:
    _respond_replies(run, run.rt.router.handle(_request(run, cmd, text=run.text)))


_INVITE = "I can't post in this channel: invite me with `/invite @ft-advisor` and try again."


def _respond_replies(run: Run, replies: list[Any], *, note: str | None = None) -> None:
    if note:
        replies = [TextReply(text=note, tone="warning"), *replies]
    run.lease.check()
    for message in render_all(replies):
        run.respond(**response_payload(message, run.rt.allowed_hosts))


def _respond_text(run: Run, text: str) -> None:
    _respond_replies(run, [TextReply(text=text, tone="info")])


def _guarded(run: Run, work: Callable[[], None]) -> None:
    """Run a command's work; any failure becomes a polite private message with a reference id."""
    guarded(work, lambda ref: _respond_replies(run, [ErrorReply(reference_id=ref)]), "slash command")
