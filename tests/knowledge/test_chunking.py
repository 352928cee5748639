"""Chunking: headings kept, ids stable and unique, long sections split, paragraph ids for plain text."""

from __future__ import annotations

from pathlib import Path

from knowledge.chunking import chunk_document, content_hash, retrieval_text
from knowledge.loaders import LoadedDocument, load_document
from tests.knowledge.conftest import FIXTURE_CORPUS, FIXTURE_PAGES


def _doc(text: str, *, headings: bool = True, doc_id: str = "doc") -> LoadedDocument:
    return LoadedDocument(
        doc_id=doc_id,
        title="A title",
        source="Src",
        author="Ann",
        date="2025-01-01",
        path="/x/doc.md",
        text_markdown=text,
        has_headings=headings,
    )


def test_ids_follow_headings_and_are_stable_across_runs() -> None:
    first = chunk_document(load_document(FIXTURE_CORPUS / "lora-basics.md"), kind="corpus")
    second = chunk_document(load_document(FIXTURE_CORPUS / "lora-basics.md"), kind="corpus")
    assert [c.id for c in first] == [
        "lora-basics#what-lora-changes-in-a-model",
        "lora-basics#costs-of-lora-training",
        "lora-basics#costs-of-lora-training-2",  # a repeated heading gets -2
        "lora-basics#when-lora-is-not-enough",
    ]
    assert [(c.id, c.content_hash) for c in first] == [(c.id, c.content_hash) for c in second]
    chunk = first[0]
    assert chunk.heading == "What LoRA changes in a model"
    assert chunk.text.startswith("LoRA (Low-Rank Adaptation) freezes")
    assert "##" not in chunk.text  # the heading is kept apart from the cited text
    assert chunk.kind == "corpus"
    assert chunk.title == "LoRA and parameter-efficient fine-tuning"
    assert chunk.source == "Fixture Weekly (Jane Roe)"
    assert chunk.author == "Jane Roe"
    assert chunk.date == "2025-02-12"
    assert chunk.path.endswith("lora-basics.md")
    assert chunk.content_hash == content_hash(chunk.heading, chunk.text)
    assert retrieval_text(chunk).startswith("What LoRA changes in a model\n\n")


def test_long_section_is_split_with_numbered_ids_and_overlap() -> None:
    chunks = chunk_document(load_document(FIXTURE_CORPUS / "rag-vs-finetune.md"))
    split = [c for c in chunks if c.heading == "A long section that has to be split"]
    assert [c.id for c in split] == [
        "rag-vs-finetune#a-long-section-that-has-to-be-split-1",
        "rag-vs-finetune#a-long-section-that-has-to-be-split-2",
    ]
    assert all(len(c.text) <= 1000 for c in split)
    assert "Finally, plan for maintenance." in split[-1].text


def test_paragraphs_survive_the_header_splitter() -> None:
    chunks = chunk_document(_doc("## Costs\n\nFirst paragraph.\n\nSecond paragraph.\n- item one\n- item two\n"))
    assert chunks[0].text == "First paragraph.\n\nSecond paragraph.\n- item one\n- item two"


def test_heading_path_and_collisions_are_deterministic() -> None:
    text = (
        "# Title\n\nIntro under the title.\n\n## Costs\n\nA.\n\n### GPU\n\nB.\n\n## Costs\n\nC.\n\n"
        "## Costs 2\n\nD.\n\n## ???\n\nE.\n"
    )
    chunks = chunk_document(_doc(text))
    assert [(c.id, c.heading) for c in chunks] == [
        ("doc#title", "Title"),
        ("doc#costs", "Costs"),
        ("doc#costs-gpu", "Costs > GPU"),
        ("doc#costs-2", "Costs"),
        ("doc#costs-2-2", "Costs 2"),  # would collide with the repeated "Costs"
        ("doc#section", "???"),
    ]
    assert len({c.id for c in chunks}) == len(chunks)


def test_repeated_heading_after_a_split_section_does_not_collide() -> None:
    long_text = " ".join(f"Sentence number {i} about adapters." for i in range(80))
    chunks = chunk_document(_doc(f"## Costs\n\n{long_text}\n\n## Costs\n\nShort.\n"))
    ids = [c.id for c in chunks]
    assert len(set(ids)) == len(ids)
    assert ids[0] == "doc#costs-1"
    assert ids[-1] not in ids[:-1]


def test_code_fence_lines_are_not_headings() -> None:
    chunks = chunk_document(_doc("## Setup\n\n```\n# not a heading\n```\n\nAfter the code.\n"))
    assert [c.id for c in chunks] == ["doc#setup"]
    assert "# not a heading" in chunks[0].text


def test_text_without_headings_is_grouped_by_paragraph() -> None:
    chunks = chunk_document(load_document(FIXTURE_PAGES / "messy-blog-dump.txt"))
    assert [c.id for c in chunks] == ["messy-blog-dump#p1"]
    assert chunks[0].heading == ""
    assert retrieval_text(chunks[0]).startswith("Choosing Between Prompting and Fine-Tuning\n\n")

    paragraphs = "\n\n".join(f"Paragraph {i}. " + "word " * 60 for i in range(10))
    chunks = chunk_document(_doc(paragraphs, headings=False, doc_id="plain"))
    assert [c.id for c in chunks] == [f"plain#p{i}" for i in range(1, len(chunks) + 1)]
    assert len(chunks) > 1
    assert all(len(c.text) <= 1000 for c in chunks)


def test_content_hash_changes_with_heading_or_text(tmp_path: Path) -> None:
    assert content_hash("A", "text") != content_hash("B", "text")
    assert content_hash("A", "text") != content_hash("A", "text!")
