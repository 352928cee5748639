"""Synthetic chunks for the benchmarks at scale: Zipf text, vectors near real ones, no embedding.

Embedding 100,000 chunks on 2 cores takes far too long, so each synthetic chunk gets a
*precomputed* unit vector: a real corpus vector plus Gaussian noise (cosine ~0.5-0.7 to it), so an
HNSW graph sees clustered, realistic-looking data. Its text is drawn from a Zipf vocabulary
(synthetic words plus the corpus's own words); 3% are private notes spread over 50 channels.
Shared by `bench/retrieval_bench.py` (one process, a chroma PersistentClient) and
`bench/replica_fill.py` (a Chroma server and PostgreSQL), so both measure the same data.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def synthetic_chunks(n: int, real: list[Any], real_vectors: np.ndarray, seed: int = 7) -> tuple[list[Any], np.ndarray]:
    """`n` chunks of Zipf text with unit vectors near `real_vectors` (the same for the same `seed`).

    Every 33rd chunk is a private note of one of 50 channels, every 20th a corpus chunk, the rest
    documents; ids run `syn-<doc>#p<1..10>`, ten chunks per synthetic document.
    """
    from knowledge.keyword import tokenize
    from knowledge.types import Chunk

    rng = np.random.default_rng(seed)
    syllables = ["ka", "lo", "ri", "ven", "tor", "mi", "sa", "pel", "qu", "dra", "nex", "ul", "bor", "fi", "zan"]
    general = sorted({"".join(rng.choice(syllables, size=rng.integers(2, 5))) for _ in range(40_000)})
    domain = sorted({t for c in real for t in tokenize(c.text)})
    zipf_general = 1.0 / np.arange(1, len(general) + 1) ** 1.1
    zipf_general /= zipf_general.sum()
    words_general = rng.choice(len(general), size=(n, 110), p=zipf_general)
    words_domain = rng.integers(0, len(domain), size=(n, 40))
    lengths = rng.integers(60, 150, size=n)
    chunks: list[Any] = []
    for i in range(n):
        length = int(lengths[i])
        n_domain = length // 4
        words = [general[w] for w in words_general[i, : length - n_domain]]
        words += [domain[w] for w in words_domain[i, :n_domain]]
        rng.shuffle(words)
        private = i % 33 == 0
        chunks.append(
            Chunk(
                id=f"syn-{i // 10}#p{i % 10 + 1}",
                doc_id=f"syn-{i // 10}",
                text=" ".join(words),
                heading=" ".join(words[:4]).title(),
                title=f"Synthetic document {i // 10}",
                source="synthetic",
                kind="note" if private else ("corpus" if i % 20 == 1 else "document"),
                path="" if private else f"/synthetic/{i // 10}.txt",
                visibility="private" if private else "public",
                channel=f"C{i % 50}" if private else "",
            )
        )
    centers = real_vectors[rng.integers(0, len(real_vectors), size=n)]
    noise = rng.standard_normal((n, real_vectors.shape[1])).astype(np.float32)
    vectors = centers + noise * rng.uniform(0.04, 0.07, size=(n, 1)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return chunks, vectors.astype(np.float32)
