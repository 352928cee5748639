"""Web-page furniture that spans paragraphs or sections (issue 10, part 5): course promotions and
ads, sales sections, "Source and External Links", disclaimers, author bios, comment boxes. The
fixtures imitate saved articles (text dumps and HTML) with their mess; none is a real article."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.loaders import load_document
from knowledge.loaders.furniture import is_pitch_block, strip_furniture_sections
from tests.knowledge.conftest import FIXTURES

PAGES = FIXTURES / "furniture"


def test_course_promotions_and_audit_ads_are_removed_from_a_text_dump() -> None:
    doc = load_document(PAGES / "consultancy-dump.txt")
    text = doc.text_markdown
    for furniture in (
        "Retrieval Bootcamp for Product Teams",
        "Our intensive course",
        "professional certificate",
        "read our complete guide",
        "Model Budget Review",
        "Let our consultants",
        "cut inference costs",
    ):
        assert furniture not in text, furniture
    for content in (
        "Teams that customize a language model usually compare three options",
        "Only the adapter weights are trained",
        "a weekly update of the documents needs no retraining at all",
        "train adapters when the output format must be followed exactly",
        "2. Retrieval for Changing Facts",
    ):
        assert content in text, content
    assert doc.author == "Maria Lopez" and doc.source == "Applied ML Digest"
    assert doc.title == "Adapters or Prompts: Customizing Language Models"


def test_sales_section_links_disclaimer_bio_and_comments_are_removed_from_a_text_dump() -> None:
    text = load_document(PAGES / "vendor-guide-dump.txt").text_markdown
    for furniture in (
        "How Acme.ai Helps Your Team",
        "Our services are built",
        "We offer complete indexing pipelines",
        "work closely with clients",
        "we guarantee reliable",
        "Source and External Links",
        "Example Docs",
        "Example Wiki",
        "About the author",
        "Disclaimer",
        "informational purposes",
        "We cannot guarantee",
        "here to guide you",
        "Post a Comment",
        "Contact Us",
        "Explore deeper insights",
    ):
        assert furniture not in text, furniture
    for content in (
        "answers from documents fetched at question time",
        "suits stable tasks with a strict output format",
        "An embedding maps a passage to a vector so that passages with similar meaning lie close together.",
    ):
        assert content in text, content


def test_html_sales_section_bio_sources_and_disclaimer_are_removed() -> None:
    doc = load_document(PAGES / "vendor-sales.html")
    text = doc.text_markdown
    for furniture in (
        "Masterclass",
        "How Beacon Labs Supports You",
        "Our consultants",
        "latency audit",
        "Our workshops",
        "Sam Rivera",
        "Sources and External Links",
        "Example Cloud",
        "informational purposes",
        "Leave a comment",
        "first to comment",
    ):
        assert furniture not in text, furniture
    assert "## When caching pays off" in text
    assert "## Measuring the effect" in text
    assert "cost per thousand requests with caching on and off" in text
    assert "repeated system instructions are not paid for" in text


@pytest.mark.parametrize(
    "paragraph",
    [
        "Our team found that prompt caching halved latency on the support bot.",
        "We use RAG for customer support tickets. It cut escalations by 30 percent.",
        "We explore how the pricing of API calls changes the break-even point of fine-tuning.",
        "Our product facts change every week, so we re-index the documents every Monday.",
        "Experts disagree on whether LoRA rank 8 is enough for code generation.",
    ],
)
def test_team_prose_with_we_and_our_is_not_a_pitch(paragraph: str) -> None:
    assert not is_pitch_block(paragraph)
    assert strip_furniture_sections(["Results", paragraph]) == ["Results", paragraph]


def test_a_normal_section_after_a_furniture_section_is_kept() -> None:
    lines = [
        "## Disclaimer",
        "Nothing here is legal advice.",
        "## Costs",
        "A LoRA run on 3,000 examples cost 12 dollars.",
    ]
    assert strip_furniture_sections(lines) == ["## Costs", "A LoRA run on 3,000 examples cost 12 dollars."]


def test_readme_and_index_files_in_a_folder_are_skipped_unless_named(tmp_path: Path) -> None:
    from knowledge.ingest import README_REASON, discover

    (tmp_path / "README.md").write_text("# About this folder\n\nSaved articles.\n", encoding="utf-8")
    (tmp_path / "index.html").write_text("<html><body><p>list of pages</p></body></html>", encoding="utf-8")
    (tmp_path / "article.txt").write_text("Adapters are small trainable layers.\n", encoding="utf-8")
    files, skipped = discover([tmp_path])
    assert [f.name for f in files] == ["article.txt"]
    assert sorted((Path(p).name, why) for p, why in skipped) == [
        ("README.md", README_REASON),
        ("index.html", README_REASON),
    ]
    files, skipped = discover([tmp_path / "README.md"])
    assert [f.name for f in files] == ["README.md"] and skipped == []
