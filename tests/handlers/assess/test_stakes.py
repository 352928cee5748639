"""How much is at stake, told by an obligation on correctness (handlers/assess/stakes.py), alone and
through the rule-based extractor (no embedding matcher)."""

from __future__ import annotations

import pytest

from handlers.assess.extract import RuleExtractor
from handlers.assess.stakes import obliged_accuracy
from handlers.assess.text_cues import normalise
from knowledge.rubric.model import shipped_rubric

X = RuleExtractor(shipped_rubric())


def _values(text: str) -> set[str]:
    return {str(c.value) for c in obliged_accuracy(normalise(text), 0)}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("it must be really accurate", "high"),
        ("so it has to be spot-on", "high"),
        ("the codes need to be dead right", "high"),
        ("the extraction has got to be highly precise", "high"),
        ("answers must be as accurate as possible", "high"),
        ("replies should be accurate", "medium"),
        ("it doesn't have to be perfect", "low"),
    ],
)
def test_an_obligation_on_correctness_sets_the_stakes(text: str, value: str) -> None:
    assert _values(text) == {value}


@pytest.mark.parametrize(
    "text",
    [
        "our old FAQ page isn't accurate any more",  # a complaint about stale facts
        "the leaflets we print are never accurate for long",
        "we need to pick the right tool",  # "right" of a choice
        "we need to be live right now",
        "the timestamps must be accurate to the minute",  # a value's precision
    ],
)
def test_correctness_words_in_other_roles_set_no_stakes(text: str) -> None:
    assert _values(text) == set()


def test_the_extractor_reads_really_accurate_as_high_stakes() -> None:
    ex = X.extract("The control room wants outage cause analysis - it must be really accurate.")
    assert ex.answers["accuracy_stakes"] == "high"
