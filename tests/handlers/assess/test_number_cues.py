"""What a number is about: the noun phrase a denying quantifier governs."""

from __future__ import annotations

import pytest

from handlers.assess.extract import RuleExtractor
from handlers.assess.number_cues import counts_things, denied_phrase
from handlers.assess.numbers import find_numbers
from knowledge.rubric.model import shipped_rubric


@pytest.mark.parametrize(
    ("after", "phrase"),
    [
        (" labelled q&a pairs and it can give us one developer", " labelled q&a pairs"),
        (" past question-answer pairs we could use", " past question-answer pairs"),
        (" labelled example of anything", " labelled example"),
        (" budget, and 5k tickets", " budget"),
    ],
)
def test_the_phrase_ends_at_a_new_statement_or_punctuation(after: str, phrase: str) -> None:
    assert denied_phrase(after) == phrase


@pytest.mark.parametrize(
    "after", [" records can leave the building", " tickets are lost", " more than 200 examples", " 5k examples", ""]
)
def test_a_predicate_or_a_comparison_is_no_denied_quantity(after: str) -> None:
    assert denied_phrase(after) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We run shops in 9 regions and they get restocked by reviewed suppliers.", None),
        ("We have 4,000 tickets and they are all labelled.", 4000),
        ("We have 3,000 support emails our agents tagged.", 3000),
        ("The editors checked 4,500 captions.", 4500),  # the verb of making comes before the count
        ("Our reviewers have approved roughly 900 answers.", 900),
        ("Our leads signed off about 7,000 summaries.", 7000),  # approval said as a phrasal verb
        ("We keep 1,200 replies vetted by senior agents.", 1200),
        ("We keep 2k appraisals written by senior valuers.", 2000),  # made by people named by a noun
        ("We hold 2k complaints written by customers.", None),  # those who send inputs make no answers
        ("We processed 20k orders last year.", None),
    ],
)
def test_a_count_is_labelled_only_by_words_of_its_own_noun_phrase(text: str, expected: int | None) -> None:
    assert RuleExtractor(shipped_rubric()).extract(text).answers.get("labelled_examples") == expected


@pytest.mark.parametrize(
    "text",
    ["Nothing has ever been annotated.", "So far nothing is really tagged.", "No one has yet labelled anything."],
)
def test_denied_labelling_with_adverbs_is_no_examples(text: str) -> None:
    assert RuleExtractor(shipped_rubric()).extract(text).answers.get("labelled_examples") == 0


@pytest.mark.parametrize(
    ("text", "criterion", "value"),
    [
        ("Our 6,000-token system prompt is too slow.", "prompt_tokens", 6000),
        ("Each call sends a 1,500-token instruction block.", "prompt_tokens", 1500),
    ],
)
def test_a_unit_glued_by_a_hyphen_measures_like_a_spaced_one(text: str, criterion: str, value: object) -> None:
    assert RuleExtractor(shipped_rubric()).extract(text).answers.get(criterion) == value


def test_a_number_that_measures_counts_no_things() -> None:
    def counts(clause: str) -> bool:
        num = find_numbers(clause)[0]
        return counts_things(num, clause[: num.start], clause[num.end :], clause)

    assert counts("we have 8k menus our chefs wrote")
    assert not counts("about 20% of the menus")
    assert not counts("2M calls a day")
    assert not counts("we need it in 3 weeks")
    assert not counts("12 examples in the prompt")
    assert not counts("300 pages our team wrote")  # documents are knowledge


@pytest.mark.parametrize("text", ["We have briefs going back fifteen years.", "Records dating back 20 years."])
def test_a_span_reaching_back_into_the_past_is_no_deadline(text: str) -> None:
    assert "timeline" not in RuleExtractor(shipped_rubric()).extract(text).answers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We have about 80k checked documents.", 80_000),  # a participle of checking before the noun
        ("We have about 80k carefully verified shipping documents.", 80_000),
        ("We hold 12k hand-corrected transcripts.", 12_000),
        ("Staff ask questions about roughly 50k documents checked into our document system.", None),  # stored
        ("We keep 20k checked-in files on the share.", None),
    ],
)
def test_checked_things_are_labelled_stored_ones_are_not(text: str, expected: int | None) -> None:
    found = RuleExtractor(shipped_rubric()).extract(text).answers
    assert found.get("labelled_examples") == expected
    if expected is not None:
        assert "private_data" not in found  # examples, not a corpus to look things up in


@pytest.mark.parametrize(
    "text",
    [
        "We send a 2,500-token instruction block with 30 worked examples on every call.",
        "Our system message carries 25 examples.",
        "The prompt ships 12 demos with each request.",
    ],
)
def test_examples_sent_with_every_request_are_few_shot_context(text: str) -> None:
    assert "labelled_examples" not in RuleExtractor(shipped_rubric()).extract(text).answers


def test_prompt_examples_leave_the_labelled_count_to_the_corrected_set() -> None:
    text = (
        "We send a 2,500-token instruction block with 30 worked examples on every call. "
        "We have 60k listings that staff corrected by hand."
    )
    assert RuleExtractor(shipped_rubric()).extract(text).answers["labelled_examples"] == 60_000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It must be live within two weeks of sign-off.", "weeks"),  # a span counted from an event
        ("We have eight years of annotated reports.", None),  # an amount of history
        ("We collected 2 weeks of sensor logs.", None),
        ("Rows must be in the database within a week of each survey.", None),  # a turnaround that recurs
    ],
)
def test_a_span_of_an_event_within_which_is_a_deadline(text: str, expected: str | None) -> None:
    assert RuleExtractor(shipped_rubric()).extract(text).answers.get("timeline") == expected
