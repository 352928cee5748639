"""Adaptive Card renderer: reply models (`handlers.replies`) in, Teams messages out. Pure.

`render(reply)` dispatches on the reply's `kind` to one builder per reply kind; each returns a
list of `CardMessage` (a long reply may need several messages; a digest with nothing to post
returns none). An unknown kind is shown as text rather than dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from bot.teams.cards.answer import answer_cards
from bot.teams.cards.assess import question_cards, result_cards
from bot.teams.cards.basic import error_cards, help_cards, notes_cards, text_cards
from bot.teams.cards.common import CardMessage, RenderOptions, safe_card
from bot.teams.cards.demo import demo_cards, eval_cards
from bot.teams.cards.digest import digest_cards
from handlers.models import TextReply

Builder = Callable[[Any, RenderOptions], list[CardMessage]]

BUILDERS: dict[str, Builder] = {
    "answer": answer_cards,
    "text": text_cards,
    "error": error_cards,
    "notes": notes_cards,
    "help": help_cards,
    "digest": digest_cards,
    "assess_question": question_cards,
    "assess_result": result_cards,
    "demo": demo_cards,
    "demo_eval": eval_cards,
}


def render(reply: Any, opts: RenderOptions | None = None) -> list[CardMessage]:
    opts = opts or RenderOptions()
    builder = BUILDERS.get(str(getattr(reply, "kind", "")))
    if builder is None:
        return text_cards(TextReply(text=str(getattr(reply, "text", "") or "Done.")), opts)
    messages = builder(reply, opts)
    for message in messages:
        message.card = safe_card(message.card, opts)
    return messages


def render_all(replies: Sequence[Any], opts: RenderOptions | None = None) -> list[CardMessage]:
    return [message for reply in replies for message in render(reply, opts)]


__all__ = ["BUILDERS", "CardMessage", "RenderOptions", "render", "render_all"]
