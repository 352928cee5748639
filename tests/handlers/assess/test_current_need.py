"""A need for current facts said of the answers: a predicate of the answers (or of what gives them),
ranked below any stated pace (pure)."""

from __future__ import annotations

import pytest

from handlers.assess.current_need import PRIORITY, VALUE, current_needs
from handlers.assess.extract import RuleExtractor
from knowledge.rubric.model import shipped_rubric

X = RuleExtractor(shipped_rubric())


@pytest.mark.parametrize(
    "clause",
    [
        "answers must be current",
        "the replies have to stay up to date",
        "the assistant should always be up-to-date",
        "we don't want a model that's out of date the day after someone edits a protocol",
        "we can't afford answers going stale",
        "what it tells people must never be out of date",
    ],
)
def test_a_need_for_current_answers_reads_facts_that_move(clause: str) -> None:
    (found,) = current_needs(clause, 0)
    assert (found.criterion, found.value, found.priority) == ("facts_change", VALUE, PRIORITY)


@pytest.mark.parametrize(
    "clause",
    [
        "our current answers must be shorter",  # an attribute, no need
        "the current model is too slow",
        "the prompt has to stay current with the brand",  # not the answers
        "answers must be concise",
        "the data is out of date, so we cleaned it",  # a state, not a need of the answers
    ],
)
def test_a_current_word_that_states_no_need_reads_nothing(clause: str) -> None:
    assert current_needs(clause, 0) == []


def test_a_stated_pace_governs_over_the_need() -> None:
    said = "student services bot. handbook redone every semester. answers must be current."
    assert X.extract(said).answers.get("facts_change") == "monthly"
    assert X.extract("student services bot. answers must be current.").answers.get("facts_change") == VALUE
