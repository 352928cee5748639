"""Which reading of a criterion wins (handlers.assess.selection), on the shipped rubric, without models."""

from __future__ import annotations

from handlers.assess.patterns import Candidate
from handlers.assess.selection import best_readings, fill_fallbacks, unread
from knowledge.rubric.model import shipped_rubric

RUBRIC = shipped_rubric()


def test_numbers_beat_phrases_and_the_faster_pace_governs() -> None:
    number = Candidate("labelled_examples", 5000, 0, 5, "5k examples", priority=2)
    phrase = Candidate("labelled_examples", 100, 20, 30, "a few hundred examples we liked", priority=1)
    weekly = Candidate("facts_change", "weekly", 40, 30, "the prices change every week")
    daily = Candidate("facts_change", "daily", 5, 10, "stock daily")
    best = best_readings(RUBRIC, [number, phrase, weekly, daily], inputs=[])
    assert best["labelled_examples"] is number and best["facts_change"] is daily


def test_a_pace_read_inside_the_task_s_own_inputs_is_no_fact() -> None:
    arrivals = Candidate("facts_change", "daily", 10, 20, "new products come in daily")
    assert "facts_change" not in best_readings(RUBRIC, [arrivals], inputs=[(0, 60)])


def test_an_embedding_match_gives_no_second_answer_for_a_statement_a_rule_read_whole() -> None:
    statement = Candidate("budget", "low", 0, 900, "we can't afford mistakes", priority=-1)
    rule = Candidate("accuracy_stakes", "high", 0, 24, "we can't afford mistakes")
    assert unread([statement], [rule]) == []
    assert unread([statement], []) == [statement]


def test_fallbacks_fill_only_what_nothing_else_read() -> None:
    text = "nobody here codes. the material is confidential."
    best: dict[str, Candidate] = {}
    fill_fallbacks(RUBRIC, best, text)
    assert best["ml_expertise"].value == "none" and best["private_data"].value == "datasets"
    strong = Candidate("ml_expertise", "strong", 0, 8, "ML team")
    best = {"ml_expertise": strong}
    fill_fallbacks(RUBRIC, best, text)
    assert best["ml_expertise"] is strong
