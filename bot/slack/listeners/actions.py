"""Button presses: feedback on answers, and the buttons of features (assessment answers, demo, ...).

Buttons are acknowledged at once; the lazy listener does the work. A feature button's `action_id`
is `<feature>.<name>[:<n>]` (the suffix keeps ids unique within a block) and its value JSON; the
router sends it to the feature that owns the prefix. Only the first click on a set of buttons
counts, and the clicked buttons are retired (replaced by a line saying who chose what), so that a
question cannot be answered twice.

Both kinds of click are work that goes through the inbox (`bot.slack.work`): recorded while they
are acknowledged, run under a fenced lease, done after their reply, redone by another replica's
sweeper if this one dies. A feature button's click (`slack_click`) is keyed by `click_key`: the
first click on a block is the one accepted, on every replica; its redo first looks in the thread
for the reply tagged with the key. A thumbs click (`slack_feedback`) is keyed by its trigger_id
(every press counts: a second press changes the vote); its redo writes the same vote again, and
its thanks, shown only to the voter, cannot be read back (a redo after they were shown shows them
again).
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from slack_bolt import Ack, App

from bot.inbox_worker import LeaseLost
from bot.slack.blocks import answered_blocks
from bot.slack.mrkdwn import escape, truncate
from bot.slack.once import trigger_key
from bot.slack.render import render_all
from bot.slack.replies import find_reply
from bot.slack.runtime import SlackRuntime, bind
from bot.slack.turns import Where, run_turn
from bot.slack.work import Interaction, Job, listener
from handlers.feedback import ACTION_PREFIX as FEEDBACK_PREFIX
from handlers.models import Action, Conversation, Request

log = logging.getLogger(__name__)

FEEDBACK_ACTIONS = re.compile(f"^{re.escape(FEEDBACK_PREFIX)}")
ANY_ACTION = re.compile(r".")


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
    app.action(FEEDBACK_ACTIONS)(ack=ack_action, lazy=[listener(rt, FEEDBACK)])
    app.action(ANY_ACTION, matchers=[bind(owned_by_feature, rt)])(ack=ack_action, lazy=[listener(rt, FEATURE_CLICK)])


def feature_prefixes(rt: SlackRuntime) -> tuple[str, ...]:
    """The action-name prefixes of the router's features (feedback has a listener of its own)."""
    return tuple(
        f.action_prefix for f in rt.router.features if f.action_prefix and f.action_prefix != FEEDBACK_PREFIX
    )


def owned_by_feature(rt: SlackRuntime, action: dict[str, Any]) -> bool:
    """Whether a feature of the router owns this button (its `action_id` starts with the prefix)."""
    return action_name(str(action.get("action_id", ""))).startswith(feature_prefixes(rt) or ("\0",))


def ack_action(ack: Ack) -> None:
    ack()


def feedback_key(rt: SlackRuntime, body: dict[str, Any]) -> str | None:
    """The inbox key of a thumbs click (one per press: its trigger_id); None: not a thumbs click."""
    actions = body.get("actions") or []
    if body.get("type") != "block_actions" or not actions:
        return None
    return trigger_key(body) if FEEDBACK_ACTIONS.match(str(actions[0].get("action_id", ""))) else None


def _feedback(job: Job) -> None:
    """A thumbs button: the feedback feature records the vote (one per user and answer: a redo
    writes the same vote again, stamped with the time the click was accepted, so it never
    overwrites a vote the user cast later); its thanks go only to the voter."""
    request = feedback_request(job.body, job.action, team=job.team).model_copy(
        update={"accepted_at": job.accepted_at, "work_key": job.lease.key}
    )
    conv = request.conversation
    replies = job.rt.router.handle(request)
    job.lease.check()
    try:
        for message in render_all(replies):
            job.rt.poster(job.client).ephemeral(conv.channel, conv.user, message, thread_ts=conv.thread)
    except Exception:  # the answer to a click is a courtesy
        log.warning("feedback acknowledgement failed", exc_info=True)


def feedback_request(body: dict[str, Any], action: dict[str, Any], *, team: str) -> Request:
    """The router request of a thumbs button: the vote in the action name, the question and the
    answer message's ts in its value."""
    channel, ts, thread = clicked_where(body)
    user = str((body.get("user") or {}).get("id", ""))
    value = {**action_value(action.get("value")), "message_id": ts}
    conv = Conversation(platform="slack", workspace=team, channel=channel, thread=thread, user=user)
    return Request(action=Action(name=action_name(str(action.get("action_id", ""))), value=value), conversation=conv)


def accepted_click(rt: SlackRuntime, body: dict[str, Any]) -> str | None:
    """The inbox key of a click on a feature's button (None: not a feature's button)."""
    actions = body.get("actions") or []
    if body.get("type") != "block_actions" or not actions or not owned_by_feature(rt, actions[0]):
        return None
    channel, ts, _ = clicked_where(body)
    return click_key(channel, ts, str(actions[0].get("block_id", "")))


def _click(job: Job) -> None:
    rt, client, body, lease = job.rt, job.client, job.body, job.lease
    action = job.action
    channel, ts, thread = clicked_where(body)
    if job.retry and find_reply(client, channel=channel, thread_ts=thread, since_ts=ts, key=lease.key).answered:
        return
    block_id = str(action.get("block_id", ""))
    user = job.user
    label = str((action.get("text") or {}).get("text", ""))
    message = body.get("message") or {}
    if message.get("blocks") and ts and not (body.get("container") or {}).get("is_ephemeral"):
        note = f":ballot_box_with_check: <@{user}> chose *{escape(truncate(label, 200))}*"
        try:
            lease.check()
            rt.poster(client).update_blocks(
                channel,
                ts,
                text=str(message.get("text") or label),
                blocks=answered_blocks(message["blocks"], block_id, note),
            )
        except LeaseLost:
            raise
        except Exception:
            log.warning("could not retire the clicked buttons", exc_info=True)
    conv = rt.conversation(client, team=job.team, channel=channel, user=user, thread=thread)
    request = Request(
        text=label,
        action=Action(name=action_name(str(action.get("action_id", ""))), value=action_value(action.get("value"))),
        conversation=conv,
    )
    run_turn(rt, client, request, Where(channel=channel, thread_ts=thread), tag=lease.key, fence=lease.check)


FEEDBACK = Interaction("slack_feedback", feedback_key, _feedback)
FEATURE_CLICK = Interaction("slack_click", accepted_click, _click)
