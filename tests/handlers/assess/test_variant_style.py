"""Variants that each keep their own style or rules, and whether those change: read from the
sentence's grammar, what is owned placed by similarity on the shipped ONNX model."""

from __future__ import annotations

from functools import cache

import pytest

from handlers.assess.extract import RuleExtractor
from handlers.assess.semantic import OptionMatcher
from knowledge.embeddings import get_onnx_embedder
from knowledge.rubric.model import shipped_rubric

RUBRIC = shipped_rubric()


@cache
def extractor() -> RuleExtractor:
    return RuleExtractor(RUBRIC, OptionMatcher(RUBRIC, get_onnx_embedder))


def style(text: str) -> str | None:
    value = extractor().extract(text).answers.get("variant_style")
    assert value is None or isinstance(value, str)
    return value


@pytest.mark.parametrize(
    "text",
    [
        "Every franchise writes its menus in its own voice, and head office revises those voice rules monthly.",
        "Our 12 publications each follow their own house style, which the editors update every few weeks.",
    ],
)
def test_per_variant_style_that_is_revised_is_changing(text: str) -> None:
    assert style(text) == "changing"


@pytest.mark.parametrize(
    "text",
    [
        "Each publisher keeps its own tone, which never changes once it is agreed.",
        "All partners have their own wording rules and they are stable.",
    ],
)
def test_per_variant_style_that_stays_is_fixed(text: str) -> None:
    assert style(text) == "fixed"


@pytest.mark.parametrize(
    "text",
    [
        "Each franchise has its own tone.",  # no change said: nothing read
        "Each region keeps its own price list, updated weekly.",  # knowledge, not style
        "Each customer gets its own model and we retrain them monthly.",  # a stored variant
        "Our tone changes every month.",  # one style, no variants
    ],
)
def test_other_sentences_state_no_per_variant_style(text: str) -> None:
    assert style(text) is None


def variants(text: str) -> str | None:
    value = extractor().extract(text).answers.get("task_variants")
    assert value is None or isinstance(value, str)
    return value


@pytest.mark.parametrize(
    "text",
    [
        "Each of our 12 product lines has its own ticket categories.",  # owned requirements
        "Every one of our 25 regional offices needs its own flavour of the classifier.",  # a version of the model
        "Our 40 partner hotels each want the replies in their own voice and phrasing.",  # owned style
        "Every character in the game should speak in a manner of its own.",  # "of its own"
        "Each of our 30 clients wants a slightly different tone.",  # a word that sets them apart
        "Every customer gets a personalised version of the bot.",  # one made for each
        "Each publisher keeps its own tone, which never changes once it is agreed.",  # fixed: a lasting variant
    ],
)
def test_units_that_each_keep_their_own_behaviour_are_stored_variants(text: str) -> None:
    assert variants(text) == "per_task"


@pytest.mark.parametrize(
    "text",
    [
        "Every request our agents get has its own format.",  # a difference between inputs, not a unit
        "Each of our 120 stores has its own stock list and opening hours.",  # knowledge: facts
        "Our 12 publications each follow their own house style, which the editors update every few weeks.",  # changing
        "We don't need each client to have its own tone.",  # denied
        "About 300 small businesses use the same FAQ bot.",  # one behaviour shared
        "Each store has different opening hours.",  # knowledge that differs
        "Every team uses it for their own work.",  # one tool used by many for their own tasks
    ],
)
def test_inputs_knowledge_revised_styles_and_denials_are_no_stored_variants(text: str) -> None:
    assert variants(text) is None


def test_per_unit_vocabulary_is_a_moderate_domain_not_a_deep_one() -> None:
    text = "Each of our 200 clients wants the bot to answer in its own terminology and tone."
    assert extractor().extract(text).answers.get("domain_specialisation") == "moderate"
