"""What every loader shares: the `LoadedDocument` they return, `LoadError`, text decoding and
small text helpers (ids, titles, paragraphs)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.passage_ids import slugify as slugify  # re-exported: the loaders name documents with it

SUPPORTED_SUFFIXES = frozenset({".md", ".markdown", ".txt", ".html", ".htm", ".pdf"})
MAX_FILE_BYTES = 50 * 1024 * 1024


class LoadError(Exception):
    """The file cannot be turned into text (binary, empty, undecodable, broken PDF...)."""


class LimitExceeded(LoadError):
    """A file is over one of the per-file limits; `limit` names the `IngestLimits` field."""

    def __init__(self, message: str, limit: str) -> None:
        super().__init__(message)
        self.limit = limit


@dataclass(frozen=True)
class LoadedDocument:
    doc_id: str
    title: str
    source: str
    author: str
    date: str
    path: str
    text_markdown: str
    has_headings: bool = False  # whether `text_markdown` is structured by `#` headings
    front_matter: dict[str, str] = field(default_factory=dict)


HEADING_LINE = re.compile(r"^#{1,6}\s+\S", re.MULTILINE)


def read_text(path: Path) -> str:
    """Decode a text file: UTF-8 (BOM allowed), else Windows-1252; binary content is refused."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"cannot read: {exc.strerror or exc}") from exc
    if b"\x00" in raw[:8192]:
        raise LoadError("binary content (NUL bytes), not text")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
        if controls > max(8, len(text[:8192]) // 100):
            raise LoadError("binary content (control characters), not text")
        return text.replace("\r\n", "\n").replace("\r", "\n")
    raise LoadError("undecodable text (neither UTF-8 nor Windows-1252)")


def short_title(line: str, limit: int = 120) -> str:
    """A first line used as a title: whole if short, else its first sentence or a cut at a word."""
    line = line.strip().rstrip(".")
    if len(line) <= limit:
        return line
    sentence = re.match(rf"^(.{{20,{limit}}}?[.?!])(?:\s|$)", line)
    if sentence:
        return sentence.group(1).rstrip(".")
    return line[:limit].rsplit(" ", 1)[0] + "…"


def first_line(text: str) -> str:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:200]
    return ""


def paragraphs(lines: list[str]) -> str:
    text = "\n".join(lines)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
