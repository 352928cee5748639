"""Cards for the small reply kinds: plain text, errors (with reference id), notes and help."""

from __future__ import annotations

import re

from bot.teams.cards.common import (
    CARD_TEXT_CHARS,
    CardMessage,
    Json,
    RenderOptions,
    card,
    clean,
    heading,
    split_text,
    subtle,
    summarize,
    text_block,
    text_blocks,
)
from handlers.models import ErrorReply, HelpReply, NotesReply, TextReply

TONE_COLORS = {"info": "Default", "success": "Good", "warning": "Default"}  # Teams' yellow is unreadable on white
MAX_NOTES_SHOWN = 50


def text_cards(reply: TextReply, opts: RenderOptions) -> list[CardMessage]:
    text = clean(reply.text, opts)
    color = TONE_COLORS[reply.tone]
    return [
        CardMessage(
            card(text_blocks(part, color=color), fallback=part), summary=summarize(part), targeted=reply.ephemeral
        )
        for part in split_text(text, CARD_TEXT_CHARS) or [""]
    ]


def error_cards(reply: ErrorReply, opts: RenderOptions) -> list[CardMessage]:
    text = clean(reply.text, opts)
    ref = f"Reference: {reply.reference_id}"
    body: list[Json] = [text_block(text, color="Attention"), subtle(ref)]
    return [CardMessage(card(body, fallback=f"{text} ({ref})"), summary=summarize(text))]


def notes_cards(reply: NotesReply, opts: RenderOptions) -> list[CardMessage]:
    title = clean(reply.title, opts)
    body: list[Json] = [heading(title)]
    lines = [title]
    shown = reply.notes[:MAX_NOTES_SHOWN]
    for note in shown:
        author = clean(note.author, opts)
        meta = f"`{note.id}` \u00b7 {author} \u00b7 {note.visibility} \u00b7 {note.created_at}"
        body.append(subtle(meta, spacing="Medium", separator=True))
        body.append(text_block(clean(note.text, opts), spacing="Small"))
        lines.append(f"- {note.id} {note.author}: {note.text}")
    if len(reply.notes) > len(shown):
        body.append(subtle(f"... and {len(reply.notes) - len(shown)} more."))
    if not reply.notes:
        body.append(text_block("No notes yet. Add one with `note <text>`."))
    return [CardMessage(card(body, fallback=clean("\n".join(lines), opts)), summary=summarize(title))]


def plain_usage(usage: str) -> str:
    """`demo <ticket text>` as `demo [ticket text]`: Teams drops `<...>` as an HTML tag."""
    return re.sub(r"<([^<>]*)>", r"[\1]", usage)


def help_cards(reply: HelpReply, opts: RenderOptions) -> list[CardMessage]:
    intro = clean(reply.intro, opts)
    body: list[Json] = [text_block(intro)]
    lines = [intro]
    for usage, what in reply.commands:
        # one row per command, the description under it: a long usage (the digest's) would squeeze
        # a side-by-side column to one word
        body.append(text_block(f"**{clean(plain_usage(usage), opts)}**", spacing="Small"))
        body.append(subtle(clean(what, opts), spacing="None"))
        lines.append(f"{usage} - {what}")
    body.append(subtle("In a channel, @mention me first; in a personal chat just type."))
    return [CardMessage(card(body, fallback=clean("\n".join(lines), opts)), summary=summarize(intro))]
