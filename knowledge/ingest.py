"""Ingesting files and folders into the knowledge base, idempotently.

Each file is loaded, chunked and compared with what the index holds: unchanged chunks are not
written (nothing is embedded), changed ones are replaced, ids the file no longer produces are
removed, and `prune=True` drops the chunks of files that disappeared from the given folders.
Bad files, and files over a per-file limit (`IngestLimits`: size, chunks, time), are skipped with
a reason; they never stop the run. Chunks are embedded and written in small batches, so memory
stays bounded by the batch, not by the file. A README or index file inside a folder is skipped
(it describes the folder); name it explicitly to ingest it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.chunking import CHUNK_SIZE, chunk_document
from knowledge.corpus import CORPUS_DIR
from knowledge.ingest_limits import FileClock, IngestLimits, LimitExceeded, check_chunks, check_size, check_text_length
from knowledge.loaders import SUPPORTED_SUFFIXES, LoadError, load_document
from knowledge.retrieval import KnowledgeBase
from knowledge.types import Chunk, PassageKind

ProgressCallback = Callable[[int, int, str], None]


@dataclass
class IngestSummary:
    files: int = 0  # files indexed (changed or not); skipped ones are in `skipped`
    chunks_added: int = 0
    chunks_updated: int = 0
    chunks_removed: int = 0
    chunks_unchanged: int = 0
    seconds: float = 0.0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    limits_hit: set[str] = field(default_factory=set)  # `IngestLimits` fields that made a file skip

    @property
    def changed(self) -> bool:
        return bool(self.chunks_added or self.chunks_updated or self.chunks_removed)

    def line(self) -> str:
        text = (
            f"{self.files} files: {self.chunks_added} chunks added, {self.chunks_updated} updated, "
            f"{self.chunks_removed} removed, {self.chunks_unchanged} unchanged in {self.seconds:.1f}s"
        )
        return text + (f"; {len(self.skipped)} skipped" if self.skipped else "")


FOLDER_README_STEMS = frozenset({"readme", "index"})
README_REASON = "a README or index file inside a folder (name the file itself to ingest it)"


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Supported files under `paths` (folders recursively, hidden entries ignored), sorted, and
    the paths skipped with a reason. README/index files found inside a folder are skipped."""
    files: list[Path] = []
    skipped: list[tuple[str, str]] = []
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path)
                if any(part.startswith(".") for part in rel.parts) or not child.is_file():
                    continue
                if child.stem.lower() in FOLDER_README_STEMS:
                    skipped.append((str(child), README_REASON))
                elif child.suffix.lower() in SUPPORTED_SUFFIXES:
                    files.append(child.resolve())
                else:
                    skipped.append((str(child), f"unsupported file type {child.suffix or '(none)'}"))
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                files.append(path.resolve())
            else:
                skipped.append((str(path), f"unsupported file type {path.suffix or '(none)'}"))
        else:
            skipped.append((str(path), "not found"))
    return list(dict.fromkeys(files)), skipped


