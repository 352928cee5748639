"""Ranking the hybrid candidates (knowledge.fusion): centred cosine, min-max fusion, expansion bonus, dedupe."""

from __future__ import annotations

import numpy as np
import pytest

from knowledge import fusion
from knowledge.fusion import Candidate, centred_cosines, corpus_centre, expansion_bonus, fuse, min_max
from knowledge.types import Chunk


def _chunk(chunk_id: str, text: str) -> Chunk:
    return Chunk(id=chunk_id, doc_id=chunk_id.split("#")[0], text=text, title="T", source="S")


def _cand(chunk_id: str, cosine: float, bm25: float, centred: float | None = None, text: str = "") -> Candidate:
    chunk = _chunk(chunk_id, text or f"text of {chunk_id}")
    return Candidate(chunk=chunk, cosine=cosine, centred=cosine if centred is None else centred, bm25=bm25)


def _unit(v: list[float]) -> np.ndarray:
    a = np.asarray(v, dtype=np.float32)
    return a / np.linalg.norm(a)


def test_centring_removes_what_every_passage_shares() -> None:
    # Both passages and the question lean on the shared topic axis (x); only y/z tell them apart.
    shared, general, specific = _unit([1, 0, 0]), _unit([1, 0.05, 0]), _unit([1, 0, 1])
    query = _unit([3, 0, 0.5])
    vectors = np.stack([general, specific])
    plain = centred_cosines(query, vectors, None)
    assert plain[0] > plain[1]  # raw cosine prefers the generic passage
    centred = centred_cosines(query, vectors, shared * 0.95)
    assert centred[1] > centred[0]  # without the shared part the specific passage wins
    assert centred_cosines(query, np.zeros((0, 3), dtype=np.float32), shared).shape == (0,)


def test_corpus_centre_needs_enough_passages() -> None:
    assert corpus_centre(np.ones((fusion.MIN_CENTRE_PASSAGES - 1, 4), dtype=np.float32)) is None
    assert corpus_centre(np.zeros((0, 0), dtype=np.float32)) is None
    centre = corpus_centre(np.arange(fusion.MIN_CENTRE_PASSAGES * 2, dtype=np.float32).reshape(-1, 2))
    assert centre is not None and centre.tolist() == pytest.approx([19.0, 20.0])


def test_min_max() -> None:
    assert min_max(np.asarray([2.0, 4.0, 3.0])).tolist() == [0.0, 1.0, 0.5]
    assert min_max(np.asarray([5.0, 5.0])).tolist() == [0.0, 0.0]
    assert min_max(np.zeros(0)).shape == (0,)


def test_a_clear_winner_of_one_arm_beats_a_passage_both_arms_rank_middling() -> None:
    # Reciprocal rank fusion would put "both" first (2nd in each arm); scores keep the lead.
    cands = [
        _cand("kw#1", cosine=0.30, bm25=20.0),  # keyword arm's clear winner
        _cand("both#1", cosine=0.40, bm25=3.0),
        _cand("vec#1", cosine=0.60, bm25=0.0),  # vector arm's winner
        _cand("low#1", cosine=0.29, bm25=2.5),
    ]
    ranked = fuse(cands, k=3)
    assert {p.id for p in ranked[:2]} == {"kw#1", "vec#1"} and ranked[2].id == "both#1"
    assert [p.rank for p in ranked] == [1, 2, 3]
    kw = next(p for p in ranked if p.id == "kw#1")
    assert kw.vector_score == 0.30 and kw.keyword_score == 20.0
    assert ranked == sorted(ranked, key=lambda p: -p.score)


def test_the_centred_cosine_decides_between_passages_of_equal_raw_cosine() -> None:
    cands = [_cand("a#1", 0.5, 1.0, centred=0.1), _cand("b#1", 0.5, 1.0, centred=0.4)]
    assert [p.id for p in fuse(cands, k=2)] == ["b#1", "a#1"]
    assert fuse([], k=3) == [] and fuse(cands, k=0) == []


def test_expansion_bonus_lifts_dominant_hits_only() -> None:
    bonus = expansion_bonus([("a#1", 10.0), ("b#1", 6.0), ("c#1", 4.0)])
    assert bonus == {"a#1": pytest.approx(fusion.EXPANSION_BONUS), "b#1": pytest.approx(0.6 * fusion.EXPANSION_BONUS)}
    assert expansion_bonus([]) == {}
    cands = [_cand("d#0", 0.40, 1.0), _cand("d#1", 0.39, 1.0), _cand("d#3", 0.20, 2.0)]
    assert fuse(cands, k=3)[0].id == "d#0"
    assert fuse(cands, k=3, bonus={"d#3": fusion.EXPANSION_BONUS})[0].id == "d#3"
    # a bonus for a chunk no arm found adds nothing
    assert "d#9" not in [p.id for p in fuse(cands, k=3, bonus={"d#9": 5.0})]


def test_same_id_counts_once_and_near_identical_texts_keep_the_better() -> None:
    a = _cand("a#1", 0.9, 5.0, text="alpha text")
    a_copy = _cand("z#9", 0.7, 0.0, text="Alpha text!")  # same words, another id
    b = _cand("b#1", 0.8, 3.0, text="beta text")
    ranked = fuse([a, b, a_copy, _cand("b#1", 0.8, 3.0, text="beta text")], k=5)
    assert [p.id for p in ranked] == ["a#1", "b#1"]


def test_ask_arm_uses_the_stand_in_for_candidates_without_asks_and_is_off_without_any() -> None:
    stand_in = np.asarray([0.2, 0.9, 0.5], dtype=np.float32)
    assert fusion.ask_arm([0.3, None, 0.7], stand_in).tolist() == pytest.approx([0.0, 0.9, 1.0])
    assert fusion.ask_arm([None, None, None], stand_in).tolist() == [0.0, 0.0, 0.0]


def test_the_passage_whose_ask_matches_wins_over_a_slightly_closer_text() -> None:
    closer_text = _cand("a#text", cosine=0.50, bm25=1.0)
    closer_text.asks = (0.40, 0.0)
    answers_it = _cand("a#asked", cosine=0.45, bm25=1.0)
    answers_it.asks = (0.80, 3.0)
    other = _cand("a#other", cosine=0.30, bm25=0.0)
    other.asks = (0.35, 0.0)
    ranked = fuse([closer_text, answers_it, other], k=3)
    assert [p.id for p in ranked] == ["a#asked", "a#text", "a#other"]
    assert ranked[0].ask_score == pytest.approx(0.80)
    for c in (closer_text, answers_it, other):
        c.asks = (None, None)
    assert fuse([closer_text, answers_it, other], k=1)[0].id == "a#text"  # without asks the text decides
