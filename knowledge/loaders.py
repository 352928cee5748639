"""Loading files into `LoadedDocument`s: markdown with YAML front matter, plain-text web-page dumps,
HTML pages and PDFs, with page furniture (navigation, ads, comment boxes, bylines) removed.

Every loader returns markdown-ish text: headings as `#` lines where the format has them, else
paragraphs separated by blank lines. Anything unreadable raises `LoadError` with a reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import yaml
from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString

SUPPORTED_SUFFIXES = frozenset({".md", ".markdown", ".txt", ".html", ".htm", ".pdf"})
MAX_FILE_BYTES = 50 * 1024 * 1024


class LoadError(Exception):
    """The file cannot be turned into text (binary, empty, undecodable, broken PDF...)."""


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


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


_HEADING_LINE = re.compile(r"^#{1,6}\s+\S", re.MULTILINE)


def load_document(path: Path) -> LoadedDocument:
    """Load any supported file; raises `LoadError` (with a reason) for bad or unsupported ones."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise LoadError(f"unsupported file type {suffix or '(none)'}")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LoadError(f"cannot read: {exc.strerror or exc}") from exc
    if size == 0:
        raise LoadError("empty file")
    if size > MAX_FILE_BYTES:
        raise LoadError(f"file too large ({size // (1024 * 1024)} MB)")
    if suffix == ".pdf":
        return load_pdf(path)
    text = read_text(path)
    if suffix in (".md", ".markdown"):
        return load_markdown_text(text, path)
    if suffix in (".html", ".htm"):
        return load_html_text(text, path)
    return load_plain_text(text, path)


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


# --- markdown ----------------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split `---` YAML front matter from the body; values come back as strings."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        raise LoadError(f"invalid YAML front matter: {exc}") from exc
    if not isinstance(data, dict):
        return {}, text[match.end() :]
    meta = {str(k): _scalar(v) for k, v in data.items() if v is not None}
    return meta, text[match.end() :]


def _scalar(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value).strip()


def load_markdown_text(text: str, path: Path) -> LoadedDocument:
    meta, body = parse_front_matter(text)
    body = body.strip()
    if not body:
        raise LoadError("no text after front matter")
    first_heading = re.search(r"^#{1,6}\s+(.+?)\s*#*\s*$", body, re.MULTILINE)
    title = meta.get("title") or (first_heading.group(1) if first_heading else _first_line(body))
    return LoadedDocument(
        doc_id=slugify(meta.get("id", "")) or slugify(path.stem) or "doc",
        title=title,
        source=meta.get("source", ""),
        author=meta.get("author", ""),
        date=meta.get("date", ""),
        path=str(path),
        text_markdown=body,
        has_headings=bool(_HEADING_LINE.search(body)),
        front_matter=meta,
    )


def _short_title(line: str, limit: int = 120) -> str:
    """A first line used as a title: whole if short, else its first sentence or a cut at a word."""
    line = line.strip().rstrip(".")
    if len(line) <= limit:
        return line
    sentence = re.match(rf"^(.{{20,{limit}}}?[.?!])(?:\s|$)", line)
    if sentence:
        return sentence.group(1).rstrip(".")
    return line[:limit].rsplit(" ", 1)[0] + "…"


def _first_line(text: str) -> str:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:200]
    return ""


# --- plain-text web-page dumps -------------------------------------------------------------------

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


def _paragraphs(lines: list[str]) -> str:
    text = "\n".join(lines)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def load_plain_text(text: str, path: Path) -> LoadedDocument:
    dump = strip_furniture_lines(text)
    lines = dump.lines
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
    body = _paragraphs(body_lines)
    if not body:
        body = _paragraphs(lines)
    return LoadedDocument(
        doc_id=slugify(path.stem) or "doc",
        title=_short_title(title),
        source=dump.source,
        author=dump.author,
        date=dump.date,
        path=str(path),
        text_markdown=body,
        has_headings=False,
    )


# --- HTML --------------------------------------------------------------------------------------

# fmt: off
_DROP_TAGS = ("script", "style", "noscript", "nav", "aside", "form", "iframe", "svg", "button", "template",
              "select", "input", "textarea", "dialog", "object", "embed", "canvas")
# class / id / role tokens that mark furniture: exact tokens, and prefixes ("advert", "advertisement")
_FURNITURE_TOKENS = frozenset({"ad", "ads", "adslot", "adsbygoogle", "adunit", "banner", "promo", "popup",
                               "modal", "breadcrumb", "breadcrumbs", "byline", "sidebar", "widget", "disqus"})
_FURNITURE_PREFIXES = ("advert", "sponsor", "cookie", "comment", "share", "sharing", "social", "newsletter",
                       "related", "subscribe", "gdpr", "consent")
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCKS = {"p", "div", "section", "article", "main", "ul", "ol", "li", "pre", "blockquote", "table", "tr",
           "figure", "figcaption", "dl", "dt", "dd", "br", "hr", "header", "footer", *_HEADINGS}
_NEVER_FURNITURE = frozenset({"html", "body", "main", "article"})
# fmt: on


def _is_furniture(tag: Tag) -> bool:
    if tag.attrs is None or tag.name in _NEVER_FURNITURE:
        return False
    if tag.get("aria-hidden") == "true" or tag.get("role") in ("navigation", "banner", "contentinfo"):
        return True
    classes = tag.get("class")
    class_list = [classes] if isinstance(classes, str) else list(classes or [])
    names = " ".join([*class_list, str(tag.get("id", "")), str(tag.get("role", ""))]).lower()
    return any(
        token in _FURNITURE_TOKENS or token.startswith(_FURNITURE_PREFIXES)
        for token in re.split(r"[^a-z0-9]+", names)
        if token
    )


