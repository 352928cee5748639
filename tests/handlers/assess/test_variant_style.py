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
