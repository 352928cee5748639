"""Plain-text dumps of web pages: page furniture lines (navigation, bylines, share buttons, cookie
banners, comment boxes) and furniture sections (ads, sales pitches, disclaimers, link lists; see
`furniture`) are removed; the byline's author and date are kept."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from knowledge.loaders.document import LoadedDocument, LoadError, paragraphs, short_title, slugify
from knowledge.loaders.furniture import strip_furniture_sections

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = (
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[-/. ]{_MONTH}[-/. ]\d{{2,4}}|{_MONTH} \d{{1,2}},? \d{{4}}"
    rf"|\d{{1,2}} {_MONTH},? \d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
)
# Whole lines (case-insensitive, trimmed) that are site furniture, never content.
_FURNITURE_LINE = re.compile(
    r"^(?:"
    r"leave a (?:comment|reply)|post a comment|add a comment|comments?|no comments?(?: yet)?"
    r"|comments?:? ?\d+|\d+ comments?|\d+ responses?|join the discussion"
    r"|share(?: this)?(?: (?:post|article|page|story))?:?|share on \w+|tweet|pin it"
    r"|advertisement|advertising|sponsored(?: content)?|ad|ads|promoted"
    r"|author:?|by|written by|about the author\.?|calendar|posted (?:in|on|by).{0,60}|tags?:.{0,120}"
    r"|categor(?:y|ies):.{0,120}|filed under.{0,80}"
    r"|subscribe(?: now)?|subscribe to (?:get|our|the).{0,80}|sign up(?: now)?|discover more from .{1,60}"
    r"|you may also like|related (?:posts?|articles?|reading)|read more|read next|recommended(?: for you)?"
    r"|previous(?: post| article)?|next(?: post| article)?|back to top|skip to (?:main )?content"
    r"|contact us|follow us.{0,60}|newsletter"
    r"|(?:last )?(?:updated|published|posted)(?: on)?:? ?"
    + _DATE
    + r"|"
    + _DATE
    + r"|\d+ min(?:ute)?s? read|[·•|]?.{0,80}[·•|] ?\d+ min(?:ute)?s? read"
    r")$",
    re.IGNORECASE,
)
_READ_TIME = re.compile(r"\b\d+ min(?:ute)?s? read\b", re.I)
_COOKIE_LINE = re.compile(r"\b(?:we use cookies|this (?:site|website) uses cookies|accept (?:all )?cookies)\b", re.I)
# A label line whose value is the next non-empty line (kept as metadata, not text).
_LABELS = {"author": "author", "written by": "author", "by": "author", "calendar": "date", "date": "date",
           "published": "date", "posted on": "date"}  # fmt: skip


@dataclass
class _Dump:
    lines: list[str]
    author: str = ""
    date: str = ""
    source: str = ""


def strip_furniture_lines(text: str) -> _Dump:
    """Drop whole lines that are obviously page furniture; pick up author/date label values."""
    lines = [line.rstrip() for line in text.replace("\u00a0", " ").splitlines()]
    out: list[str] = []
    dump = _Dump(out)
    pending_label: str | None = None
    for raw in lines:
        line = raw.strip()
        if not line:
            out.append("")
            continue
        if pending_label is not None:
            label, pending_label = pending_label, None
            if len(line) <= 60:
                if label == "author" and not dump.author:
                    dump.author = line
                elif label == "date" and not dump.date:
                    dump.date = line
                continue
        key = line.lower().rstrip(":")
        if key in _LABELS:
            pending_label = _LABELS[key]
            continue
        byline = re.match(r"^(?:by|written by|author:)\s+([A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3})$", line)
        if byline:
            dump.author = dump.author or byline.group(1)
            continue
        if _READ_TIME.search(line) and len(line) < 160:
            # "· Jane Doe · Site name · 3 min read": a byline
            parts = [p.strip() for p in re.split(r"[·•|]", line) if p.strip() and not _READ_TIME.search(p)]
            dump.author = dump.author or (parts[0] if parts else "")
            dump.source = dump.source or (parts[1] if len(parts) > 1 else "")
            continue
        if _FURNITURE_LINE.match(line) or (_COOKIE_LINE.search(line) and len(line) < 300):
            if not dump.date and re.fullmatch(rf"(?:(?:last )?\w+(?: on)?:? ?)?({_DATE})", line, re.I):
                dump.date = re.search(_DATE, line, re.I).group(0)  # type: ignore[union-attr]
            continue
        out.append(line)
    return dump


def load_plain_text(text: str, path: Path) -> LoadedDocument:
    dump = strip_furniture_lines(text)
    lines = strip_furniture_sections(dump.lines)
    nonempty = [ln for ln in lines if ln]
    if not nonempty:
        raise LoadError("no text left after removing page furniture")
    # The title: the first line, or a longer line soon after that it is a truncated copy of.
    title = nonempty[0]
    for line in nonempty[1:10]:
        if len(line) > len(title) and line.startswith(title) and len(line) < 200:
            title = line  # the first line was a truncated copy (a browser tab title)
        elif 10 <= len(line) < len(title) and title.startswith(line) and title[len(line) :].lstrip()[:1] in "|-–—:·":
            title = line  # "Article title | Site name" followed by the bare title
    # A saved page repeats its title near the top; keep none of the copies in the body.
    # (a first line too long to be a title is content and stays)
    head = (
        set()
        if len(title) > 120
        else {
            i
            for i, ln in enumerate(lines[:40])
            if ln == title or (10 <= len(ln) < 200 and (title.startswith(ln) or ln.startswith(title)))
        }
    )
    body_lines = [ln for i, ln in enumerate(lines) if i not in head]
    body = paragraphs(body_lines)
    if not body:
        body = paragraphs(lines)
    return LoadedDocument(
        doc_id=slugify(path.stem) or "doc",
        title=short_title(title),
        source=dump.source,
        author=dump.author,
        date=dump.date,
        path=str(path),
        text_markdown=body,
        has_headings=False,
    )
