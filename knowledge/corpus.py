"""The curated corpus shipped with the package (`knowledge/corpus/*.md`) and keeping it indexed.

`ensure_corpus_indexed` compares a fingerprint of the corpus files (contents, chunker version,
embedder) with the one stored in the collection's metadata: equal means up to date and costs a
few milliseconds; different means an idempotent re-ingest with pruning.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from knowledge.chunking import CHUNKER_VERSION
from knowledge.loaders import SUPPORTED_SUFFIXES

if TYPE_CHECKING:
    from knowledge.ingest import Ingestor, IngestSummary

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
FINGERPRINT_KEY = "corpus_fingerprint"


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
    ingestor: Ingestor, *, extra_dirs: Sequence[Path] = (), corpus_dir: Path = CORPUS_DIR
) -> IngestSummary | None:
    """Index the shipped corpus (and `extra_dirs`, also as kind "corpus") when it changed since
    the last run; None when it was already up to date."""
    dirs = [corpus_dir, *extra_dirs]
    index = ingestor.kb.index
    fingerprint = corpus_fingerprint(dirs, index.embedder.name)
    if index.get_marker(FINGERPRINT_KEY) == fingerprint:
        return None
    summary = ingestor.ingest([d for d in dirs if d.is_dir()], prune=True, kind="corpus")
    index.set_marker(FINGERPRINT_KEY, fingerprint)
    return summary
