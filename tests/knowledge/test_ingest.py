"""Ingest: idempotent re-runs (chroma not written), changed files replaced, pruning, bad files skipped."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import chromadb
import pytest

from knowledge.embeddings import OnnxEmbedder
from knowledge.index import KnowledgeIndex
from knowledge.ingest import Ingestor
from knowledge.retrieval import KnowledgeBase
from tests.knowledge.conftest import FIXTURE_CORPUS, FIXTURE_PAGES, chroma_write_seq


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    shutil.copytree(FIXTURE_CORPUS, folder / "corpus")
    shutil.copytree(FIXTURE_PAGES, folder / "pages")
    return folder


@pytest.fixture
def persist_dir(tmp_path: Path) -> Path:
    return tmp_path / "chroma"


@pytest.fixture
def persistent_kb(persist_dir: Path, embedder: OnnxEmbedder) -> KnowledgeBase:
    return KnowledgeBase.open(chromadb.PersistentClient(str(persist_dir)), embedder, "ingest-test")


def _snapshot(kb: KnowledgeBase) -> dict[str, tuple[str, str]]:
    return {c.id: (c.text, c.content_hash) for c in kb.index.all_chunks()}


def test_second_ingest_writes_nothing(persistent_kb: KnowledgeBase, persist_dir: Path, docs: Path) -> None:
    first = Ingestor(persistent_kb).ingest([docs])
    assert first.files == 5
    assert first.chunks_added == persistent_kb.count() == 14
    assert first.skipped == []
    before, writes = _snapshot(persistent_kb), chroma_write_seq(persist_dir)

    second = Ingestor(persistent_kb).ingest([docs])
    assert (second.chunks_added, second.chunks_updated, second.chunks_removed) == (0, 0, 0)
    assert second.chunks_unchanged == 14 and not second.changed
    assert chroma_write_seq(persist_dir) == writes  # nothing was upserted or deleted
    assert _snapshot(persistent_kb) == before

    page = docs / "pages" / "messy-blog-dump.txt"  # the write counter does notice a real change
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more paragraph about adapters.\n", encoding="utf-8")
    third = Ingestor(persistent_kb).ingest([docs])
    assert third.chunks_updated == 1 and third.chunks_unchanged == 13
    assert chroma_write_seq(persist_dir) > writes


def test_modified_file_replaces_its_chunks(persistent_kb: KnowledgeBase, docs: Path) -> None:
    ingestor = Ingestor(persistent_kb)
    ingestor.ingest([docs])
    path = docs / "corpus" / "lora-basics.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("## When LoRA is not enough", "## Where LoRA falls short")
    text = text.replace("usually the attention projections", "usually the query and value projections")
    path.write_text(text, encoding="utf-8")

    summary = ingestor.ingest([path])
    assert summary.chunks_added == 1  # the renamed section
    assert summary.chunks_updated == 1  # the edited section
    assert summary.chunks_removed == 1  # the old section id
    assert summary.chunks_unchanged == 2
    ids = {c.id for c in persistent_kb.index.all_chunks()}
    assert "lora-basics#where-lora-falls-short" in ids
    assert "lora-basics#when-lora-is-not-enough" not in ids
    assert persistent_kb.keyword_index.search("falls short")[0][0] == "lora-basics#where-lora-falls-short"
    assert "query and value" in persistent_kb.index.get(["lora-basics#what-lora-changes-in-a-model"])[0].text


def test_metadata_change_alone_updates_chunks(persistent_kb: KnowledgeBase, docs: Path) -> None:
    ingestor = Ingestor(persistent_kb)
    ingestor.ingest([docs])
    path = docs / "corpus" / "prompting-costs.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Fixture Notes", "Renamed Notes"), encoding="utf-8")
    summary = ingestor.ingest([path])
    assert summary.chunks_updated == 2 and summary.chunks_added == 0
    assert {
        c.source for c in persistent_kb.index.get(["prompting-costs#long-prompts-cost-tokens-on-every-request"])
    } == {"Renamed Notes"}


def test_prune_removes_chunks_of_deleted_files(persistent_kb: KnowledgeBase, docs: Path) -> None:
    ingestor = Ingestor(persistent_kb)
    ingestor.ingest([docs])
    (docs / "pages" / "vendor-article.html").unlink()

    kept = ingestor.ingest([docs])  # without prune nothing is removed
    assert kept.chunks_removed == 0
    assert any(c.doc_id == "vendor-article" for c in persistent_kb.index.all_chunks())

    pruned = ingestor.ingest([docs], prune=True)
    assert pruned.chunks_removed == 3
    assert not any(c.doc_id == "vendor-article" for c in persistent_kb.index.all_chunks())
    hits = persistent_kb.keyword_index.search("prompt baseline valid JSON KPIs", k=50)
    assert hits and not any(i.startswith("vendor-article") for i, _ in hits)


def test_prune_leaves_other_folders_and_notes_alone(persistent_kb: KnowledgeBase, docs: Path, tmp_path: Path) -> None:
    ingestor = Ingestor(persistent_kb)
    other = tmp_path / "other"
    other.mkdir()
    (other / "keep.md").write_text("## Kept\n\nThis file is deleted later but not pruned.\n", encoding="utf-8")
    ingestor.ingest([docs, other])
    persistent_kb.upsert(
        [persistent_kb.index.get(["keep#kept"])[0].model_copy(update={"id": "note:1", "path": "", "kind": "note"})]
    )
    (other / "keep.md").unlink()
    summary = ingestor.ingest([docs], prune=True)
    assert summary.chunks_removed == 0
    assert {"keep#kept", "note:1"} <= {c.id for c in persistent_kb.index.all_chunks()}


class MetadataReadCounter(KnowledgeIndex):
    """The index, counting the chunk metadata records it reads back from Chroma other than those of
    one file (what ingesting a file reads: its own chunks' hashes)."""

    read = 0

    def _pages(self, where: dict[str, Any] | None, include: list[str]) -> Iterator[dict[str, Any]]:
        for page in super()._pages(where, include):
            if "metadatas" in include and "path" not in (where or {}):
                self.read += len(page["ids"])
            yield page


def test_a_corpus_prune_reads_only_the_corpus_chunks(persist_dir: Path, embedder: OnnxEmbedder, docs: Path) -> None:
    """Re-indexing the shipped corpus (kind "corpus") must not read every note and document of a
    large collection to find the corpus files that disappeared."""
    index = MetadataReadCounter(chromadb.PersistentClient(str(persist_dir)), embedder, "prune-test")
    kb = KnowledgeBase(index)
    ingestor = Ingestor(kb)
    ingestor.ingest([docs / "corpus"], kind="corpus")
    ingestor.ingest([docs / "pages"], kind="document")
    corpus = len(index.ids({"kind": "corpus"}))
    documents = len(index.ids({"kind": "document"}))
    assert corpus and documents
    doomed = sorted((docs / "corpus").glob("*.md"))[0]
    doomed.unlink()
    index.read = 0
    ingestor.ingest([docs / "corpus"], prune=True, kind="corpus")
    assert index.read == corpus  # the prune scan read the corpus's chunks, not the documents'
    assert not any(c.path == str(doomed.resolve()) for c in index.all_chunks())


def test_bad_files_are_skipped_with_reasons(kb: KnowledgeBase, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.md").write_text("## Good\n\nLoRA adapters are small.\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\xff" * 100)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7 not really")
    (folder / "image.png").write_bytes(b"\x89PNG")
    (folder / ".hidden.md").write_text("## Hidden\n\nignored\n", encoding="utf-8")
    seen: list[tuple[int, int, str]] = []
    summary = Ingestor(kb).ingest([folder, tmp_path / "missing.md"], progress=lambda d, t, p: seen.append((d, t, p)))
    assert summary.files == 1 and summary.chunks_added == 1
    reasons = {Path(p).name: r for p, r in summary.skipped}
    assert set(reasons) == {"empty.txt", "binary.txt", "broken.pdf", "image.png", "missing.md"}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "PDF" in reasons["broken.pdf"]
    assert "unsupported" in reasons["image.png"]
    assert reasons["missing.md"] == "not found"
    assert [(d, t) for d, t, _ in seen] == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert "skipped" in summary.line()


def test_kinds_and_paths(kb: KnowledgeBase, docs: Path) -> None:
    Ingestor(kb, corpus_dirs=[docs / "corpus"]).ingest([docs])
    chunks = kb.index.all_chunks()
    kinds = {c.doc_id: c.kind for c in chunks}
    assert kinds["lora-basics"] == "corpus"
    assert kinds["messy-blog-dump"] == "document"
    assert all(Path(c.path).is_absolute() and Path(c.path).exists() for c in chunks)


def test_doc_id_collisions_are_skipped_not_overwritten(kb: KnowledgeBase, tmp_path: Path) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "faq.md").write_text(f"## Question\n\nAnswer from {sub}.\n", encoding="utf-8")
    ingestor = Ingestor(kb)
    summary = ingestor.ingest([tmp_path / "a", tmp_path / "b"])
    assert summary.files == 1
    assert "already used" in summary.skipped[0][1]
    again = ingestor.ingest([tmp_path / "b"])  # in a later run too
    assert again.files == 0 and "already used" in again.skipped[0][1]
    assert kb.index.get(["faq#question"])[0].text == "Answer from a."
