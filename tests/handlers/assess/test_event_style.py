"""The way the output is worded, redone for each occasion (handlers/assess/event_style.py), alone and
through the rule-based extractor (no embedding matcher)."""

from __future__ import annotations

import pytest

from handlers.assess.event_style import reworded_per_occasion
from handlers.assess.extract import RuleExtractor
from handlers.assess.text_cues import normalise
from knowledge.rubric.model import shipped_rubric

X = RuleExtractor(shipped_rubric())


def _values(text: str) -> set[str]:
    return {str(c.value) for c in reworded_per_occasion(normalise(text))}


@pytest.mark.parametrize(
    "text",
    [
        "in friendly wording that our comms team rewrites for every storm",
        "in a voice that our marketing people adjust for each disruption",
        "the tone gets reworked for every campaign",
        "the copy is redone for every summer sale",
        "our style guide is updated for each new product",
    ],
)
def test_style_revised_for_each_occasion_is_changing(text: str) -> None:
    assert _values(text) == {"changing"}


@pytest.mark.parametrize(
    "text",
    [
        "we rewrite the FAQ for every release",  # knowledge, not style
        "the tone is adjusted for each message",  # one input
        "we tweak the wording every week",  # a pace, read by the change readers
        "the tone is the same for every customer",  # no revision
        "the wording is never changed for each campaign",  # denied
        "we adapt the tone for each client",  # a standing variant, variant_style's own grammar
        "the tone changes every time we run it",  # inconsistent output, not a revision
    ],
)
def test_other_revisions_or_units_are_not_read(text: str) -> None:
    assert _values(text) == set()


def test_the_extractor_reads_wording_rewritten_per_storm() -> None:
    ex = X.extract(
        "The customer side wants the system to explain outages to residents over chat, in friendly "
        "wording that our comms team rewrites for every storm."
    )
    assert ex.answers["variant_style"] == "changing"
