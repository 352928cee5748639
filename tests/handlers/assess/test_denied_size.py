"""Compute or money denied only its size ("no big GPU cluster") is a limited budget, not none and not
nothing; a bare denial, a denial of no resource and a budget that is no problem read nothing here."""

from __future__ import annotations

from handlers.assess.denied_size import denied_size
from handlers.assess.extract import RuleExtractor
from knowledge.rubric.model import shipped_rubric

RULES = RuleExtractor(shipped_rubric())


def budget(text: str) -> object:
    return RULES.extract(text).answers.get("budget")


def test_a_resource_denied_its_size_is_a_middling_budget() -> None:
    assert budget("Small data team, no big GPU cluster, and the board wants it live this year.") == "medium"
    assert budget("We have no huge cluster.") == "medium"
    assert budget("There is no serious GPU budget.") == "medium"
    assert budget("We have three ML engineers, but no large training budget.") == "medium"


def test_a_comparison_with_a_large_facility_denies_its_scale() -> None:
    assert budget("We have nothing like a GPU cluster.") == "medium"
    assert budget("What we run on is not exactly a data centre.") == "medium"


def test_a_bare_denial_of_the_resource_is_still_none() -> None:
    assert denied_size("we have no GPUs and no budget", 0) == []
    assert budget("We have no GPUs and no budget.") == "low"
    assert denied_size("we have no GPU cluster", 0) == []


def test_a_denial_of_no_resource_reads_nothing() -> None:
    assert denied_size("no big deal if it takes a month, and no huge rush", 0) == []
    assert denied_size("no big budget issue for us", 0) == []
    assert denied_size("there's no huge rush on compute", 0) == []
    assert denied_size("we have no real budget", 0) == []
    assert budget("It's no big deal if it slips.") is None


def test_a_plain_word_of_abundance_keeps_the_high_budget() -> None:
    assert budget("We have a big GPU cluster.") == "high"
    assert denied_size("we have a big GPU cluster", 0) == []
