"""PDF files (pypdf): text per page, re-joined into paragraphs; encrypted, broken or scanned
(image-only) PDFs raise `LoadError`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from knowledge.loaders.document import LoadedDocument, LoadError, first_line, slugify


def load_pdf(path: Path, check: Callable[[str], None] | None = None) -> LoadedDocument:
    """`check(stage)` is called before every page (the ingest time limit raises from it)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise LoadError("encrypted PDF")
        pages: list[str] = []
        for number, pdf_page in enumerate(reader.pages, 1):
            if check is not None:
                check(f"reading page {number} of {len(reader.pages)}")
            pages.append(pdf_page.extract_text() or "")
        meta = reader.metadata
    except LoadError:  # includes the time limit's LimitExceeded
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
    title = (str(meta.title).strip() if meta is not None and meta.title else "") or first_line(body)
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
