"""BM25 keyword index: tokenization, incremental add/delete, visibility, compaction."""

from __future__ import annotations

from knowledge.keyword import KeywordIndex, stem, tokenize
from knowledge.types import Chunk, SearchScope


def _chunk(chunk_id: str, text: str, **extra: str) -> Chunk:
    return Chunk(id=chunk_id, doc_id=chunk_id.split("#")[0], text=text, title="T", source="S", **extra)  # type: ignore[arg-type]


def test_tokenize_keeps_numbers_and_drops_stopwords() -> None:
    tokens = tokenize("Prompt tuning needs 1000x fewer parameters and keeps 95%+ of the quality")
    assert "1000x" in tokens and "95%" in tokens
    assert "the" not in tokens and "and" not in tokens
    assert tokenize("LoRA's adapters") == tokenize("lora adapter")
    assert tokenize("KPIs") == tokenize("KPI")


def test_stemming_is_light() -> None:
    assert stem("prompting") == stem("prompts") == stem("prompt")
    assert stem("tuning") == stem("tuned") == stem("tune")
    assert stem("costs") == "cost"
    assert stem("bias") == "bias" and stem("analysis") == "analysis"
    assert stem("gpt4") == "gpt4"


def test_search_ranks_matching_chunks() -> None:
    index = KeywordIndex(
        [
            _chunk("a#1", "LoRA trains low-rank adapters on frozen weights"),
            _chunk("b#1", "Retrieval-augmented generation fetches documents at question time"),
            _chunk("c#1", "Prompt engineering changes only the input text"),
        ]
    )
    hits = index.search("how does LoRA train adapters?", k=3)
    assert hits[0][0] == "a#1"
    assert all(score > 0 for _, score in hits)
    assert index.search("sourdough bread", k=3) == []


def test_heading_and_title_are_searchable() -> None:
    index = KeywordIndex([_chunk("a#1", "Only body words here", heading="Quantization tricks")])
    assert [i for i, _ in index.search("quantization")] == ["a#1"]


def test_incremental_add_replace_and_delete() -> None:
    index = KeywordIndex([_chunk("a#1", "adapters adapters"), _chunk("b#1", "retrieval index")])
    assert len(index) == 2
    index.add([_chunk("note:1", "our team prefers adapters for latency")])
    assert "note:1" in {i for i, _ in index.search("latency adapters")}
    # replacing a chunk by id drops its old terms
    index.add([_chunk("note:1", "actually we switched to retrieval")])
    assert "note:1" not in {i for i, _ in index.search("latency")}
    assert "note:1" in {i for i, _ in index.search("switched")}
    assert len(index) == 3
    index.delete(["note:1", "missing-id"])
    assert index.search("switched") == []
    assert len(index) == 2
    assert "note:1" not in index


def test_document_frequencies_follow_deletes() -> None:
    many = [_chunk(f"d#{i}", "common words everywhere") for i in range(20)]
    index = KeywordIndex([*many, _chunk("rare#1", "common rare")])
    before = dict(index.search("rare common", k=30))
    index.delete([c.id for c in many])
    after = dict(index.search("rare common", k=30))
    assert list(after) == ["rare#1"]
    # with the many other chunks gone, "common" is no longer common: its idf rises
    assert after["rare#1"] != before["rare#1"]


def test_search_matches_a_fresh_build_after_many_updates() -> None:
    index = KeywordIndex()
    for i in range(3000):
        index.add([_chunk(f"n#{i}", f"note {i} about adapters and topic{i % 17}")])
    index.delete([f"n#{i}" for i in range(0, 3000, 2)])  # triggers compaction
    index.add([_chunk("n#1", "replaced text about topic3 and adapters")])
    survivors = [_chunk(f"n#{i}", f"note {i} about adapters and topic{i % 17}") for i in range(1, 3000, 2) if i != 1]
    fresh = KeywordIndex([*survivors, _chunk("n#1", "replaced text about topic3 and adapters")])
    assert len(index) == len(fresh) == 1500
    for query in ("topic3 adapters", "topic16", "replaced"):
        got = index.search(query, k=10)
        want = fresh.search(query, k=10)
        assert [round(s, 4) for _, s in got] == [round(s, 4) for _, s in want]
        assert {i for i, _ in got} == {i for i, _ in want} or len(got) == 10


def test_private_chunks_only_for_their_channel_and_kinds_filter() -> None:
    index = KeywordIndex(
        [
            _chunk("pub#1", "adapters in public"),
            _chunk("note:priv", "adapters in private", visibility="private", channel="C1", kind="note"),
        ]
    )
    assert {i for i, _ in index.search("adapters")} == {"pub#1"}
    assert {i for i, _ in index.search("adapters", scope=SearchScope(channel="C2"))} == {"pub#1"}
    assert {i for i, _ in index.search("adapters", scope=SearchScope(channel="C1"))} == {"pub#1", "note:priv"}
    only_notes = SearchScope(channel="C1", kinds=["note"])
    assert {i for i, _ in index.search("adapters", scope=only_notes)} == {"note:priv"}


def test_search_and_score_reports_requested_ids() -> None:
    index = KeywordIndex([_chunk("a#1", "adapters"), _chunk("b#1", "retrieval")])
    hits, scores = index.search_and_score("adapters", 5, None, ids=["a#1", "b#1", "zzz"])
    assert [i for i, _ in hits] == ["a#1"]
    assert scores["a#1"] > 0 and scores["b#1"] == 0.0 and scores["zzz"] == 0.0


def test_rebuild_replaces_contents_in_place() -> None:
    index = KeywordIndex([_chunk("a#1", "adapters")])
    same = index
    index.rebuild([_chunk("b#1", "retrieval")])
    assert same.search("adapters") == [] and [i for i, _ in same.search("retrieval")] == ["b#1"]
