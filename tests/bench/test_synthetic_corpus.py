"""The benchmarks' synthetic chunks: deterministic, unit vectors near the real ones, private notes
with a channel, text from both vocabularies."""

from __future__ import annotations

import numpy as np

from bench.synthetic_corpus import synthetic_chunks
from knowledge.types import Chunk


def _real() -> tuple[list[Chunk], np.ndarray]:
    texts = ["LoRA adapters train a few parameters", "retrieval keeps answers current", "prompting is cheap"]
    real = [Chunk(id=f"r#{i}", doc_id="r", text=t, title="T", source="S") for i, t in enumerate(texts)]
    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((len(real), 16)).astype(np.float32)
    return real, vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_synthetic_chunks_are_deterministic_and_their_vectors_unit_and_near_a_real_one() -> None:
    real, real_vectors = _real()
    chunks, vectors = synthetic_chunks(70, real, real_vectors)
    again, vectors_again = synthetic_chunks(70, real, real_vectors)
    assert [c.text for c in chunks] == [c.text for c in again]
    assert np.array_equal(vectors, vectors_again)
    assert vectors.shape == (70, 16) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert (vectors @ real_vectors.T).max(axis=1).min() > 0.3  # each lies near some real vector
    assert len({c.id for c in chunks}) == 70


def test_private_synthetic_chunks_are_notes_of_a_channel_and_text_mixes_in_corpus_words() -> None:
    real, real_vectors = _real()
    chunks, _ = synthetic_chunks(70, real, real_vectors)
    private = [c for c in chunks if c.visibility == "private"]
    assert [chunks.index(c) for c in private] == [0, 33, 66]
    assert all(c.kind == "note" and c.channel and not c.path for c in private)
    assert all(c.visibility == "public" and not c.channel for c in chunks if c not in private)
    corpus_words = {w for c in real for w in c.text.lower().split()}
    assert all(corpus_words & set(c.text.split()) for c in chunks)
