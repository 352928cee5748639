"""Markdown (what handlers write) -> Slack mrkdwn, and splitting text to Slack's size limits.

Pure functions. Text is escaped (`&`, `<`, `>`) so that nothing in an answer, a note or a
model's output can form a Slack control sequence (`<!channel>`, `<@U..>`, `<url|label>`); the only
`<...>` this module emits are the links it converts from markdown `[label](url)`.
"""

from __future__ import annotations

import re

SECTION_LIMIT = 3000  # characters of text in one section block / text object

_FENCE = re.compile(r"^```[^\n]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
_INLINE_CODE = re.compile(r"`([^`\n]+)`")
_LINK = re.compile(r"\[([^\]\n]+)\]\(((?:https?://)[^)\s]+)\)")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
_BULLET = re.compile(r"^(\s*)[-*+]\s+", re.MULTILINE)
_TABLE_BLOCK = re.compile(r"(?:^\|.*\|[ \t]*\n?){2,}", re.MULTILINE)
_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")

_PH = "\x00{}\x00"  # placeholder for protected spans (code); never in validated input
_PH_RE = re.compile("\x00(\\d+)\x00")


def escape(text: str) -> str:
    """Slack's three control characters, escaped as Slack documents."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_mrkdwn(markdown: str) -> str:
    """Convert common markdown to Slack mrkdwn; code and tables become code blocks."""
    protected: list[str] = []

    def keep(s: str) -> str:
        protected.append(s)
        return _PH.format(len(protected) - 1)

    text = markdown.replace("\r\n", "\n")
    text = _FENCE.sub(lambda m: keep("```\n" + escape(m.group(1).rstrip("\n")) + "\n```"), text)
    text = _TABLE_BLOCK.sub(lambda m: keep(_table_as_code(m.group(0))) + "\n", text)
    text = _INLINE_CODE.sub(lambda m: keep("`" + escape(m.group(1)) + "`"), text)
    text = escape(text)
    text = _LINK.sub(lambda m: keep(f"<{m.group(2)}|{m.group(1).replace('|', '/')}>"), text)
    text = _HEADING.sub(lambda m: "\x01" + m.group(1).strip("*_ ") + "\x01", text)
    text = _BOLD.sub(lambda m: "\x01" + m.group(2) + "\x01", text)
    text = _ITALIC.sub(lambda m: "_" + m.group(1) + "_", text)
    text = _STRIKE.sub(lambda m: "~" + m.group(1) + "~", text)
    text = _BULLET.sub(lambda m: m.group(1) + "• ", text)
    text = text.replace("\x01", "*")
    while _PH_RE.search(text):  # a link label may hold inline code: placeholders nest
        text = _PH_RE.sub(lambda m: protected[int(m.group(1))], text)
    return text.strip("\n")


def plain(markdown: str) -> str:
    """Markdown stripped to readable plain text (notification / fallback `text`)."""
    text = _FENCE.sub(lambda m: m.group(1), markdown)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _HEADING.sub(lambda m: m.group(1), text)
    text = _BOLD.sub(lambda m: m.group(2), text)
    text = _INLINE_CODE.sub(lambda m: m.group(1), text)
    return escape(text.strip())


def _table_as_code(table: str) -> str:
    rows = []
    for line in table.strip("\n").split("\n"):
        if _TABLE_RULE.match(line.strip()):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        rows.append(cells)
    if not rows:
        return ""
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    widths = [min(28, max(len(r[i]) for r in rows)) for i in range(width)]
    lines = ["  ".join(cell[: widths[i]].ljust(widths[i]) for i, cell in enumerate(r)).rstrip() for r in rows]
    if len(lines) > 1:
        lines.insert(1, "  ".join("-" * w for w in widths))
    return "```\n" + escape("\n".join(lines)) + "\n```"


def truncate(text: str, limit: int, suffix: str = "…") -> str:
    """`text` cut to at most `limit` characters, on a word boundary where possible."""
    if len(text) <= limit:
        return text
    cut = text[: max(0, limit - len(suffix))]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    # never leave a dangling escape sequence ("&am")
    amp = cut.rfind("&")
    if amp != -1 and ";" not in cut[amp:]:
        cut = cut[:amp]
    return cut.rstrip() + suffix


def split_text(text: str, limit: int = SECTION_LIMIT) -> list[str]:
    """Split mrkdwn into pieces of at most `limit` characters: at a paragraph break, else a line
    break, else a space, else anywhere (never inside an `&amp;`-style escape). A code block cut in
    two is closed and reopened so that each piece renders on its own."""
    if not text:
        return []
    budget = limit - 8  # room to close and reopen a code fence
    pieces: list[str] = []
    rest = text
    while len(rest) > budget:
        cut = _break_at(rest, budget)
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    if len(pieces) == 1 and len(text) <= limit:
        return [text]
    return _balance_fences(pieces)


def _break_at(text: str, budget: int) -> int:
    window = text[:budget]
    for sep in ("\n\n", "\n", " "):
        at = window.rfind(sep)
        if at > budget // 2:
            return at + len(sep)
    amp = window.rfind("&")
    if amp != -1 and ";" not in window[amp:] and budget - amp < 8:
        return amp
    return budget


def _balance_fences(pieces: list[str]) -> list[str]:
    out: list[str] = []
    reopen = False
    for piece in pieces:
        if reopen:
            piece = "```\n" + piece
        reopen = piece.count("```") % 2 == 1
        if reopen:
            piece += "\n```"
        out.append(piece)
    return out
