"""bench.fact_ranks: the first rank holding each fact, and the share of each rank's facts the answer holds."""

from __future__ import annotations

from bench.fact_ranks import FactRanks, first_rank


def test_first_rank_is_one_based_case_insensitive_and_none_when_absent() -> None:
    texts = ["Prompting needs no training.", "LoRA updates Low-Rank matrices.", "low-rank again"]
    assert first_rank("low-rank matrices", texts) == 2
    assert first_rank("low-rank", texts) == 2
    assert first_rank("adapters", texts) is None


def test_summary_splits_facts_by_first_rank_and_reads_the_answer() -> None:
    ranks = FactRanks()
    texts = ["alpha beta", "gamma", "delta", "epsilon", "zeta", "omega (rank 6, not counted)"]
    ranks.add(["alpha", "gamma", "omega"], texts, answer="It says Alpha.")
    ranks.add(["zeta"], texts, answer="zeta and gamma")
    summary = ranks.summary()
    assert summary["text_coverage_at"] == {"1": 0.25, "3": 0.5, "5": 0.75}
    assert summary["by_first_rank"] == {
        "1": {"facts": 1.0, "in_answer": 1.0},
        "2": {"facts": 1.0, "in_answer": 0.0},
        "5": {"facts": 1.0, "in_answer": 1.0},
        "none": {"facts": 1.0, "in_answer": 0.0},
    }
    assert list(summary["by_first_rank"]) == ["1", "2", "5", "none"]


def test_an_empty_count_reports_zero_coverage() -> None:
    assert FactRanks().summary() == {"text_coverage_at": {"1": 0.0, "3": 0.0, "5": 0.0}, "by_first_rank": {}}
