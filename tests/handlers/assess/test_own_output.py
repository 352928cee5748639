"""A pace of the team's own output, or of a tool it works in, is no pace of facts
(handlers/assess/own_output.py)."""

from __future__ import annotations

import pytest

from handlers.assess.own_output import own_output
from handlers.assess.patterns import Candidate


def _read(text: str, snippet: str, crit: str = "facts_change") -> list[tuple[str, str]]:
    text = text.lower()
    snippet = snippet.lower()
    start = text.index(snippet)
    out = own_output(text, [Candidate(crit, "weekly", start, len(snippet), snippet)])
    return [(c.criterion, str(c.value)) for c in out]


@pytest.mark.parametrize(
    ("text", "snippet"),
    [
        ("We publish a daily newsletter for hikers.", "we publish a daily newsletter for hikers"),
        ("Our marketing team posts on LinkedIn twice a week.", "our marketing team posts on linkedin twice a week"),
        ("Our dev team ships a new build every Tuesday.", "our dev team ships a new build every tuesday"),
        ("The monthly bulletin goes out to members.", "the monthly bulletin goes out to members"),
        ("A new episode drops every week.", "a new episode drops every week"),
        ("The mobile app gets a new release every week.", "the mobile app gets a new release every week"),
        (
            "The editor we use gets patched weekly by its vendor, but the templates have not changed.",
            "the editor we use gets patched weekly by its vendor",
        ),
        ("We also send a weekly summary email to clients.", "we also send a weekly summary email to clients"),
    ],
)
def test_a_pace_of_own_output_is_no_pace_of_facts(text: str, snippet: str) -> None:
    assert _read(text, snippet) == []


@pytest.mark.parametrize(
    ("text", "snippet"),
    [
        # the statement names what the answers draw on
        ("Our catalogue is updated weekly.", "our catalogue is updated weekly"),
        ("We publish updated prices every morning.", "we publish updated prices every morning"),
        (
            "The newsletter goes out daily and quotes rates that change every hour.",
            "the newsletter goes out daily and quotes rates that change every hour",
        ),
        ("The policy pages are updated weekly.", "the policy pages are updated weekly"),
        # the clause after it says that something changes with it
        (
            "We ship a new version every week, so the settings the bot explains keep changing.",
            "we ship a new version every week",
        ),
        # no output act at all
        ("The rules of the game change every season.", "the rules of the game change every season"),
    ],
)
def test_a_pace_of_what_the_answers_draw_on_is_kept(text: str, snippet: str) -> None:
    assert _read(text, snippet) == [("facts_change", "weekly")]


def test_a_negated_change_after_a_contrast_keeps_the_output_reading_dropped() -> None:
    text = "The app we use is updated weekly by its vendor, though the clauses haven't changed in years."
    assert _read(text, "the app we use is updated weekly by its vendor") == []


def test_other_criteria_are_left_alone() -> None:
    text = "We publish a daily newsletter."
    assert _read(text, "we publish a daily newsletter", crit="requirements_change") == [
        ("requirements_change", "weekly")
    ]


def test_a_version_of_a_document_named_in_the_same_clause_is_a_pace_of_facts() -> None:
    text = (
        "We hold 9,000 pages of tariff sheets and rate cards, new versions come out every quarter, and errors cost us."
    )
    assert _read(text, "new versions come out every quarter") == [("facts_change", "weekly")]
    # a contrast ends the clause: the gear the team uses is no document
    other = "The manuals have been stable for years, but the app we use gets new versions every week."
    assert _read(other, "the app we use gets new versions every week") == []


@pytest.mark.parametrize(
    ("text", "snippet", "kept"),
    [
        (
            "We want a bot that searches our release notes. We release three times a week.",
            "we release three times a week",
            True,
        ),
        (
            "Readers ask questions about our newsletter archive. We publish a newsletter daily.",
            "we publish a newsletter daily",
            True,
        ),
        ("We turn release notes into tweets. We release three times a week.", "we release three times a week", False),
    ],
)
def test_an_output_the_answers_draw_on_keeps_its_pace(text: str, snippet: str, kept: bool) -> None:
    assert _read(text, snippet) == ([("facts_change", "weekly")] if kept else [])
