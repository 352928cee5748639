"""Vectors of the curated corpus's sentences and headings, embedded once per corpus and embedder
and kept in the data dir, so that a process starts with them (`SentenceSimilarity.prime`).

Why: the extractive composers score every sentence of the retrieved passages, and every heading,
by cosine to the question (`handlers.ask.scored`, `handlers.ask.extractive`). `SentenceSimilarity`
embedded a text the first time a question met it, so each process paid for the corpus's ~500
texts question by question: on `python -m bench.ask_bench` (200 warm questions) that was a third
of the CPU of `ask`, most of it on the slowest questions (those whose passages had not been met).

The texts are split exactly as the composers split them (`handlers.ask.text.split_sentences` over
each passage's text, plus its heading). Their vectors are read from
`<cache_dir>/sentences-<digest>.npy` (sha256 of the embedder's name and every text) or embedded in
one call (a few seconds of CPU, once per data dir and corpus) and stored there. A text's vector
does not depend on the other texts of its batch (padding is masked; checked bit for bit on the
shipped ONNX embedder), so answers are exactly those of embedding each text on first use.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from handlers.ask.text import split_sentences
from handlers.ports import TextEncoder
from knowledge.types import Chunk

log = logging.getLogger(__name__)


def corpus_texts(chunks: Iterable[Chunk]) -> list[str]:
    """Every sentence and heading of `chunks`, as the composers embed them, once each, in order."""
    texts: dict[str, None] = {}
    for chunk in chunks:
        texts.update((chunk.text[s:e], None) for s, e in split_sentences(chunk.text))
        texts[chunk.heading] = None
    return list(texts)


def texts_digest(texts: Sequence[str], embedder_name: str) -> str:
    """sha256 of the embedder's name and every text, in order."""
    digest = hashlib.sha256(f"embedder={embedder_name}\n".encode())
    for text in texts:
        digest.update(text.encode())
        digest.update(b"\x00")
    return digest.hexdigest()


def sentence_vectors(
    texts: Sequence[str], encoder: TextEncoder, embedder_name: str, cache_dir: Path | None = None
) -> np.ndarray:
    """One row per text: read from the cache file of this digest, or embedded and stored there."""
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    path = cache_dir / f"sentences-{texts_digest(texts, embedder_name)[:32]}.npy" if cache_dir is not None else None
    if path is not None and path.is_file():
        try:
            cached: np.ndarray = np.load(path, allow_pickle=False)
            if cached.ndim == 2 and len(cached) == len(texts):
                return cached.astype(np.float32, copy=False)
        except (OSError, ValueError):
            pass  # unreadable or truncated: embed again and overwrite it
    vectors = np.asarray(encoder.embed_documents(list(texts)), dtype=np.float32)
    if path is not None:
        try:
            _store(path, vectors)
        except OSError as exc:  # a read-only data dir: use the vectors, embed again next start
            log.warning("could not cache the corpus sentences' vectors in %s: %s", path, exc)
    return vectors


def _store(path: Path, vectors: np.ndarray) -> None:
    """Written atomically (another replica may read it meanwhile); older digests removed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    with tmp.open("wb") as fh:
        np.save(fh, vectors, allow_pickle=False)
    os.replace(tmp, path)
    for old in path.parent.glob("sentences-*.npy"):
        if old != path:
            old.unlink(missing_ok=True)
