"""The Slack renderer: one explicit table from reply kind (`handlers.replies`) to its Block Kit
builder. Pure: reply models in, `SlackMessage`s out. A kind missing from the table (a test
forbids it) is still shown, from its text, rather than dropped."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from bot.slack.blocks import (
    SlackMessage,
    answer_message,
    error_message,
    generic_message,
    help_message,
    notes_message,
    text_message,
)
from bot.slack.blocks_assess import question_message, result_message
from bot.slack.blocks_demo import demo_eval_message, demo_message
from bot.slack.blocks_digest import digest_message

Builder = Callable[[Any], list[SlackMessage]]

BUILDERS: dict[str, Builder] = {
    "answer": answer_message,
    "text": text_message,
    "error": error_message,
    "notes": notes_message,
    "help": help_message,
    "assess_question": question_message,
    "assess_result": result_message,
    "digest": digest_message,
    "demo": demo_message,
    "demo_eval": demo_eval_message,
}


def render(reply: Any) -> list[SlackMessage]:
    """The Slack messages for one reply of any kind."""
    build = BUILDERS.get(str(getattr(reply, "kind", "")))
    return build(reply) if build is not None else generic_message(reply)


def render_all(replies: Iterable[Any]) -> list[SlackMessage]:
    return [m for r in replies for m in render(r)]
