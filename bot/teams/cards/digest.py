"""The digest card: a title, then one section per kind of news, one line per item.

The digest model carries its own display lines (`sections[].lines`) and plain-text fallback
(`text`), so this builder needs no digest knowledge. A digest with empty `text` is not posted;
an `ephemeral` one (`digest preview`) is shown only to the person who asked.
"""

from __future__ import annotations

from bot.teams.cards.common import (
    CARD_TEXT_CHARS,
    TEXT_BLOCK_CHARS,
    CardMessage,
    Json,
    RenderOptions,
    card,
    clean,
    heading,
    split_text,
    summarize,
    text_block,
)
from handlers.digest.models import DigestReply

MAX_LINES_PER_SECTION = 15


def digest_cards(reply: DigestReply, opts: RenderOptions) -> list[CardMessage]:
    if not reply.postable:
        return []
    title = clean(reply.title, opts)
    body: list[Json] = [heading(title)]
    size = len(title)
    messages: list[CardMessage] = []
    for section in reply.sections:
        if not section.lines:
            continue
        lines = [clean(line, opts) for line in section.lines[:MAX_LINES_PER_SECTION]]
        if len(section.lines) > MAX_LINES_PER_SECTION:
            lines.append(f"... and {len(section.lines) - MAX_LINES_PER_SECTION} more")
        text = "\n".join(f"- {line}" for line in lines)
        for part in split_text(text, TEXT_BLOCK_CHARS):
            if size + len(part) > CARD_TEXT_CHARS and len(body) > 1:
                messages.append(_message(body, reply, opts))
                body, size = [heading(f"{title} (continued)")], len(title)
            body.append(text_block(f"**{clean(section.title, opts)}**", spacing="Medium", separator=True))
            body.append(text_block(part, spacing="Small"))
            size += len(part)
    if len(body) == 1:  # a quiet period: the one-line text is the digest
        body.append(text_block(clean(reply.text, opts)))
    messages.append(_message(body, reply, opts))
    return messages


def _message(body: list[Json], reply: DigestReply, opts: RenderOptions) -> CardMessage:
    text = clean(reply.text, opts)
    summary = summarize(clean(reply.title, opts))
    return CardMessage(card(body, fallback=text), summary=summary, targeted=reply.ephemeral)
