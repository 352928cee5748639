"""Slack's AI assistant surface (the split-view DM): suggested prompts when a thread starts, a status
while the knowledge base is searched, the thread titled after its first question."""

from __future__ import annotations

from typing import Any

from slack_bolt import App, Assistant, BoltContext, SetStatus, SetSuggestedPrompts, SetTitle
from slack_sdk import WebClient

from bot.slack.blocks import SlackMessage, mrkdwn_sections
from bot.slack.inbound import handle_user_message
from bot.slack.inbox import ACCEPTED
from bot.slack.mrkdwn import truncate
from bot.slack.runtime import SlackRuntime
from handlers.models import Conversation

GREETING = (
    "Hi! I help you decide whether to fine-tune, engineer prompts, use RAG or LoRA/PEFT, with cited "
    "answers. Ask a question, type `assess` for a short interview and a recommendation, or `demo` to "
    "see a prompted model and a fine-tuned one side by side."
)

SUGGESTED_PROMPTS: list[dict[str, str]] = [
    {"title": "Fine-tune or RAG?", "message": "When should we fine-tune instead of using RAG?"},
    {"title": "What does LoRA save?", "message": "How much cheaper is PEFT / LoRA than full fine-tuning?"},
    {"title": "Assess our use case", "message": "assess"},
    {"title": "Show me the demo", "message": "demo sample"},
]

STATUS = "searching the knowledge base..."
TITLE_LIMIT = 80


def register(app: App, rt: SlackRuntime) -> None:
    assistant = Assistant()

    def handle_assistant_thread_started(
        body: dict[str, Any], payload: dict[str, Any], client: WebClient, set_suggested_prompts: SetSuggestedPrompts
    ) -> None:
        if not rt.first_delivery(body):
            return
        thread = payload.get("assistant_thread") or {}
        message = SlackMessage(text=GREETING, blocks=mrkdwn_sections(GREETING))
        rt.poster(client).post(str(thread.get("channel_id", "")), message, thread_ts=thread.get("thread_ts"))
        set_suggested_prompts(prompts=SUGGESTED_PROMPTS)

    def handle_assistant_user_message(
        payload: dict[str, Any],
        client: WebClient,
        context: BoltContext,
        set_status: SetStatus,
        set_title: SetTitle,
    ) -> None:
        team = context.team_id or ""
        key = Conversation(
            platform="slack",
            workspace=team,
            channel=str(payload.get("channel", "")),
            thread=str(payload.get("thread_ts", "")),
        ).thread_key
        if not rt.conversations.has_thread(key):
            set_title(truncate(" ".join(str(payload.get("text", "")).split()), TITLE_LIMIT) or "ft-advisor")
        set_status(STATUS)
        handle_user_message(
            rt, client, payload, team=team, bot_user_id=context.bot_user_id, accepted=context.get(ACCEPTED),
            status=set_status,
        )

    def handle_assistant_thread_context_changed() -> None:
        """The channel the user is viewing changed. We don't use it, and Bolt's default handler would
        read the thread back from Slack (conversations.replies, rate-limited): nothing to do."""

    assistant.thread_started(handle_assistant_thread_started)
    assistant.thread_context_changed(handle_assistant_thread_context_changed)
    assistant.user_message(handle_assistant_user_message)
    app.assistant(assistant)
