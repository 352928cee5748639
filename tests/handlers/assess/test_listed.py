"""The rubric's listed wordings read in one clause: choice synonyms with their guards and negation,
and listed phrases."""

from __future__ import annotations

from handlers.assess.listed import choice_readings, phrase_readings
from handlers.assess.patterns import compile_patterns
from knowledge.rubric.model import shipped_rubric

PATTERNS = compile_patterns(shipped_rubric())


def choices(clause: str) -> set[tuple[str, object]]:
    return {(c.criterion, c.value) for c in choice_readings(PATTERNS, clause, 0)}


def test_a_choice_synonym_reads_its_choice_at_its_offset() -> None:
    found = choice_readings(PATTERNS, "answers must cite the source", 100)
    assert ("cite_sources", "required") in {(c.criterion, c.value) for c in found}
    assert all(c.start >= 100 for c in found)


def test_a_negated_synonym_reads_its_negated_target_or_nothing() -> None:
    assert choices("answers must cite the source") == {("cite_sources", "required")}
    assert choices("answers need not cite the source") == {("cite_sources", "not_needed")}


def test_the_rubric_guards_drop_what_is_not_the_task() -> None:
    # "our legal team" says who someone is, not that the task is legal
    assert ("domain_specialisation", "deep") not in choices("our legal team reviews the answers")
    assert ("domain_specialisation", "deep") in choices("the contracts are full of legal jargon")


def test_listed_phrases_are_ranked_as_rules() -> None:
    found = phrase_readings(PATTERNS, "we have no labelled data at all", 0)
    assert all(c.priority == 1 for c in found)
