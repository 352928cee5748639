"""Cards for the small reply kinds: plain text, errors (with reference id), notes and help."""

from __future__ import annotations

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
    """The notes, continued over several cards when their text would make one card too big."""
    title = clean(reply.title, opts)
    if not reply.notes:
        body = [heading(title), text_block("No notes yet. Add one with `note <text>`.")]
        return [CardMessage(card(body, fallback=title), summary=summarize(title))]
    pages: list[list[Json]] = [[heading(title)]]
    size = 0
    shown = reply.notes[:MAX_NOTES_SHOWN]
    for note in shown:
        text = clean(note.text, opts)
        if size and size + len(text) > CARD_TEXT_CHARS:
            pages.append([subtle(f"{title} (continued)")])
            size = 0
        size += len(text)
        meta = f"`{note.id}` \u00b7 {clean(note.author, opts)} \u00b7 {note.visibility} \u00b7 {note.created_at}"
        pages[-1].append(subtle(meta, spacing="Medium", separator=True))
        pages[-1].extend(text_blocks(text, spacing="Small"))
    if len(reply.notes) > len(shown):
        pages[-1].append(subtle(f"... and {len(reply.notes) - len(shown)} more."))
    return [
        CardMessage(card(body, fallback=summarize(" ".join(str(b.get("text", "")) for b in body), limit=4000)),
                    summary=summarize(title))
        for body in pages
    ]


def help_cards(reply: HelpReply, opts: RenderOptions) -> list[CardMessage]:
    intro = clean(reply.intro, opts)
    body: list[Json] = [text_block(intro)]
    lines = [intro]
    for usage, what in reply.commands:
        # one row per command, the description under it: a long usage (the digest's) would squeeze
        # a side-by-side column to one word
        body.append(text_block(f"**{clean(usage, opts)}**", spacing="Small"))
        body.append(subtle(clean(what, opts), spacing="None"))
        lines.append(f"{usage} - {what}")
    body.append(subtle("In a channel, @mention me first; in a personal chat just type."))
    return [CardMessage(card(body, fallback=clean("\n".join(lines), opts)), summary=summarize(intro))]
