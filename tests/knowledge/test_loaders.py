"""Loaders: front matter, furniture removal for text dumps and HTML, PDF text, bad files."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pytest

from knowledge.loaders import (
    LoadError,
    load_document,
    parse_front_matter,
    slugify,
    strip_furniture_lines,
)
from tests.knowledge.conftest import FIXTURE_CORPUS, FIXTURE_PAGES

matplotlib.use("Agg")


def test_markdown_front_matter_is_parsed() -> None:
    doc = load_document(FIXTURE_CORPUS / "lora-basics.md")
    assert doc.doc_id == "lora-basics"
    assert doc.title == "LoRA and parameter-efficient fine-tuning"
    assert doc.source == "Fixture Weekly (Jane Roe)"
    assert doc.author == "Jane Roe"
    assert doc.date == "2025-02-12"  # a YAML date comes back as ISO text
    assert doc.has_headings
    assert not doc.text_markdown.startswith("---")
    assert doc.text_markdown.startswith("## What LoRA changes in a model")
    assert doc.front_matter["source_file"] == "lora.txt"


def test_markdown_without_front_matter_uses_stem_and_first_heading(tmp_path: Path) -> None:
    path = tmp_path / "My Team Notes.md"
    path.write_text("# Our LoRA checklist\n\nFreeze the base model.\n", encoding="utf-8")
    doc = load_document(path)
    assert doc.doc_id == "my-team-notes"
    assert doc.title == "Our LoRA checklist"


def test_parse_front_matter_without_block_returns_text() -> None:
    meta, body = parse_front_matter("no front matter here\n---\nnot yaml")
    assert meta == {}
    assert body.startswith("no front matter")


def test_text_dump_furniture_is_stripped() -> None:
    doc = load_document(FIXTURE_PAGES / "messy-blog-dump.txt")
    text = doc.text_markdown
    for furniture in (
        "Leave a comment",
        "Comments: 0",
        "Advertisement",
        "Share this",
        "Related posts",
        "Subscribe",
        "cookies",
        "Calendar",
        "4 min read",
        "12-Feb-25",
    ):
        assert furniture not in text, furniture
    assert "Author" not in text.split()
    assert "Teams usually start with prompt engineering" in text
    assert "A small LoRA adapter is often enough." in text
    assert "re-indexing is cheaper than retraining" in text
    # the byline and label lines become metadata, the repeated page title is dropped from the body
    assert doc.title == "Choosing Between Prompting and Fine-Tuning"
    assert doc.author == "Jane Roe"
    assert doc.date == "12-Feb-25"
    assert doc.source == "ML Notes"
    assert "Choosing Between Prompting" not in text
    assert doc.doc_id == "messy-blog-dump"
    assert not doc.has_headings


def test_line_filter_is_conservative() -> None:
    text = (
        "Comments are a good way to get feedback from annotators.\n"
        "Share the evaluation set with the whole team.\n"
        "Advertisement budgets are not a use case for fine-tuning.\n"
        "By March 2025 most teams used LoRA.\n"
    )
    assert strip_furniture_lines(text).lines == text.strip().splitlines()


def test_html_page_furniture_is_stripped() -> None:
    doc = load_document(FIXTURE_PAGES / "vendor-article.html")
    text = doc.text_markdown
    assert doc.title == "Evaluating fine-tuned models"
    assert doc.author == "Alex Example"
    assert doc.date == "2025-01-20"
    assert doc.source == "Fixture AI Blog"
    assert doc.has_headings
    assert "## Metrics that matter" in text
    assert "exact-match accuracy" in text
    assert "- Cost per thousand requests" in text
    assert "Valid JSON | 92% | 100%" in text
    for furniture in (
        "Buy GPU credits",
        "Share on Twitter",
        "Products",
        "Careers",
        "uses cookies",
        "Leave a comment",
        "Post comment",
        "Related posts",
        "newsletter",
        "All rights reserved",
        "tracking code",
        "color: red",
        "Ten tips",
        "Tags:",
        "Home | Blog",
    ):
        assert furniture not in text, furniture


def test_html_class_names_are_matched_by_token_not_substring(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        '<html><body><div class="download-header-shadow"><p>Adapters load quickly.</p></div>'
        '<div class="ad"><p>Sponsored words</p></div></body></html>',
        encoding="utf-8",
    )
    text = load_document(path).text_markdown
    assert "Adapters load quickly." in text
    assert "Sponsored" not in text


def _write_pdf(path: Path, lines: list[str], title: str = "") -> None:
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    with PdfPages(path) as pdf:
        fig = plt.figure(figsize=(8.5, 11))
        for i, line in enumerate(lines):
            fig.text(0.08, 0.92 - i * 0.04, line, fontsize=11)
        pdf.savefig(fig)
        plt.close(fig)
        if title:
            pdf.infodict()["Title"] = title


def test_pdf_text_is_extracted(tmp_path: Path) -> None:
    path = tmp_path / "lora-notes.pdf"
    _write_pdf(
        path,
        ["LoRA adapters train under 1% of the parameters.", "QLoRA fits a 7B model on 24 GB."],
        title="LoRA notes",
    )
    doc = load_document(path)
    assert doc.title == "LoRA notes"
    assert "LoRA adapters train under 1% of the parameters." in doc.text_markdown
    assert "QLoRA fits a 7B model on 24 GB." in doc.text_markdown
    assert doc.doc_id == "lora-notes"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", b"\x00\x01\x02PNG\x00" * 50, "binary"),
        ("latin.md", b"\x81\x8d\x8f\x90\x9d" * 20, "undecodable"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", "PDF"),
        ("furniture-only.txt", b"Leave a comment\nShare this\nAdvertisement\n", "no text"),
        ("picture.png", b"\x89PNG", "unsupported"),
    ],
)
def test_bad_files_raise_load_error_with_a_reason(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(LoadError, match=reason):
        load_document(path)


def test_windows_1252_text_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes("Prompt tuning \u2013 the middle ground\n\nIt is \u201ccheap\u201d.\n".encode("cp1252"))
    assert "\u201ccheap\u201d" in load_document(path).text_markdown


def test_slugify() -> None:
    assert slugify("PEFT performance: 95%+ of full fine-tuning") == "peft-performance-95-of-full-fine-tuning"
    assert slugify("  ---  ") == ""
