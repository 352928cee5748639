"""Answer lists: form fields found in free text, the criterion a label asks about, and short
answers read on the generic scale (with the shipped rubric's reading hints and with our own)."""

from __future__ import annotations

import pytest

from handlers.assess.extract import RuleExtractor
from handlers.assess.fields import FieldReader
from knowledge.rubric.model import shipped_rubric
from knowledge.rubric.reading import FieldNames, Reading

RUBRIC = shipped_rubric()
READER = FieldReader(RUBRIC.reading)
X = RuleExtractor(RUBRIC)


def answers(text: str) -> dict[str, object]:
    return dict(X.extract(text).answers)


def test_a_question_list_is_read_field_by_field() -> None:
    text = "Labelled data? none\nBudget? small\nML people? none\nDeadline? end of next week"
    assert answers(text) == {"labelled_examples": 0, "timeline": "days", "budget": "low", "ml_expertise": "none"}


def test_an_inline_list_with_hedges() -> None:
    found = answers("ML? not really. data? some spreadsheets i guess. budget? tbd, probably not much.")
    assert found == {"ml_expertise": "none", "budget": "low"}


def test_a_negation_after_the_label_wins_over_the_label_itself() -> None:
    # "ML people" alone reads as an ML team; the answer says there is none
    assert answers("we have ML people") == {"ml_expertise": "strong"}
    assert answers("- ml skills: none\n- budget: tight")["ml_expertise"] == "none"


def test_bare_fields_without_a_separator() -> None:
    assert answers("ML? one guy, kinda. budget meh.") == {"ml_expertise": "some", "budget": "low"}
    assert answers("Budget ok, ML team yes.") == {"budget": "medium", "ml_expertise": "strong"}


def test_question_and_answer_markers_and_a_label_read_with_its_answer() -> None:
    found = answers("Q: volume? A: 8k/day\nQ: ML? A: 2 data scientists")
    assert found == {"request_volume": 8000, "ml_expertise": "strong"}
    found = answers("How often does the policy change? a couple of times a year")
    assert found == {"facts_change": "rarely"}


def test_questions_and_prose_are_not_fields() -> None:
    assert READER.criterion_of("should we fine-tune anyway") is None
    assert [f.criterion for f in READER.fields("context: we are a 40-person fintech in lisbon.")] == [None]
    assert READER.fields("we are a small team and the budget is fine") == []


@pytest.mark.parametrize(
    ("answer", "level"),
    [
        ("none", "none"),
        ("nobody.", "none"),
        ("not really", "none"),
        ("tbd, probably not much", "low"),
        ("one guy, kinda", "low"),
        ("meh", "low"),
        ("ok", "mid"),
        ("plenty", "high"),
        ("yes", "yes"),
        ("some spreadsheets i guess", None),
        ("end of next week", None),
    ],
)
def test_levels_of_short_answers(answer: str, level: str | None) -> None:
    assert READER.level(answer) == level


def test_a_reading_of_our_own_maps_levels_to_its_choices() -> None:
    reading = Reading(
        answer_words={"none": ["zip"], "high": ["heaps"]},
        hedges=["like"],
        fields={"budget": FieldNames(names=["dosh"], scale={"none": "low", "high": "high"})},
    )
    reader = FieldReader(reading)
    [field] = reader.fields("dosh? like, heaps")  # normalised (lower-case) text, as the extractor gives
    assert (field.criterion, reader.value(field)) == ("budget", "high")
    [field] = reader.fields("dosh zip")
    assert (field.separated, reader.value(field)) == (False, "low")
    assert [f.criterion for f in reader.fields("budget? heaps")] == [None]


def test_a_form_field_is_read_as_the_sentence_it_abbreviates() -> None:
    found = answers("Budget: not an issue\nRequirements: frozen\nTeam - two data scientists")
    assert found == {"requirements_change": "rarely", "budget": "high", "ml_expertise": "strong"}


def test_the_copula_agrees_and_stops_at_the_first_clause() -> None:
    field = READER.fields("requirements: frozen, but the docs change weekly")[0]
    assert field.copula == "requirements are frozen"
    assert READER.fields("budget - not an issue")[0].copula == "budget is not an issue"
    assert READER.fields("Labelled data? none")[0].copula is None  # a question label
    assert READER.fields("status: we have none")[0].copula is None  # the answer has its verb
    assert "timeline" not in answers("Right now: the prompt is short.")  # not a field the rubric reads


def test_a_copula_states_a_change_only_when_the_label_is_the_subject() -> None:
    # "content" is a facts subject, but the label is a topic, and "is" no change
    found = answers("Content moderation for a forum: about half a million posts a day.")
    assert "facts_change" not in found and found["request_volume"] == 500000
    assert answers("Knowledge: clinical protocols, revised monthly")["facts_change"] == "monthly"


def test_a_bare_field_whose_sentence_was_not_ended() -> None:
    assert answers("no ml ppl, budget small Nobody here knows ML.") == {"budget": "low", "ml_expertise": "none"}
    assert answers("budget tight we have no GPUs")["budget"] == "low"


def test_a_one_word_noun_label_is_read_as_a_sentence_but_a_remark_is_not() -> None:
    assert answers("Team: 2 full-stack devs")["ml_expertise"] == "none"
    assert answers("Update: we have 5k labelled rows") == {"labelled_examples": 5000}


def test_an_ish_suffix_hedges_and_a_qualified_budget_is_a_budget_label() -> None:
    assert READER.level("low-ish") == "low" and READER.level("smallish") == "low"
    assert READER.level("english") is None
    assert X.extract("compute budget low-ish").answers == {"budget": "low"}
    assert X.extract("GPU budget: decent").answers == {"budget": "medium"}