class Ingestor:
    """Loads, chunks and indexes files into a `KnowledgeBase`."""

    def __init__(
        self,
        kb: KnowledgeBase,
        *,
        corpus_dirs: Sequence[Path] = (CORPUS_DIR,),
        limits: IngestLimits | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.kb = kb
        self.limits = limits or IngestLimits()
        self.clock = clock  # the per-file time limit's clock (a seam for tests)
        self.corpus_dirs = [Path(d).resolve() for d in corpus_dirs]

    def kind_for(self, path: Path) -> PassageKind:
        return "corpus" if any(path.is_relative_to(d) for d in self.corpus_dirs) else "document"

    def ingest(
        self,
        paths: Iterable[Path | str],
        *,
        prune: bool = False,
        progress: ProgressCallback | None = None,
        kind: PassageKind | None = None,
    ) -> IngestSummary:
        """Index `paths` (files or folders). `kind` overrides corpus/document detection."""
        started = time.perf_counter()
        roots = [Path(p).expanduser() for p in paths]
        files, skipped = discover(roots)
        summary = IngestSummary(skipped=skipped)
        owners: dict[str, Path] = {}  # doc_id -> file, within this run
        for done, path in enumerate(files, 1):
            reason = self._ingest_file(path, kind or self.kind_for(path), owners, summary)
            if reason is None:
                summary.files += 1
            else:
                summary.skipped.append((str(path), reason))
            if progress is not None:
                progress(done, len(files), str(path))
        if prune:
            summary.chunks_removed += self._prune(roots, kind)
        summary.seconds = time.perf_counter() - started
        return summary

    def _ingest_file(
        self, path: Path, kind: PassageKind, owners: dict[str, Path], summary: IngestSummary
    ) -> str | None:
        """Index one file; returns why it was skipped, or None."""
        clock = FileClock(self.limits, self.clock)
        try:
            check_size(path.stat().st_size, self.limits)
            doc = load_document(
                path, max_bytes=self.limits.max_file_bytes, check=clock.check,
                max_text_chars=self.limits.max_chunks * CHUNK_SIZE,
            )
            clock.check("reading")
            check_text_length(len(doc.text_markdown), CHUNK_SIZE, self.limits)
            chunks = chunk_document(doc, kind=kind)
            check_chunks(len(chunks), self.limits)
            clock.check("chunking")
        except LimitExceeded as exc:
            summary.limits_hit.add(exc.limit)
            return str(exc)
        except LoadError as exc:
            return str(exc)
        except RecursionError:
            return "could not parse: the document is nested too deeply"
        except MemoryError:
            return "could not parse: out of memory"
        except Exception as exc:  # a parser choking on a malformed file must not stop the run
            return f"could not parse: {type(exc).__name__}: {exc}"
        if not chunks:
            return "no text to index"
        if doc.doc_id in owners:
            return f"document id {doc.doc_id!r} is already used by {owners[doc.doc_id]} (set a front-matter id)"
        owners[doc.doc_id] = path

        stored = {c.id: c for c in self.kb.index.get([c.id for c in chunks])}
        for other in stored.values():
            if other.path and other.path != doc.path and Path(other.path).exists():
                return f"document id {doc.doc_id!r} is already used by {other.path} (set a front-matter id)"
        changed = [c for c in chunks if stored.get(c.id) != c]
        added = sum(1 for c in changed if c.id not in stored)
        gone = sorted(set(self.kb.index.hashes(path=doc.path)) - {c.id for c in chunks})
        try:
            self._write(changed, gone, clock)
        except LimitExceeded as exc:
            # Leave no half-added file behind: remove the chunks this run added (updates stay).
            self.kb.delete([c.id for c in changed if c.id not in stored])
            summary.limits_hit.add(exc.limit)
            return str(exc)
        summary.chunks_added += added
        summary.chunks_updated += len(changed) - added
        summary.chunks_unchanged += len(chunks) - len(changed)
        summary.chunks_removed += len(gone)
        return None

    def _write(self, upserts: Sequence[Chunk], deletes: Sequence[str], clock: FileClock | None = None) -> None:
        """Delete, then embed and upsert in batches, checking the file's time budget in between."""
        if deletes:
            self.kb.delete(deletes)
        step = max(1, self.limits.batch_size)
        for start in range(0, len(upserts), step):
            if clock is not None:
                clock.check(f"embedding (chunk {start + 1:,} of {len(upserts):,})")
            self.kb.upsert(upserts[start : start + step])

    def _prune(self, roots: Sequence[Path], kind: PassageKind | None = None) -> int:
        """Remove chunks of files under `roots` (or equal to them) that no longer exist; with `kind`
        (the shipped corpus is ingested as "corpus"), only chunks of that kind are read: the scan
        then covers the corpus, not every note and document of a large collection (at 100,000
        chunks, reading all their metadata from a Chroma server took ~35 s of a replica's start)."""
        resolved = [r.resolve() for r in roots if r.is_dir() or not r.exists()]
        if not resolved:
            return 0
        doomed: list[str] = []
        for stored_path, ids in self.kb.index.ids_by_path({"kind": kind} if kind else None).items():
            if not stored_path:
                continue  # notes have no file
            path = Path(stored_path)
            if any(path == r or path.is_relative_to(r) for r in resolved) and not path.exists():
                doomed.extend(sorted(ids))
        if doomed:
            self.kb.delete(doomed)
        return len(doomed)