def _meta(soup: BeautifulSoup, *names: str) -> str:
    for name in names:
        tag = soup.find("meta", attrs={"name": name}) or soup.find("meta", attrs={"property": name})
        if isinstance(tag, Tag) and tag.get("content"):
            return str(tag["content"]).strip()
    return ""


def html_to_markdown(html: str) -> tuple[str, dict[str, str]]:
    """Main content of an HTML page as markdown, and what we learnt about the page (title...)."""
    soup = BeautifulSoup(html, "html.parser")
    info = {
        "title": soup.title.get_text(" ", strip=True) if soup.title else "",
        "author": _meta(soup, "author", "article:author", "og:article:author"),
        "date": _meta(soup, "article:published_time", "date", "pubdate", "og:published_time"),
        "source": _meta(soup, "og:site_name", "application-name"),
    }
    if not info["date"]:
        time_tag = soup.find("time")
        if isinstance(time_tag, Tag):
            info["date"] = str(time_tag.get("datetime") or time_tag.get_text(strip=True))
    h1 = soup.find("h1")
    if isinstance(h1, Tag):
        info["h1"] = h1.get_text(" ", strip=True)

    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(["header", "footer"]):
        # An article's own header holds its title; page-level headers and footers are furniture.
        if tag.name == "footer" or tag.find_parent(["article", "main"]) is None:
            tag.decompose()
    page_chars = len((soup.body or soup).get_text(" ", strip=True))
    for tag in soup.find_all(True):
        # A wrapper whose class merely mentions e.g. "comments" but that holds most of the page, or
        # the article's title, is content: keep it.
        if tag.decomposed or not _is_furniture(tag) or tag.find("h1") is not None:
            continue
        if len(tag.get_text(" ", strip=True)) <= 0.5 * page_chars:
            tag.decompose()

    root = soup.find("article") or soup.find("main") or soup.body or soup
    blocks: list[str] = []
    _walk(root, blocks)  # type: ignore[arg-type]
    text = "\n\n".join(b for b in blocks if b.strip())
    dump = strip_furniture_lines(text)  # the same conservative line filter as for text dumps
    info["author"] = info["author"] or dump.author
    info["date"] = info["date"] or dump.date
    return _paragraphs(dump.lines), info


def _text(tag: Tag) -> str:
    return re.sub(r"\s+", " ", tag.get_text(" ", strip=True)).strip()


def _walk(node: Tag, blocks: list[str]) -> None:
    inline: list[str] = []

    def flush() -> None:
        joined = re.sub(r"\s+", " ", " ".join(inline)).strip()
        if joined:
            blocks.append(joined)
        inline.clear()

    for child in node.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:  # not comments, CDATA, doctype
                inline.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name not in _BLOCKS:
            inline.append(child.get_text(" "))
            continue
        flush()
        if name in _HEADINGS:
            text = _text(child)
            if text:
                blocks.append("#" * _HEADINGS[name] + " " + text)
        elif name in ("ul", "ol"):
            items = [_text(li) for li in child.find_all("li", recursive=False)]
            blocks.append("\n".join("- " + item for item in items if item))
        elif name == "pre":
            blocks.append(child.get_text())
        elif name == "table":
            rows = [" | ".join(_text(c) for c in tr.find_all(["td", "th"])) for tr in child.find_all("tr")]
            blocks.append("\n".join(r for r in rows if r.strip(" |")))
        elif name in ("p", "li", "dt", "dd", "figcaption", "blockquote") and not child.find(_HEADINGS):
            text = _text(child)
            if text:
                blocks.append(text)
        else:
            _walk(child, blocks)
    flush()


def load_html_text(text: str, path: Path) -> LoadedDocument:
    body, info = html_to_markdown(text)
    if not body:
        raise LoadError("no text left after removing page furniture")
    title = info.get("h1") or info["title"] or _first_line(body)
    # The page title often carries " | Site name": prefer the article's own h1.
    return LoadedDocument(
        doc_id=slugify(path.stem) or "doc",
        title=title[:200],
        source=info["source"],
        author=info["author"],
        date=info["date"],
        path=str(path),
        text_markdown=body,
        has_headings=bool(_HEADING_LINE.search(body)),
    )


# --- PDF ---------------------------------------------------------------------------------------


def load_pdf(path: Path) -> LoadedDocument:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise LoadError("encrypted PDF")
        pages = [page.extract_text() or "" for page in reader.pages]
        meta = reader.metadata
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, AttributeError) as exc:
        raise LoadError(f"broken PDF: {exc}") from exc
    except Exception as exc:  # pypdf raises assorted errors on malformed files
        raise LoadError(f"broken PDF: {type(exc).__name__}: {exc}") from exc
    paragraphs: list[str] = []
    for page in pages:
        # pypdf ends lines with "\n"; a blank line or a short line ending a sentence ends a paragraph.
        current: list[str] = []
        for line in page.splitlines():
            stripped = line.strip()
            if not stripped:
                if current:
                    paragraphs.append(" ".join(current))
                    current = []
                continue
            current.append(stripped)
        if current:
            paragraphs.append(" ".join(current))
    body = "\n\n".join(p for p in paragraphs if p.strip())
    if not body.strip():
        raise LoadError("PDF has no extractable text (scanned images?)")
    title = (str(meta.title).strip() if meta is not None and meta.title else "") or _first_line(body)
    author = str(meta.author).strip() if meta is not None and meta.author else ""
    return LoadedDocument(
        doc_id=slugify(path.stem) or "doc",
        title=title[:200],
        source="",
        author=author,
        date="",
        path=str(path),
        text_markdown=body,
        has_headings=False,
    )
