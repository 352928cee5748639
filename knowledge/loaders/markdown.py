"""Markdown files with optional YAML front matter (id, title, source, author, date)."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import yaml

from knowledge.loaders.document import HEADING_LINE, LoadedDocument, LoadError, first_line
from knowledge.passage_ids import slugify, split_front_matter


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split `---` YAML front matter from the body; values come back as strings."""
    front, body = split_front_matter(text)
    if front is None:
        return {}, text
    try:
        data = yaml.safe_load(front)
    except yaml.YAMLError as exc:
        raise LoadError(f"invalid YAML front matter: {exc}") from exc
    if not isinstance(data, dict):
        return {}, body
    meta = {str(k): _scalar(v) for k, v in data.items() if v is not None}
    return meta, body


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
    title = meta.get("title") or (first_heading.group(1) if first_heading else first_line(body))
    return LoadedDocument(
        doc_id=slugify(meta.get("id", "")) or slugify(path.stem) or "doc",
        title=title,
        source=meta.get("source", ""),
        author=meta.get("author", ""),
        date=meta.get("date", ""),
        path=str(path),
        text_markdown=body,
        has_headings=bool(HEADING_LINE.search(body)),
        front_matter=meta,
    )
