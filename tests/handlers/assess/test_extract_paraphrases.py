"""Metamorphic checks of the rule-based extractor: one fact told in two wordings (the one the rules
read first, and an everyday variant: another modal, an adverb, a passive, another verb of speech,
the count after the noun) reads the same; and a near wording that states something else does not."""

from __future__ import annotations

import pytest

from handlers.assess.extract import RuleExtractor
from knowledge.rubric.model import shipped_rubric

X = RuleExtractor(shipped_rubric())


def answers(text: str) -> dict[str, object]:
    return dict(X.extract(text).answers)


@pytest.mark.parametrize(
    ("first", "other", "criterion"),
    [
        # a modal, then an adverb of degree before the required quality
        ("the findings must be exact", "the findings have to be exactly right", "accuracy_stakes"),
        ("answers must be correct", "answers need to be completely accurate", "accuracy_stakes"),
        # the team counted before or after its field
        ("ML team of 6", "6 people in ML", "ml_expertise"),
        ("a single ML engineer", "one guy in ML", "ml_expertise"),
        # any verb of speech for sounding like someone
        ("it should sound like our best agents", "it should talk like our top support agents", "domain_specialisation"),
        # what may not leave: the data by any noun, or "nothing"
        ("data can't leave the hospital", "nothing may leave the hospital network", "deployment"),
        ("data can't leave the hospital", "patient records must not leave the building", "deployment"),
        # retrieval ruled out, said in the passive or of storing documents in an index
        ("retrieval is ruled out", "retrieval-based architectures are excluded", "retrieval"),
        ("no vector database", "documents may not be stored in any vector database", "retrieval"),
        # fast facts told by how recent they must be
        ("answers need the latest news", "answers must reflect market news from the last few minutes", "facts_change"),
        # a language of the team's own, by any name for it
        ("written in an in-house language", "in an in-house notation nobody knows", "domain_specialisation"),
        ("our own proprietary DSL", "our desk's proprietary shorthand", "domain_specialisation"),
        # any verb of failing, for what the base model does with the task
        ("base models keep getting the jargon wrong", "base models keep botching the jargon", "prompt_results"),
        ("our prompts struggle with the jargon", "our prompts trip over the jargon", "prompt_results"),
        # an intensified "every", and the "have" of possession contracted
        ("prices are updated every day", "prices are updated every single day", "facts_change"),
        ("we have no labelled conversations", "we've no labelled conversations", "labelled_examples"),
    ],
)
def test_one_fact_in_two_wordings_reads_the_same(first: str, other: str, criterion: str) -> None:
    expected = answers(first).get(criterion)
    assert expected is not None, first
    assert answers(other).get(criterion) == expected, other


def test_a_general_purpose_model_says_nothing_about_the_task() -> None:
    found = answers("house phrasing which general-purpose models fail to reproduce")
    assert found.get("domain_specialisation") != "general"
    assert answers("a general-purpose internal chatbot").get("domain_specialisation") == "general"


def test_a_count_of_people_in_ml_scales_with_the_count() -> None:
    assert answers("two engineers in ML").get("ml_expertise") == "strong"
    assert answers("one person in ML").get("ml_expertise") == "some"


def test_data_that_may_leave_is_not_kept_on_premise() -> None:
    assert answers("data may leave the country").get("deployment") is None


@pytest.mark.parametrize(
    "text",
    [
        # a language no public model has seen, however it is said
        "Our rules live in a proprietary configuration language.",
        "Scripts are written in a bespoke templating syntax.",
        "They use a notation which we developed in-house for lab steps.",
        "Models have never seen our control language.",
        "no public llm was ever trained on our pipeline dsl",
        # a field's dense shorthand
        "Surveyors file reports in a cryptic field shorthand.",
        "The dispatch notes are riddled with station codes and crew slang.",
        # the field's own words a general model misses
        "the stock model keeps missing the pest names growers use",
        "abbreviations that general chatbots simply don't understand",
    ],
)
def test_a_private_language_or_dense_shorthand_reads_deep(text: str) -> None:
    assert answers(text).get("domain_specialisation") == "deep"


@pytest.mark.parametrize(
    ("text", "not_value"),
    [
        ("We run an in-house language model for search.", "deep"),
        ("The listings are full of product codes.", "deep"),
        ("Whatever general chatbot we use, the answers are bland.", "general"),
    ],
)
def test_near_wordings_that_name_no_specialised_domain(text: str, not_value: str) -> None:
    assert answers(text).get("domain_specialisation") != not_value
