"""Message shortcut "Save as team note": any message becomes a team note, cited in later answers.

The note belongs to the channel the message is in, so a message saved from a private channel or
a DM is a private note there. The confirmation goes only to the person who used the shortcut.

The shortcut is work that goes through the inbox (`bot.slack.work`, kind `slack_note_shortcut`,
keyed by its trigger_id): recorded while acknowledged, redone by another replica if this one dies.
Like `/ft-note`, its confirmation goes to `response_url` and cannot be read back: a replica dying
between saving and recording the work done means the note is saved (and confirmed) twice.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App

from bot.slack.delivery import response_payload
from bot.slack.once import trigger_key
from bot.slack.render import render_all
from bot.slack.runtime import SlackRuntime
from bot.slack.work import Interaction, Job, listener
from handlers.models import Action, ErrorReply, Request, new_reference_id

log = logging.getLogger(__name__)

SAVE_AS_NOTE = "save_as_team_note"


def shortcut_key(callback_id: str, body: dict[str, Any]) -> str | None:
    """The inbox key of the message shortcut `callback_id` (its trigger_id); None: another request."""
    if body.get("type") != "message_action" or body.get("callback_id") != callback_id:
        return None
    return trigger_key(body)


def register(app: App, rt: SlackRuntime) -> None:
    def ack_shortcut(ack: Ack) -> None:
        ack()

    app.message_shortcut(SAVE_AS_NOTE)(ack=ack_shortcut, lazy=[listener(rt, SAVE_NOTE)])


def _save_as_note(job: Job) -> None:
    rt, shortcut = job.rt, job.body
    try:
        message = shortcut.get("message") or {}
        conv = rt.conversation(
            job.client,
            team=job.team,
            channel=str((shortcut.get("channel") or {}).get("id", "")),
            user=job.user,
            thread=str(message.get("thread_ts") or ""),
        )
        text = str(message.get("text") or "")
        request = Request(
            text=text, action=Action(name="note.save", value={"text": text}), conversation=conv, work_key=job.lease.key
        )
        replies = rt.router.handle(request)
    except Exception:
        ref = new_reference_id()
        log.exception("save-as-note failed ref=%s", ref)
        replies = [ErrorReply(reference_id=ref)]
    job.lease.check()
    for m in render_all(replies):
        job.respond(**response_payload(m, rt.allowed_hosts))


SAVE_NOTE = Interaction("slack_note_shortcut", lambda _rt, body: shortcut_key(SAVE_AS_NOTE, body), _save_as_note)
