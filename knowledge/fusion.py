"""Ranking the hybrid candidates: domain-centred cosine and BM25, fused by normalised score.

Why not plain cosine: every passage of an advisor's corpus is about the same few things (models,
fine-tuning, prompts), so raw MiniLM cosines of all passages to a question sit in a narrow band and
the shared topic dominates them; generic passages ("Scope", "... defined") crowd out the one that
answers. Subtracting the corpus centre (the mean vector of the curated corpus) from both the
question and the passage before the cosine keeps what distinguishes a passage from its
neighbours. The raw cosine is still what `Passage.vector_score` reports (the coverage judge and its
thresholds read it).

Why not Reciprocal Rank Fusion: RRF gives a passage ranked first by one arm and 30th by the other
less than one ranked 5th by both, so a clear winner of one arm (the only passage with the
question's rare words, or the one whose meaning matches) fell out of the top 5. Min-max normalised
scores keep how far ahead a winner is. Measured on bench/questions.yaml's round-3 items (written
before this change): recall@5 0.73 -> see BENCHMARKS.md "Issue 10 round 3: retrieval".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from knowledge.types import Chunk, Passage

#: Weights of the two arms after min-max normalisation over the candidates.
DENSE_WEIGHT = 1.0
KEYWORD_WEIGHT = 0.7
#: Share of the dense arm taken by the centred cosine (the rest is the raw cosine: a passage that
#: is close to the question in the plain sense still counts).
CENTRED_SHARE = 0.5
#: Most a dominant hit of the expansion arm (the articles' own words for a paraphrase) adds, and
#: what share of the arm's best score a hit needs to count as dominant.
EXPANSION_BONUS = 1.0
DOMINANT_SHARE = 0.5
#: Weights of the asks arm (`knowledge.asks`): the best cosine of the question to a question the
#: passage answers, and the BM25 of the question against those questions; each min-max normalised
#: over the candidates that have asks. A candidate without asks (a note, an uploaded document)
#: counts its dense, respectively keyword, score there instead.
#: Round 7 (BENCHMARKS.md "Issue 10 round 7: retrieval recall"): 1.0 / 0.4 -> 1.5 / 0.6. The
#: passage whose asks match the question (question-to-question similarity, which carries to
#: wordings the passage never uses) ranked 6th-10th behind passages that only shared the
#: question's topic words; the other arms' weights are unchanged. Chosen on the dev items older
#: than round 7 (no item that was found in the top 5 drops out), checked on round 7's fresh items.
ASKS_WEIGHT = 1.5
ASKS_KEYWORD_WEIGHT = 0.6
#: Fewer corpus passages than this give no reliable centre (plain cosine is used).
MIN_CENTRE_PASSAGES = 20
NEAR_DUPLICATE_JACCARD = 0.9


def corpus_centre(vectors: np.ndarray) -> np.ndarray | None:
    """The mean of the curated corpus's passage vectors, or None when there are too few."""
    if vectors.ndim != 2 or len(vectors) < MIN_CENTRE_PASSAGES:
        return None
    centre: np.ndarray = vectors.mean(axis=0).astype(np.float32)
    return centre


def centred_cosines(query: np.ndarray, vectors: np.ndarray, centre: np.ndarray | None) -> np.ndarray:
    """Cosine of each row of `vectors` to `query` after subtracting `centre` from both."""
    if len(vectors) == 0:
        return np.zeros(0, dtype=np.float32)
    if centre is None:
        plain: np.ndarray = vectors @ query
        return plain
    rows = vectors - centre
    q = query - centre
    norms = np.linalg.norm(rows, axis=1) * max(float(np.linalg.norm(q)), 1e-12)
    out: np.ndarray = (rows @ q) / np.clip(norms, 1e-12, None)
    return out


def min_max(values: np.ndarray) -> np.ndarray:
    """Scaled to [0, 1] over the candidates (all zeros when they are all equal)."""
    if len(values) == 0:
        return values
    low, high = float(values.min()), float(values.max())
    if high - low <= 1e-12:
        return np.zeros_like(values, dtype=np.float32)
    scaled: np.ndarray = (values - low) / (high - low)
    return scaled


