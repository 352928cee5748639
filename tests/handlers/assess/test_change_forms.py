"""The forms of a statement of change that no rubric list names (pure): passive participles,
differences from one time to the next, publications and releases - and their look-alikes."""

from __future__ import annotations

from handlers.assess.change_forms import differences, passives, published


def test_a_passive_participle_states_a_change() -> None:
    assert [m.group(0) for m in passives("the partner list gets reshuffled roughly monthly")] == ["gets reshuffled"]
    assert passives("asking prices get knocked down whenever something sits")


def test_a_participle_of_use_states_none() -> None:
    assert not passives("the manuals are used every day")
    assert not passives("the wiki is read by everyone daily")
    assert not passives("the docs are consulted every morning and checked weekly")
    assert not passives("our IT is one contractor")


def test_a_difference_from_one_time_to_the_next_is_a_change() -> None:
    assert differences("the layout they ask for is different with every request")
    assert differences("the templates vary from week to week")


def test_a_difference_among_the_items_handled_is_none() -> None:
    assert not differences("every release we get looks different")
    assert not differences("each request is different")
    assert not differences("and every customer is so different")
    assert not differences("quality varies a lot between analysts")


def test_publications_and_releases() -> None:
    assert published("funders publish new calls all the time")
    assert published("pest pressure alerts come out weekly in spring")
    assert published("recalls are announced most weeks")
    assert published("we push a balance patch basically every week")
    assert published("a new firmware build goes out about every ten days")


def test_moving_items_along_is_no_publication() -> None:
    assert not published("we'd push roughly eighty thousand notes through it daily")
    assert not published("we run the classifier over the emails every monday")
