"""find_gap / repair: what the database holds (notes, ingested paths) against what the index holds."""

from __future__ import annotations

from pathlib import Path

from knowledge.index_repair import find_gap, repair
from knowledge.ingest import Ingestor
from knowledge.retrieval import KnowledgeBase
from knowledge.types import Chunk


def _note(note_id: str, text: str) -> Chunk:
    return Chunk(id=f"note:{note_id}", doc_id=f"note:{note_id}", text=text, title="Team note", source="Team note",
                 kind="note", content_hash=note_id)


def test_gap_lists_missing_notes_files_and_stale_notes_then_repair_closes_it(kb: KnowledgeBase, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# A\n\nAdapters are small trainable layers.\n", encoding="utf-8")
    (docs / "b.md").write_text("# B\n\nRetrieval keeps facts outside the model.\n", encoding="utf-8")
    (docs / "README.md").write_text("# About\n\nThis folder holds notes.\n", encoding="utf-8")
    ingestor = Ingestor(kb)
    ingestor.ingest([docs / "a.md"])
    kept, stale = _note("n1", "Prompt caching halved latency."), _note("gone", "A deleted note.")
    kb.upsert([kept, stale])
    wanted = [kept, _note("n2", "LoRA rank 8 was enough.")]

    gap = find_gap(ingestor, wanted, [docs, tmp_path / "vanished"])
    assert [c.id for c in gap.notes_missing] == ["note:n2"]
    assert gap.notes_stale == ["note:gone"]
    assert [p.name for p in gap.files_missing] == ["b.md"]  # a.md is indexed; README is not wanted
    assert "1 team note(s) missing" in gap.describe()

    summary = repair(ingestor, gap)
    assert summary is not None and summary.files == 1
    assert find_gap(ingestor, wanted, [docs]).empty
    assert {c.id for c in kb.index.get(["note:n1", "note:n2", "note:gone"])} == {"note:n1", "note:n2"}