@dataclass
class Candidate:
    """A chunk either arm found, with both arms' scores."""

    chunk: Chunk
    cosine: float  # raw cosine similarity to the question
    centred: float  # cosine after removing the corpus centre (what ranks)
    bm25: float  # BM25 of the expanded query (0.0 when it does not match)
    #: (best cosine of the question to one of the passage's asks, BM25 of the question against
    #: them); (None, None) when the passage has no asks
    asks: tuple[float | None, float | None] = (None, None)
    fused: float = 0.0
    words: frozenset[str] = field(default_factory=frozenset)


def _norm_words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z0-9]+", text.lower()))


def _near_duplicate(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return a == b
    return len(a & b) / len(a | b) >= NEAR_DUPLICATE_JACCARD


def expansion_bonus(hits: Sequence[tuple[str, float]]) -> dict[str, float]:
    """The expansion arm's clear winners (at least DOMINANT_SHARE of its best hit), each lifted by
    up to EXPANSION_BONUS in proportion to its score; chunk id -> bonus."""
    if not hits or hits[0][1] <= 0:
        return {}
    top = hits[0][1]
    return {i: EXPANSION_BONUS * s / top for i, s in hits if s >= DOMINANT_SHARE * top}


def ask_arm(values: Sequence[float | None], stand_in: np.ndarray) -> np.ndarray:
    """One score of the asks arm per candidate: min-max of `values` over the candidates that have
    one, `stand_in` for those that have none; all zeros when none has one (the arm is off)."""
    has = np.asarray([v is not None for v in values], dtype=bool)
    if not has.any():
        return np.zeros(len(values), dtype=np.float32)
    out = stand_in.astype(np.float32, copy=True)
    out[has] = min_max(np.asarray([v for v in values if v is not None], dtype=np.float32))
    return out


def fuse(candidates: Sequence[Candidate], *, k: int, bonus: Mapping[str, float] | None = None) -> list[Passage]:
    """The best `k` candidates by DENSE_WEIGHT * (CENTRED_SHARE * minmax(centred) + (1 -
    CENTRED_SHARE) * minmax(cosine)) + KEYWORD_WEIGHT * minmax(bm25) + ASKS_WEIGHT * `ask_arm`(ask
    cosine) + ASKS_KEYWORD_WEIGHT * `ask_arm`(ask BM25) + `bonus` (chunk id -> extra, from the
    expansion arm), de-duplicated.

    The same id counts once; near-identical texts under different ids (the same paragraph ingested
    twice) keep only the best-fused one. Ties go to the higher raw cosine, then the id.
    """
    unique = list({c.chunk.id: c for c in candidates}.values())
    if not unique or k <= 0:
        return []
    centred = min_max(np.asarray([c.centred for c in unique], dtype=np.float32))
    plain = min_max(np.asarray([c.cosine for c in unique], dtype=np.float32))
    dense = CENTRED_SHARE * centred + (1.0 - CENTRED_SHARE) * plain
    keyword = min_max(np.asarray([c.bm25 for c in unique], dtype=np.float32))
    asked = ASKS_WEIGHT * ask_arm([c.asks[0] for c in unique], dense) + ASKS_KEYWORD_WEIGHT * ask_arm(
        [c.asks[1] for c in unique], keyword
    )
    extra = bonus or {}
    for cand, d, kw, a in zip(unique, dense.tolist(), keyword.tolist(), asked.tolist(), strict=True):
        cand.fused = DENSE_WEIGHT * d + KEYWORD_WEIGHT * kw + a + extra.get(cand.chunk.id, 0.0)
    ranked = sorted(unique, key=lambda c: (-c.fused, -c.cosine, c.chunk.id))
    kept: list[Candidate] = []
    for cand in ranked:
        cand.words = _norm_words(cand.chunk.text)
        if any(_near_duplicate(cand.words, other.words) for other in kept):
            continue
        kept.append(cand)
        if len(kept) == k:
            break
    return [
        Passage(
            chunk=c.chunk, score=c.fused, vector_score=c.cosine, keyword_score=c.bm25, ask_score=c.asks[0], rank=i
        )
        for i, c in enumerate(kept, 1)
    ]
