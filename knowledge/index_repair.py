"""Bringing a lost or partial search index back in line with the database.

The database is the source of truth for team notes and for the paths that were ingested; chroma
is a rebuildable copy. `find_gap` compares the two (note ids, and the files under every ingested
path against the files the index holds chunks of); `repair` writes only what is missing and drops
notes the database no longer has. Every replica runs this at start-up (in the background), so it
reads only what the database names - the notes' ids and the chunks of the ingested files - and
never pages through the whole collection (at 100,000 chunks that took 22 s of the Chroma server's
time per replica start, during the first questions). The shipped corpus is not handled here: its
fingerprint marker (`knowledge.corpus`) already re-indexes it when the collection is new.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.ingest import Ingestor, IngestSummary, discover
from knowledge.types import Chunk


@dataclass
class IndexGap:
    notes_missing: list[Chunk] = field(default_factory=list)
    notes_stale: list[str] = field(default_factory=list)  # ids of notes the database no longer has
    files_missing: list[Path] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.notes_missing or self.notes_stale or self.files_missing)

    def describe(self) -> str:
        parts = []
        if self.notes_missing:
            parts.append(f"{len(self.notes_missing)} team note(s) missing")
        if self.notes_stale:
            parts.append(f"{len(self.notes_stale)} deleted note(s) still indexed")
        if self.files_missing:
            parts.append(f"{len(self.files_missing)} ingested file(s) missing")
        return ", ".join(parts) or "nothing missing"


def find_gap(ingestor: Ingestor, notes: Sequence[Chunk], source_paths: Sequence[Path]) -> IndexGap:
    """What the database holds (`notes`, `source_paths`) that the index does not, and back."""
    index = ingestor.kb.index
    indexed_notes = set(index.ids(where={"kind": "note"}))
    wanted = {c.id: c for c in notes}
    gap = IndexGap(
        notes_missing=[c for cid, c in wanted.items() if cid not in indexed_notes],
        notes_stale=sorted(indexed_notes - set(wanted)),
    )
    existing = [p for p in source_paths if p.exists()]
    if existing:
        files, _ = discover(existing)
        present = index.paths_present([str(f) for f in files])
        gap.files_missing = [f for f in files if str(f) not in present]
    return gap


def repair(ingestor: Ingestor, gap: IndexGap) -> IngestSummary | None:
    """Write what `gap` says is missing; returns the summary of re-ingested files, if any."""
    if gap.notes_stale:
        ingestor.kb.delete(gap.notes_stale)
    if gap.notes_missing:
        ingestor.kb.upsert(gap.notes_missing)
    return ingestor.ingest(gap.files_missing) if gap.files_missing else None
