"""The curated corpus shipped with the package (`knowledge/corpus/*.md`) and keeping it indexed.

`ensure_corpus_indexed` compares a fingerprint of the corpus files (contents, chunker version,
embedder) with the one stored in the collection's metadata: equal means up to date and costs a
few milliseconds; different means an idempotent re-ingest with pruning.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from knowledge.chunking import CHUNKER_VERSION
from knowledge.corpus_index import CORPUS_DIR as CORPUS_DIR  # re-exported: the corpus folder is named once
from knowledge.loaders import SUPPORTED_SUFFIXES

if TYPE_CHECKING:
    from knowledge.ingest import Ingestor, IngestSummary

FINGERPRINT_KEY = "corpus_fingerprint"


class CorpusMarkers(Protocol):
    """Where the fingerprint of the indexed corpus is kept: the vector index's own metadata, so it
    travels with the vectors it describes (a reset index forgets it)."""

    def get_marker(self, key: str) -> str | None: ...

    def set_marker(self, key: str, value: str) -> None: ...


def corpus_files(dirs: Sequence[Path]) -> list[Path]:
    files: list[Path] = []
    for folder in dirs:
        if folder.is_dir():
            files.extend(
                p
                for p in sorted(folder.rglob("*"))
                if p.is_file()
                and p.suffix.lower() in SUPPORTED_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(folder).parts)
            )
    return files


def corpus_fingerprint(dirs: Sequence[Path], embedder_name: str) -> str:
    digest = hashlib.sha256(f"chunker={CHUNKER_VERSION}\nembedder={embedder_name}\n".encode())
    for folder in dirs:
        digest.update(f"dir={folder.resolve()}\n".encode())
    for path in corpus_files(dirs):
        digest.update(f"{path.resolve()}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def ensure_corpus_indexed(
    ingestor: Ingestor,
    markers: CorpusMarkers,
    *,
    embedder_name: str,
    extra_dirs: Sequence[Path] = (),
    corpus_dir: Path = CORPUS_DIR,
) -> IngestSummary | None:
    """Index the shipped corpus (and `extra_dirs`, also as kind "corpus") through `ingestor` when it
    changed since the last run, as told by the fingerprint kept in `markers`; None when it was
    already up to date. `embedder_name` is part of the fingerprint (new vectors, new index)."""
    dirs = [corpus_dir, *extra_dirs]
    fingerprint = corpus_fingerprint(dirs, embedder_name)
    if markers.get_marker(FINGERPRINT_KEY) == fingerprint:
        return None
    summary = ingestor.ingest([d for d in dirs if d.is_dir()], prune=True, kind="corpus")
    markers.set_marker(FINGERPRINT_KEY, fingerprint)
    return summary
