"""Message shortcut "Save as team note": any message becomes a team note, cited in later answers.

The note belongs to the channel the message is in, so a message saved from a private channel or
a DM is a private note there. The confirmation goes only to the person who used the shortcut.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.slack.delivery import response_payload
from bot.slack.once import first_trigger
from bot.slack.render import render_all
from bot.slack.runtime import SlackRuntime
from handlers.models import Action, ErrorReply, Request, new_reference_id

log = logging.getLogger(__name__)

SAVE_AS_NOTE = "save_as_team_note"


def register(app: App, rt: SlackRuntime) -> None:
    def ack_shortcut(ack: Ack) -> None:
        ack()

    def handle_save_as_note(
        shortcut: dict[str, Any], client: WebClient, context: BoltContext, respond: Respond
    ) -> None:
        try:
            if not first_trigger(rt.receipts.claim, shortcut):
                return
            message = shortcut.get("message") or {}
            channel = str((shortcut.get("channel") or {}).get("id", ""))
            conv = rt.conversation(
                client,
                team=context.team_id or "",
                channel=channel,
                user=str((shortcut.get("user") or {}).get("id", "")),
                thread=str(message.get("thread_ts") or ""),
            )
            text = str(message.get("text") or "")
            request = Request(text=text, action=Action(name="note.save", value={"text": text}), conversation=conv)
            replies = rt.router.handle(request)
        except Exception:
            ref = new_reference_id()
            log.exception("save-as-note failed ref=%s", ref)
            replies = [ErrorReply(reference_id=ref)]
        for m in render_all(replies):
            respond(**response_payload(m, rt.allowed_hosts))

    app.message_shortcut(SAVE_AS_NOTE)(ack=ack_shortcut, lazy=[handle_save_as_note])
