"""Pure Block Kit builders: reply models in, Slack messages (blocks + fallback text) out.

Every builder returns `SlackMessage`s that respect Slack's limits: at most 50 blocks per message
(longer replies continue in further messages), at most 3,000 characters per section (long
answers are split into several sections) and a plain `text` fallback on every message.
The table from reply kind to builder is `bot.slack.render.BUILDERS`; feature reply kinds are
drawn in `blocks_assess`, `blocks_demo`, `blocks_digest` and `blocks_home`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from bot.slack.mrkdwn import escape, plain, split_text, to_mrkdwn, truncate
from handlers.feedback import DOWN as FEEDBACK_DOWN
from handlers.feedback import UP as FEEDBACK_UP
from handlers.models import AnswerReply, ErrorReply, HelpReply, NotesReply, TextReply

MAX_BLOCKS = 50
CONTEXT_ELEMENTS = 10
CONTEXT_TEXT_LIMIT = 3000
HEADER_LIMIT = 150
BUTTON_TEXT_LIMIT = 75
BUTTON_VALUE_LIMIT = 2000
FALLBACK_LIMIT = 3000


_TONE_ICON = {"info": ":information_source:", "success": ":white_check_mark:", "warning": ":warning:"}


@dataclass(frozen=True)
class SlackFile:
    """A file to upload next to a message (e.g. the demo's chart)."""

    filename: str
    title: str
    path: Path | None = None
    content: bytes | None = None
    alt_text: str = ""


@dataclass(frozen=True)
class SlackMessage:
    """One Slack message: `text` is the notification / accessibility fallback."""

    text: str
    blocks: list[Block] = field(default_factory=list)
    files: tuple[SlackFile, ...] = ()

    def payload(self) -> dict[str, Any]:
        """`text` and `blocks` as the Web API takes them (validated against Block Kit limits)."""
        return {"text": self.text, "blocks": [b.to_dict() for b in self.blocks]}


# --- small pieces ------------------------------------------------------------------------------


def raw_sections(mrkdwn: str) -> list[Block]:
    """Already-escaped mrkdwn as one or more sections of at most 3,000 characters each."""
    return [SectionBlock(text=MarkdownTextObject(text=piece)) for piece in split_text(mrkdwn)]


def mrkdwn_sections(markdown: str) -> list[Block]:
    """Markdown (escaped and converted) as one or more sections of at most 3,000 characters each."""
    return raw_sections(to_mrkdwn(markdown))


def context_blocks(lines: Iterable[str]) -> list[Block]:
    """mrkdwn lines as context elements, 10 per context block, each within the text limit."""
    elements = [MarkdownTextObject(text=truncate(line, CONTEXT_TEXT_LIMIT)) for line in lines if line]
    return [
        ContextBlock(elements=elements[i : i + CONTEXT_ELEMENTS])
        for i in range(0, len(elements), CONTEXT_ELEMENTS)
    ]


def header(text: str) -> Block:
    return HeaderBlock(text=PlainTextObject(text=truncate(text, HEADER_LIMIT)))


def button(text: str, action_id: str, value: str | dict[str, Any] = "", *, style: str | None = None) -> ButtonElement:
    raw = value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))
    return ButtonElement(
        text=PlainTextObject(text=truncate(text, BUTTON_TEXT_LIMIT), emoji=True),
        action_id=action_id,
        value=raw[:BUTTON_VALUE_LIMIT] if raw else None,
        style=style,
    )


def fallback(markdown: str) -> str:
    """The plain `text` of a message, escaped and within the fallback limit."""
    return truncate(plain(markdown), FALLBACK_LIMIT) or " "


def paginate(blocks: Sequence[Block], text: str, *, files: tuple[SlackFile, ...] = ()) -> list[SlackMessage]:
    """Split `blocks` into messages of at most 50 blocks; files go with the last message."""
    if not blocks:
        return [SlackMessage(text=text, blocks=[], files=files)]
    pages = [list(blocks[i : i + MAX_BLOCKS]) for i in range(0, len(blocks), MAX_BLOCKS)]
    out = []
    for n, page in enumerate(pages):
        page_text = text if n == 0 else truncate(f"(continued {n + 1}/{len(pages)}) {text}", FALLBACK_LIMIT)
        out.append(SlackMessage(text=page_text, blocks=page, files=files if n == len(pages) - 1 else ()))
    return out


def generic_message(reply: Any) -> list[SlackMessage]:
    """A reply kind this renderer does not know yet: its text, summary or title, never nothing."""
    for attr in ("text", "summary", "title", "message"):
        value = getattr(reply, attr, None)
        if isinstance(value, str) and value.strip():
            return paginate(mrkdwn_sections(value), fallback(value))
    kind = getattr(reply, "kind", type(reply).__name__)
    text = f"({kind} reply)"
    return [SlackMessage(text=text, blocks=[SectionBlock(text=MarkdownTextObject(text=escape(text)))])]


# --- the core reply kinds ----------------------------------------------------------------------


