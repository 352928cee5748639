"""Loading files into `LoadedDocument`s: markdown with YAML front matter, plain-text web-page dumps,
HTML pages and PDFs, with page furniture (navigation, ads, comment boxes, bylines) removed.

Every loader returns markdown-ish text: headings as `#` lines where the format has them, else
paragraphs separated by blank lines. Anything unreadable raises `LoadError` with a reason.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from knowledge.loaders.document import (
    MAX_FILE_BYTES,
    SUPPORTED_SUFFIXES,
    LoadedDocument,
    LoadError,
    read_text,
    slugify,
)
from knowledge.loaders.html import html_to_markdown, load_html_text
from knowledge.loaders.markdown import load_markdown_text, parse_front_matter
from knowledge.loaders.pdf import load_pdf
from knowledge.loaders.webtext import load_plain_text, strip_furniture_lines

__all__ = [
    "MAX_FILE_BYTES",
    "SUPPORTED_SUFFIXES",
    "LoadError",
    "LoadedDocument",
    "html_to_markdown",
    "load_document",
    "load_html_text",
    "load_markdown_text",
    "load_pdf",
    "load_plain_text",
    "parse_front_matter",
    "read_text",
    "slugify",
    "strip_furniture_lines",
]


def load_document(
    path: Path,
    *,
    max_bytes: int = MAX_FILE_BYTES,
    check: Callable[[str], None] | None = None,
    max_text_chars: int | None = None,
) -> LoadedDocument:
    """Load any supported file; raises `LoadError` (with a reason) for bad or unsupported ones.
    `check(stage)` is called between the pages of a PDF (the ingest time limit); an HTML page with
    far more than `max_text_chars` of text is refused before it is parsed."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise LoadError(f"unsupported file type {suffix or '(none)'}")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LoadError(f"cannot read: {exc.strerror or exc}") from exc
    if size == 0:
        raise LoadError("empty file")
    if size > max_bytes:
        raise LoadError(f"file too large ({size // (1024 * 1024)} MB)")
    if suffix == ".pdf":
        return load_pdf(path, check)
    text = read_text(path)
    if suffix in (".md", ".markdown"):
        return load_markdown_text(text, path)
    if suffix in (".html", ".htm"):
        return load_html_text(text, path, max_text_chars)
    return load_plain_text(text, path)
