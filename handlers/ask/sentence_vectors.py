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
one call (a few seconds of CPU, once per data dir and corpus) and stored there
(`knowledge.vector_cache`, as the asks' vectors are). A text's vector
does not depend on the other texts of its batch (padding is masked; checked bit for bit on the
shipped ONNX embedder), so answers are exactly those of embedding each text on first use.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from handlers.ask.text import sentences_of
from handlers.ports import TextEncoder
from knowledge.types import Chunk
from knowledge.vector_cache import read_vectors, write_vectors


def corpus_texts(chunks: Iterable[Chunk]) -> list[str]:
    """Every sentence and heading of `chunks`, as the composers embed them, once each, in order."""
    texts: dict[str, None] = {}
    for chunk in chunks:
        texts.update((t, None) for t in sentences_of(chunk.text))
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
    cached = read_vectors(path, len(texts)) if path is not None else None
    if cached is not None:
        return cached
    vectors = np.asarray(encoder.embed_documents(list(texts)), dtype=np.float32)
    if path is not None:
        write_vectors(path, vectors, stale="sentences-*.npy", what="the corpus sentences' vectors")
    return vectors
