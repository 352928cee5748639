"""Splitting a `LoadedDocument` into `Chunk`s with stable ids.

Markdown is split on `#`/`##`/`###` headings (LangChain `MarkdownHeaderTextSplitter`), long
sections again by `RecursiveCharacterTextSplitter`; text without headings is grouped by paragraph.
Ids: `<doc_id>#<heading-slug>` for a one-chunk section, `<doc_id>#<slug>-<n>` when it is split,
`-2`, `-3`... for repeated headings, `<doc_id>#p<n>` for heading-less text. Same input, same ids.
"""

from __future__ import annotations

import hashlib
import re

from langchain_text_splitters import MarkdownHeaderTextSplitter, RecursiveCharacterTextSplitter

from knowledge.loaders import LoadedDocument
from knowledge.passage_ids import PassageIds
from knowledge.types import Chunk, PassageKind

#: Bump when chunk boundaries or ids change, so shipped-corpus indexes are rebuilt.
CHUNKER_VERSION = "1"
CHUNK_SIZE = 1000
CHUNK_OVERLAP = 100

_HEADERS = [("#", "h1"), ("##", "h2"), ("###", "h3")]
_MARK = re.compile(r"^⟦(\d+)⟧ ?")
_FENCE = re.compile(r"^\s*(```|~~~)")


def content_hash(heading: str, text: str) -> str:
    return hashlib.sha256(f"{heading}\n{text}".encode()).hexdigest()


def retrieval_text(chunk: Chunk) -> str:
    """What gets embedded: the heading (or the title when there is none) and the passage."""
    label = chunk.heading or chunk.title
    return f"{label}\n\n{chunk.text}" if label else chunk.text


def _splitter(chunk_size: int, overlap: int) -> RecursiveCharacterTextSplitter:
    return RecursiveCharacterTextSplitter(
        chunk_size=chunk_size, chunk_overlap=overlap, separators=["\n\n", "\n", ". ", "; ", ", ", " ", ""]
    )


def _mark_headings(markdown: str) -> str:
    """Number every heading (outside code fences) so that repeated headings stay separate sections:
    the LangChain splitter merges consecutive sections whose heading metadata is equal."""
    out: list[str] = []
    in_fence = False
    counter = 0
    for line in markdown.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence:
            match = re.match(r"^(\s{0,3})(#{1,3})\s+(\S.*)$", line)
            if match:
                counter += 1
                line = f"{match.group(2)} ⟦{counter}⟧ {match.group(3).rstrip('#').strip()}"
        out.append(line)
    return "\n".join(out)


def _heading_path(metadata: dict[str, str]) -> str:
    """'H2 > H3' (the document's H1 is its title and is left out when deeper headings exist)."""
    clean = {k: _MARK.sub("", v).strip() for k, v in metadata.items()}
    deeper = [clean[k] for k in ("h2", "h3") if clean.get(k)]
    if deeper:
        return " > ".join(deeper)
    return clean.get("h1", "")


def _sections(markdown: str) -> list[tuple[str, str]]:
    splitter = MarkdownHeaderTextSplitter(_HEADERS, strip_headers=True)
    sections: list[tuple[str, str]] = []
    for doc in splitter.split_text(_mark_headings(markdown)):
        # The splitter joins paragraphs with "  \n"; restore blank lines between them.
        text = doc.page_content.replace("  \n", "\n\n").strip()
        if text:
            sections.append((_heading_path(doc.metadata), text))
    return sections


def _paragraph_groups(text: str, chunk_size: int) -> list[str]:
    """Consecutive paragraphs joined up to about `chunk_size` characters."""
    groups: list[str] = []
    current: list[str] = []
    size = 0
    for para in (p.strip() for p in re.split(r"\n\s*\n", text)):
        if not para:
            continue
        if current and size + len(para) + 2 > chunk_size:
            groups.append("\n\n".join(current))
            current, size = [], 0
        current.append(para)
        size += len(para) + 2
    if current:
        groups.append("\n\n".join(current))
    return groups


def chunk_document(
    doc: LoadedDocument,
    *,
    kind: PassageKind = "document",
    chunk_size: int = CHUNK_SIZE,
    chunk_overlap: int = CHUNK_OVERLAP,
) -> list[Chunk]:
    """The document's chunks, in reading order, with stable ids and content hashes."""
    splitter = _splitter(chunk_size, chunk_overlap)
    ids = PassageIds(doc.doc_id)
    pieces: list[tuple[str, str, str]] = []  # (id, heading, text)

    if doc.has_headings:
        for heading, text in _sections(doc.text_markdown):
            slug = ids.section_slug(heading)
            parts = [text] if len(text) <= chunk_size else splitter.split_text(text)
            if len(parts) == 1:
                pieces.append((ids.take(slug), heading, parts[0]))
            else:
                pieces.extend((ids.take(f"{slug}-{n}"), heading, part) for n, part in enumerate(parts, 1))
    else:
        n = 0
        for group in _paragraph_groups(doc.text_markdown, chunk_size):
            for part in [group] if len(group) <= chunk_size else splitter.split_text(group):
                n += 1
                pieces.append((ids.take(f"p{n}"), "", part))

    source = doc.source or doc.author or doc.title
    return [
        Chunk(
            id=chunk_id,
            doc_id=doc.doc_id,
            text=text,
            heading=heading,
            title=doc.title,
            source=source,
            kind=kind,
            author=doc.author,
            date=doc.date,
            path=doc.path,
            content_hash=content_hash(heading, text),
        )
        for chunk_id, heading, text in pieces
        if text.strip()
    ]
