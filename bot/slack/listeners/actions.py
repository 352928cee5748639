"""Button presses: feedback on answers, and the buttons of features (assessment answers, demo, ...).

Buttons are acknowledged at once; the lazy listener does the work. A feature button's `action_id`
is `<feature>.<name>[:<n>]` (the suffix keeps ids unique within a block) and its value JSON; the
router sends it to the feature that owns the prefix. Only the first click on a set of buttons
counts (a receipt in the database), and the clicked buttons are retired (replaced by a line saying
who chose what), so that a question cannot be answered twice.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.slack.blocks import FEEDBACK_UP, answered_blocks, render
from bot.slack.mrkdwn import escape, truncate
from bot.slack.once import first_trigger
from bot.slack.runtime import SlackRuntime
from bot.slack.turns import Where, run_turn
from bot.storage.feedback import Vote
from handlers.models import Action, Conversation, ErrorReply, Request, TextReply, new_reference_id

log = logging.getLogger(__name__)

FEATURE_ACTIONS = re.compile(r"^(assess|demo|digest|note)\.")
FEEDBACK_ACTIONS = re.compile(r"^feedback\.(up|down)$")


def action_name(action_id: str) -> str:
    """`assess.answer:3` -> `assess.answer`."""
    return action_id.split(":", 1)[0]


def action_value(raw: str | None) -> dict[str, Any]:
    """A button value as a dict: JSON objects as they are, anything else as {"value": raw}."""
    if not raw:
        return {}
    try:
        parsed = json.loads(raw)
    except ValueError:
        return {"value": raw}
    return parsed if isinstance(parsed, dict) else {"value": parsed}


def click_key(channel: str, ts: str, block_id: str) -> str:
    """One answer per set of buttons: the first click on a block wins, on every replica."""
    return f"slack:click:{channel}:{ts}:{block_id}"


def clicked_where(body: dict[str, Any]) -> tuple[str, str, str]:
    """(channel, message ts, thread ts) of the message holding the clicked button."""
    container = body.get("container") or {}
    message = body.get("message") or {}
    channel = str((body.get("channel") or {}).get("id") or container.get("channel_id") or "")
    ts = str(message.get("ts") or container.get("message_ts") or "")
    thread = str(message.get("thread_ts") or container.get("thread_ts") or ts)
    return channel, ts, thread


def register(app: App, rt: SlackRuntime) -> None:
    def ack_action(ack: Ack) -> None:
        ack()

    def handle_feedback(body: dict[str, Any], action: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        if not first_trigger(rt.receipts.claim, body):
            return
        channel, ts, thread = clicked_where(body)
        user = str((body.get("user") or {}).get("id", ""))
        vote: Vote = 1 if action.get("action_id") == FEEDBACK_UP else -1
        key = Conversation(platform="slack", workspace=context.team_id or "", channel=channel, thread=thread).thread_key
        try:
            rt.feedback.record(
                platform="slack",
                channel=channel,
                thread_key=key,
                message_id=ts,
                user=user,
                vote=vote,
                question=str(action_value(action.get("value")).get("q", "")),
            )
            reply: Any = TextReply(
                text="Thanks, glad it helped."
                if vote > 0
                else "Thanks, noted: this helps us see what the knowledge base is missing."
            )
        except Exception:
            ref = new_reference_id()
            log.exception("storing feedback failed ref=%s", ref)
            reply = ErrorReply(text="Sorry, I could not record your feedback.", reference_id=ref)
        try:
            for message in render(reply):
                rt.poster(client).ephemeral(channel, user, message, thread_ts=thread)
        except Exception:  # the answer to a click is a courtesy
            log.warning("feedback acknowledgement failed", exc_info=True)

    def handle_feature_action(
        body: dict[str, Any], action: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        if not first_trigger(rt.receipts.claim, body):
            return
        channel, ts, thread = clicked_where(body)
        block_id = str(action.get("block_id", ""))
        if not rt.receipts.claim(click_key(channel, ts, block_id)):
            log.info("a second click on %s:%s:%s ignored", channel, ts, block_id)  # double click, or two people
            return
        user = str((body.get("user") or {}).get("id", ""))
        label = str((action.get("text") or {}).get("text", ""))
        message = body.get("message") or {}
        if message.get("blocks") and ts and not (body.get("container") or {}).get("is_ephemeral"):
            note = f":ballot_box_with_check: <@{user}> chose *{escape(truncate(label, 200))}*"
            try:
                rt.poster(client).update_blocks(
                    channel,
                    ts,
                    text=str(message.get("text") or label),
                    blocks=answered_blocks(message["blocks"], block_id, note),
                )
            except Exception:
                log.warning("could not retire the clicked buttons", exc_info=True)
        conv = rt.conversation(client, team=context.team_id or "", channel=channel, user=user, thread=thread)
        request = Request(
            text=label,
            action=Action(name=action_name(str(action.get("action_id", ""))), value=action_value(action.get("value"))),
            conversation=conv,
        )
        run_turn(rt, client, request, Where(channel=channel, thread_ts=thread))

    app.action(FEEDBACK_ACTIONS)(ack=ack_action, lazy=[handle_feedback])
    app.action(FEATURE_ACTIONS)(ack=ack_action, lazy=[handle_feature_action])
