"""A measured score of prompting against the team's target: short of it reads plateaued, meeting
it reads working; a score of something other than prompting, or a number the team needs that is
no score's target, reads nothing."""

from __future__ import annotations

from handlers.assess.extract import RuleExtractor
from handlers.assess.targets import score_against_target
from knowledge.rubric.model import shipped_rubric

RULES = RuleExtractor(shipped_rubric())


def reading(text: str) -> object:
    return RULES.extract(text).answers.get("prompt_results")


def test_a_score_short_of_the_target_in_the_next_clause_is_a_plateau() -> None:
    assert reading("prompting gets ~70%, we need 90+.") == "plateaued"
    assert reading("Our few-shot setup lands at 81 per cent; the client expects 95 per cent.") == "plateaued"


def test_a_score_and_its_target_in_one_clause() -> None:
    assert reading("Prompting tops out at 80% against a 95% target.") == "plateaued"
    assert reading("The prompted classifier hits 64% and the bar is 85%.") == "plateaued"


def test_a_count_out_of_a_total_and_a_bare_floor_on_its_scale() -> None:
    assert reading("GPT-4 got 12 out of 20 answers right; the auditors want no fewer than 18.") == "plateaued"
    assert reading("GPT-4 got 19 out of 20 answers right; the auditors want at least 18.") == "working"


def test_the_target_may_come_first_and_a_metric_may_be_a_fraction() -> None:
    assert reading("We need 95% accuracy, prompting gets 80%.") == "plateaued"
    assert reading("The prompted model's F1 is 0.71 and we need 0.9.") == "plateaued"
    assert reading("The prompted model's F1 is 0.93 and we need 0.9.") == "working"


def test_a_score_that_meets_the_target_works() -> None:
    assert reading("A zero-shot prompt reaches 96% and 92% is all we need.") == "working"
    assert reading("Claude with our prompt gets 9/10 tickets right, which is all we need.") == "working"
    assert reading("Our prompts hit 88% recall; 85% would be acceptable.") == "working"


def test_no_prompting_or_no_target_reads_nothing() -> None:
    assert reading("Our rules engine gets 70%, we need 90+.") is None
    assert reading("The prompted model is right 97% of the time; we need 3 engineers for the rollout.") is None
    assert score_against_target("we need 90+", 20, "80% of our tickets are in english") == []
    assert reading("We need 99.9% uptime and GPT-4 reaches 95% accuracy.") is None


def test_the_evidence_holds_the_score_and_the_target() -> None:
    found = score_against_target("we need 90+", 21, "prompting gets ~70%")
    assert [(c.value, c.snippet) for c in found] == [("plateaued", "prompting gets ~70%, we need 90+")]
