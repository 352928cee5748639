"""Building blocks shared by every Adaptive Card builder: the card envelope, text blocks,
submit buttons carrying router actions, long-text splitting and output sanitizing.

Cards use schema 1.5 (the newest Teams mobile renders); every card has `fallbackText`, and every
message a `summary` (what notifications and clients without card support show).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from handlers.sanitize import sanitize

CARD_VERSION = "1.5"
CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"

ACTION_KEY = "ftAction"  # Action.Submit data: {"ftAction": "<router action name>", "ftValue": {...}}
VALUE_KEY = "ftValue"
TEXT_REPLY_ACTION = "reply.text"  # adapter-level: a card's text box sent as a plain message in the thread
TEXT_INPUT_ID = "text"
CHOICE_INPUT_ID = "choice"

TEXT_BLOCK_CHARS = 2000  # one TextBlock: readable, and well inside what clients render
CARD_TEXT_CHARS = 12000  # text per card: Teams rejects activities over ~28 KB
SUMMARY_CHARS = 200
FALLBACK_CHARS = 4000  # fallbackText: for clients that cannot render cards; keeps the activity small

Json = dict[str, Any]


@dataclass
class CardMessage:
    """One Teams message: an Adaptive Card plus its plain-text summary/fallback.

    `targeted` marks a message only the person who asked should see (Teams targeted messages).
    """

    card: Json
    summary: str
    targeted: bool = False
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def attachment(self) -> Json:
        return {"contentType": CARD_CONTENT_TYPE, "content": self.card}


@dataclass(frozen=True)
class RenderOptions:
    """What the builders need from configuration: the hosts links may point to
    (`FTADVISOR_LINK_ALLOWLIST`). The default allows none: every link is removed."""

    allowed_hosts: tuple[str, ...] = ()


_TAG_LIKE = re.compile(r"<([A-Za-z/][^<>]*)>")


def clean(text: str, opts: RenderOptions) -> str:
    """Every piece of text that reaches Teams goes through the shared output sanitizer; `<word>`
    is shown as `\u2039word\u203a` (Teams drops it as an HTML tag: `**<question>**` showed nothing)."""
    return _TAG_LIKE.sub("\u2039\\1\u203a", sanitize(text, opts.allowed_hosts))


_DISPLAY_KEYS = frozenset(
    {"text", "fallbackText", "title", "placeholder", "label", "altText", "errorMessage"}
)


def safe_card(node: Any, opts: RenderOptions, *, key: str = "") -> Any:
    """The last line of defence: every human-readable string in a card sanitized, recursively
    (button payloads under `data` are left alone: they are routed, never displayed)."""
    if isinstance(node, dict):
        return {k: (v if k == "data" else safe_card(v, opts, key=k)) for k, v in node.items()}
    if isinstance(node, list):
        return [safe_card(v, opts, key=key) for v in node]
    if isinstance(node, str) and key in _DISPLAY_KEYS:
        return clean(node, opts)
    return node


def card(body: list[Json], *, fallback: str, actions: list[Json] | None = None) -> Json:
    out: Json = {
        "type": "AdaptiveCard",
        "$schema": CARD_SCHEMA,
        "version": CARD_VERSION,
        "fallbackText": truncate(fallback, FALLBACK_CHARS),
        "body": body,
    }
    if actions:
        out["actions"] = actions
    return out


def text_block(text: str, **props: Any) -> Json:
    return {"type": "TextBlock", "text": text, "wrap": True, **props}


def heading(text: str, **props: Any) -> Json:
    return text_block(text, **{"size": "Medium", "weight": "Bolder", **props})


def subtle(text: str, **props: Any) -> Json:
    return text_block(text, **{"isSubtle": True, "size": "Small", **props})


def fact_set(facts: list[tuple[str, str]]) -> Json:
    return {"type": "FactSet", "facts": [{"title": t, "value": v} for t, v in facts]}


def submit(title: str, name: str, value: dict[str, Any] | None = None, **props: Any) -> Json:
    """An Action.Submit whose data routes to the router action `name` with `value`."""
    return {
        "type": "Action.Submit",
        "title": title,
        "data": {ACTION_KEY: name, VALUE_KEY: dict(value or {})},
        **props,
    }


def text_blocks(text: str, *, limit: int = TEXT_BLOCK_CHARS, **props: Any) -> list[Json]:
    """A long text as several TextBlocks, split between paragraphs (or sentences, or words)."""
    return [text_block(part, **props) for part in split_text(text, limit)]


def split_text(text: str, limit: int) -> list[str]:
    """Split `text` into parts of at most `limit` characters, preferring paragraph, then line,
    then sentence, then word boundaries. Joining the parts with the separators restores the text."""
    text = text.strip()
    if not text:
        return []
    if len(text) <= limit:
        return [text]
    parts: list[str] = []
    rest = text
    while len(rest) > limit:
        window = rest[: limit + 1]
        cut = -1
        for pattern in (r"\n\s*\n", r"\n", r"(?<=[.!?])\s", r"\s"):
            matches = [m.start() for m in re.finditer(pattern, window) if m.start() > limit // 3]
            if matches:
                cut = matches[-1]
                break
        if cut <= 0:
            cut = limit
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        parts.append(rest)
    return parts


def summarize(text: str, *, limit: int = SUMMARY_CHARS) -> str:
    """First characters of `text` on one line, for notifications and fallbacks."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "\u2026"


def truncate(text: str, limit: int) -> str:
    """`text` cut to `limit` characters (line breaks kept), with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
