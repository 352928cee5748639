"""Counted collections: the counted phrase (pure), and whether it names past outputs of the task
(examples to learn from) or reference documents (knowledge), by similarity on the shipped ONNX model."""

from __future__ import annotations

from functools import cache

import pytest

from handlers.assess.counted import CountedClassifier, counted_phrase
from handlers.assess.extract import RuleExtractor
from handlers.assess.semantic import OptionMatcher
from knowledge.embeddings import get_onnx_embedder
from knowledge.rubric.model import shipped_rubric

RUBRIC = shipped_rubric()


@cache
def matcher() -> OptionMatcher:
    return OptionMatcher(RUBRIC, get_onnx_embedder)


@cache
def extractor() -> RuleExtractor:
    return RuleExtractor(RUBRIC, matcher())


def test_the_counted_phrase_is_the_words_after_the_number_to_the_end_of_its_clause() -> None:
    assert counted_phrase(" menus our chefs wrote. Prices change", "we have", "") == "menus our chefs wrote"


def test_a_bare_count_names_its_things_in_the_words_before_it() -> None:
    phrase = counted_phrase(" of them", "about", "we archived every quote our estimators sent")
    assert phrase == "we archived every quote our estimators sent about of them"


@pytest.mark.parametrize(
    "phrase",
    [
        "menus our chefs wrote by hand",
        "we archived every quote our estimators sent about of them",
        "grant applications our reviewers scored",
    ],
)
def test_work_the_team_produced_is_past_outputs(phrase: str) -> None:
    assert CountedClassifier(matcher()).past_outputs(phrase)


@pytest.mark.parametrize(
    "phrase",
    ["safety data sheets and operating manuals", "pages of tax regulations", "franchise stores", "warehouse staff", ""],
)
def test_reference_documents_and_other_things_are_not(phrase: str) -> None:
    assert not CountedClassifier(matcher()).past_outputs(phrase)


def test_a_count_of_past_outputs_is_a_count_of_labelled_examples() -> None:
    found = extractor().extract("We have 8k menus our chefs wrote by hand over the years.").answers
    assert found.get("labelled_examples") == 8000


def test_a_bare_count_of_past_outputs_is_read_from_the_clause_before() -> None:
    found = extractor().extract("We archived every quote our estimators sent, roughly 30k of them.").answers
    assert found.get("labelled_examples") == 30000


def test_a_count_of_reference_documents_is_not_examples() -> None:
    found = extractor().extract("Answers come from 4,000 safety data sheets and operating manuals.").answers
    assert "labelled_examples" not in found


def test_examples_in_the_prompt_are_still_not_training_data() -> None:
    found = extractor().extract("Our prompt already carries 25 quotes our estimators sent.").answers
    assert "labelled_examples" not in found


@pytest.mark.parametrize(("phrase", "other"), [("existing customers", True), ("franchise stores", True),
                                               ("resolved tickets", False), ("decision letters", False)])
def test_other_things_are_told_only_when_clearly_closest(phrase: str, other: bool) -> None:
    assert CountedClassifier(matcher()).other_thing(phrase) is other
