"""What the counted noun phrase says it counts: people and organisations are no examples, finished
cases and things said to be fit to learn from are."""

from __future__ import annotations

import pytest

from handlers.assess.count_heads import counts_people, finished_cases, offered_count
from handlers.assess.extract import RuleExtractor
from knowledge.rubric.model import shipped_rubric


def _labelled(text: str) -> object:
    return RuleExtractor(shipped_rubric()).extract(text).answers.get("labelled_examples")


@pytest.mark.parametrize(
    "tail",
    [
        " partner schools marks essays against a rubric",  # an organisation, whatever cue follows
        " support agents who resolve billing tickets",
        " merchants we onboarded and verified",
        " regional offices writes tender responses",
        " radiologists who annotated scans",  # a role in -ists
        " people",
    ],
)
def test_a_count_of_people_or_organisations(tail: str) -> None:
    assert counts_people(tail)


@pytest.mark.parametrize(
    "tail",
    [
        " customer emails our agents answered",  # the singular is a modifier, the head is emails
        " doctors' notes",  # the possessive: the count is of what they own
        " emails agents wrote",  # the head came first
        " graded essays",
        " playlists",  # no role in -ists
        "",
    ],
)
def test_a_count_of_records_is_no_count_of_people(tail: str) -> None:
    assert not counts_people(tail)


@pytest.mark.parametrize(
    "tail",
    [
        " closed matters worth training on",
        " settled claim files in the archive are usable",
        " resolved tickets are good enough",
        " completed customer complaints",
    ],
)
def test_finished_cases(tail: str) -> None:
    assert finished_cases(tail)


@pytest.mark.parametrize(
    "tail",
    [
        " documents",
        " files in the archive",  # no end said: documents
        " closed accounts",  # no case
        " completed forms",
        " tickets and we closed none",  # another clause
        " closed-source repos",
    ],
)
def test_no_finished_cases(tail: str) -> None:
    assert not finished_cases(tail)


@pytest.mark.parametrize(
    ("tail", "offered"),
    [
        (" resolved tickets are good enough to learn from", True),
        (" old letters worth training on", True),
        (" past replies usable as training examples", True),
        (" files worth using as examples", True),
        (" files worth using", False),  # for what is not said
        (" pages that are good enough to read", False),
        (" tickets and they are good enough to learn from", False),  # another clause's subject
    ],
)
def test_things_said_to_be_fit_to_learn_from(tail: str, offered: bool) -> None:
    assert offered_count(tail) is offered


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Every one of our 30 partner schools marks essays against a rubric.", None),
        ("Our 60 support agents who resolve billing tickets want a helper.", None),
        ("We have 3,000 merchants we onboarded and verified.", None),
        ("We have around 1,500 closed matters, each with the letter that went out.", 1500),
        ("Only about 900 settled claim files in the archive are usable.", 900),
        ("Maybe 3,000 resolved tickets are good enough to learn from.", 3000),
        ("We have ~400 closed files.", 400),
        ("We have 2,000 documents.", None),  # documents alone are knowledge
        # the schools are no examples; what each sent is read per school (`number_pass._PER_UNIT`'s rule: the
        # count per unit is what the rubric's thresholds are about), never multiplied out
        ("Our 30 partner schools each sent 100 graded essays.", 100),
        ("We have 2,000 files in the archive.", None),
    ],
)
def test_the_head_of_the_counted_phrase_decides(text: str, expected: int | None) -> None:
    assert _labelled(text) == expected


def test_finished_cases_are_no_private_documents() -> None:
    answers = RuleExtractor(shipped_rubric()).extract("We have ~400 closed files worth using.").answers
    assert answers.get("labelled_examples") == 400
    assert "private_data" not in answers
    plain = RuleExtractor(shipped_rubric()).extract("We have ~400 files worth using.").answers
    assert plain.get("private_data") == "documents"  # files with no end said are documents
    assert "labelled_examples" not in plain