def feedback_actions(question: str) -> Block:
    """Thumbs buttons under an answer; the question rides along for digests."""
    value = {"q": question[:300]}
    return ActionsBlock(
        block_id="feedback",
        elements=[
            button(":+1: Helpful", FEEDBACK_UP, value),
            button(":-1: Not helpful", FEEDBACK_DOWN, value),
        ],
    )


def citation_line(n: int, title: str, source: str, quote: str) -> str:
    line = f"*[{n}]* *{escape(title)}* · {escape(source)}"
    if quote:
        line += f"\n_\u201c{escape(truncate(' '.join(quote.split()), 220))}\u201d_"
    return line


def answer_message(reply: AnswerReply) -> list[SlackMessage]:
    """An answer: text (split into sections), citations in context blocks, feedback buttons."""
    a = reply.answer
    blocks: list[Block] = []
    if a.notice:
        blocks.extend(context_blocks([f":warning: {escape(a.notice)}"]))
    blocks.extend(mrkdwn_sections(a.answer))
    if a.citations:
        blocks.extend(context_blocks(citation_line(c.n, c.title, c.source, c.quote) for c in a.citations))
    if not a.grounded:
        blocks.extend(context_blocks([f":bulb: {a.how_made}: add what your team knows with `/ft-note`."]))
    else:
        blocks.extend(context_blocks([f"_{a.how_made}_"]))
    blocks.append(feedback_actions(reply.question))
    return paginate(blocks, fallback(a.answer))


def with_preface(messages: Sequence[SlackMessage], line: str) -> list[SlackMessage]:
    """`messages` with a context line (already mrkdwn) in front of the first one, re-paginated."""
    if not messages:
        return []
    first, rest = messages[0], list(messages[1:])
    return [*paginate([*context_blocks([line]), *first.blocks], first.text, files=first.files), *rest]


def text_message(reply: TextReply) -> list[SlackMessage]:
    icon = _TONE_ICON.get(reply.tone, "")
    return paginate(raw_sections(f"{icon} {to_mrkdwn(reply.text)}".strip()), fallback(reply.text))


def error_message(reply: ErrorReply) -> list[SlackMessage]:
    text = f"{reply.text} (reference `{reply.reference_id}`)"
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=f":warning: {escape(truncate(reply.text, 2500))}")),
        *context_blocks([f"Reference `{escape(reply.reference_id)}`: mention it if you report this."]),
    ]
    return [SlackMessage(text=fallback(text), blocks=blocks)]


def notes_message(reply: NotesReply) -> list[SlackMessage]:
    blocks: list[Block] = [header(reply.title)]
    if not reply.notes:
        blocks.extend(mrkdwn_sections("No team notes yet. Add one with `/ft-note <what your team learned>`."))
    for note in reply.notes:
        lock = ":lock: " if note.visibility == "private" else ""
        blocks.extend(mrkdwn_sections(note.text))
        blocks.extend(
            context_blocks([f"{lock}`{escape(note.id)}` · {escape(note.author)} · {escape(note.created_at)}"])
        )
    return paginate(blocks, fallback(reply.title))


SLASH_COMMANDS: list[tuple[str, str]] = [
    ("/ft-ask <question>", "A cited answer from the knowledge base and your team's notes."),
    ("/ft-assess", "A short interview in a thread (buttons or replies), then a costed recommendation."),
    (
        "/ft-note <text>",
        "Save a team note (private in private channels and DMs). Or use the message "
        "shortcut *Save as team note* on any message.",
    ),
    ("/ft-demo [ticket text]", "A prompted base model and a fine-tuned model, side by side."),
    ("/ft-digest subscribe|unsubscribe|preview", "A weekly digest of what the team learned."),
    ("/ft-help", "This message."),
]


def help_message(reply: HelpReply) -> list[SlackMessage]:
    slash = "\n".join(f"`{escape(u)}`  {w}" for u, w in SLASH_COMMANDS)
    typed = "\n".join(f"`{escape(u)}`  {escape(w)}" for u, w in reply.commands)
    blocks: list[Block] = [
        header("ft-advisor: should we fine-tune?"),
        *mrkdwn_sections(reply.intro),
        *raw_sections("*Slash commands*\n" + slash),
        DividerBlock(),
        *raw_sections("*Mention me (`@ft-advisor ...`), DM me, or reply in my threads with*\n" + typed),
    ]
    return paginate(blocks, fallback(reply.intro))


def answered_blocks(blocks: Sequence[dict[str, Any]], block_id: str, note: str) -> list[dict[str, Any]]:
    """A clicked message's blocks with the clicked actions block replaced by a context `note`
    (mrkdwn), so a question cannot be answered twice from old buttons."""
    out: list[dict[str, Any]] = []
    for b in blocks:
        if b.get("type") == "actions" and b.get("block_id") == block_id:
            out.append(ContextBlock(elements=[MarkdownTextObject(text=truncate(note, CONTEXT_TEXT_LIMIT))]).to_dict())
        else:
            out.append(dict(b))
    return out


def placeholder_message(text: str = "Looking into it...") -> SlackMessage:
    """The message posted at once and updated when the answer is ready."""
    return SlackMessage(text=fallback(text), blocks=context_blocks([f":hourglass_flowing_sand: _{escape(text)}_"]))


