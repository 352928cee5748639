"""PDF files (pypdf): text per page, re-joined into paragraphs; encrypted, broken or scanned
(image-only) PDFs raise `LoadError`."""

from __future__ import annotations

from pathlib import Path

from knowledge.loaders.document import LoadedDocument, LoadError, first_line, slugify


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
