"""Counted frequencies: "twice a year", "a few times a month", "every 2 weeks", arrivals."""

from __future__ import annotations

import re

import pytest

from handlers.assess.frequency import arrivals, counted_frequencies, frequency_mentions, item_events, period_choice
from handlers.assess.patterns import compile_patterns
from handlers.assess.text_cues import RATE
from knowledge.rubric.model import shipped_rubric

PERIODS = shipped_rubric().frequency_periods


@pytest.mark.parametrize(
    ("text", "choice"),
    [
        ("revised maybe twice a year", "rarely"),
        ("amended a few times a month", "weekly"),
        ("it changes 3 times a day", "daily"),
        ("once a month", "monthly"),
        ("every 2 weeks or so", "weekly"),
        ("every other day", "weekly"),  # as the rubric's fixed phrase says
        ("every six months", "rarely"),
        ("once every quarter", "monthly"),
    ],
)
def test_a_counted_phrase_gives_a_pace(text: str, choice: str) -> None:
    found = counted_frequencies(text)
    assert found, text
    assert period_choice(found[0].period_days, PERIODS) == choice


@pytest.mark.parametrize(
    ("text", "choice"),
    [
        ("the schema hasn't changed in a year", "rarely"),
        ("those forms have not been touched for two years", "rarely"),
        ("the menu hasn't moved in the past 18 months", "rarely"),
        ("the rota hasn't changed in a week", "weekly"),
    ],
)
def test_a_denied_change_over_a_span_is_a_pace_of_that_span(text: str, choice: str) -> None:
    found = counted_frequencies(text)
    assert len(found) == 1, text
    assert period_choice(found[0].period_days, PERIODS) == choice


def test_a_span_without_a_denied_change_is_no_pace() -> None:
    assert counted_frequencies("we changed it in a week") == []
    assert counted_frequencies("we need it live in a month") == []


def test_a_bare_count_per_unit_is_not_a_pace() -> None:
    assert counted_frequencies("3 a day") == []  # a volume: number_cues reads it
    assert counted_frequencies("2 weeks to ship") == []


def test_arrivals_count_only_for_the_named_nouns() -> None:
    nouns = re.compile(r"\b(?:bulletins?|docs?)\b")
    found = arrivals("we get 3 new regulatory bulletins a day", nouns)
    assert [period_choice(c.period_days, PERIODS) for c in found] == ["daily"]
    assert arrivals("roughly 400k new listings a day", nouns) == []


def test_a_counted_phrase_hides_the_fixed_phrase_inside_it() -> None:
    fixed = [("monthly", re.compile(r"a month")), ("daily", re.compile(r"a day"))]
    rate = re.compile(r"\d+\s+[a-z]+\s+$")
    assert frequency_mentions("changed a few times a month", PERIODS, fixed, rate) == [("weekly", 8, 27)]
    assert frequency_mentions("100 requests a day", PERIODS, fixed, rate) == []


def test_a_recurring_event_is_a_pace_unless_the_clause_states_one() -> None:
    def choices(text: str) -> list[str]:
        return [c for c, _, _ in frequency_mentions(text, PERIODS, [], re.compile(r"$^"))]

    assert choices("the style changes with every campaign") == ["weekly"]
    assert choices("the checklist gets redone each time a client renews") == ["weekly"]
    assert choices("the voice flips whenever we land a new account") == ["weekly"]
    assert choices("it changes for each new client") == ["weekly"]
    # a time unit is not an event, and a stated pace governs the events of its clause
    assert choices("it changes with every 2 weeks") == ["weekly"]
    assert choices("we answer every question") == []
    assert choices("the manuals are reissued with every release, about twice a year") == ["rarely"]


def test_an_event_that_happens_many_times_a_day_is_faster_than_daily() -> None:
    def choices(text: str) -> list[str]:
        return [c for c, _, _ in frequency_mentions(text, PERIODS, [], re.compile(r"$^"))]

    assert choices("records change with every transaction") == ["daily"]
    assert choices("prices move with each order") == ["daily"]
    assert choices("the offer changes for every new booking") == ["daily"]
    assert choices("the style changes with every campaign") == ["weekly"]  # not one of them
    assert item_events("loaded for each request and tuned with every campaign") == [(7, 23)]


def test_a_vague_word_just_before_a_counted_pace_hedges_it() -> None:
    rubric = shipped_rubric()
    fixed = compile_patterns(rubric).frequencies
    found = frequency_mentions("sometimes several times a month", rubric.frequency_periods, fixed, RATE)
    assert [choice for choice, _, _ in found] == ["weekly"]


def test_from_one_item_to_the_next_and_a_bare_every_time_are_paces() -> None:
    def choices(text: str) -> list[str]:
        return [c for c, _, _ in frequency_mentions(text, PERIODS, [], re.compile(r"$^"))]

    # each time the task is done: one item at a time, faster than daily
    assert choices("the drafts look different every time") == ["daily"]
    assert choices("the layout changes from one request to the next") == ["daily"]
    assert choices("the layout changes from request to request") == ["daily"]
    # an event not on the per-item list keeps the event pace
    assert choices("the voice differs from one client to the next") == ["weekly"]
    assert choices("the voice differs from client to client") == ["weekly"]
    # a time unit is no event ("from week to week" is the rubric's fixed phrase), nor are two nouns
    assert choices("it changes from one week to the next") == []
    assert choices("we drive from home to office") == []
    # "every time" followed by its event is that event, as before
    assert choices("the checklist gets redone every time a client renews") == ["weekly"]
