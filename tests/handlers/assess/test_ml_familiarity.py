"""ML skill told as familiarity (handlers/assess/ml_familiarity.py), alone and through the
rule-based extractor (no embedding matcher: the rules' readings)."""

from __future__ import annotations

import pytest

from handlers.assess.extract import RuleExtractor
from handlers.assess.ml_familiarity import familiar_skill
from knowledge.rubric.model import shipped_rubric

X = RuleExtractor(shipped_rubric())


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("we have two ml-literate staff", "ml-literate"),
        ("the analytics crew is data-savvy", "data-savvy"),
        ("one engineer fluent in machine learning", "fluent in machine learning"),
        ("developers who are comfortable with pytorch", "comfortable with pytorch"),
        ("a colleague with experience training lora adapters", "experience training lora"),
        ("quant dev team of four", "quant dev"),
        ("two statisticians", "statisticians"),
    ],
)
def test_familiarity_with_ml_is_some_expertise(text: str, said: str) -> None:
    assert [(c.value, c.snippet) for c in familiar_skill(text, 0)] == [("some", said)]


@pytest.mark.parametrize(
    "text",
    [
        "our staff are tech-savvy",  # computing in general is no ML skill
        "we are computer-literate",
        "quant risk at an investment bank",  # a desk, not a person
        "we sell transformers to utilities",
    ],
)
def test_familiarity_with_computing_in_general_reads_nothing(text: str) -> None:
    assert familiar_skill(text, 0) == []


def test_a_denied_familiarity_is_none() -> None:
    assert [c.value for c in familiar_skill("nobody here is ml-literate", 0)] == ["none"]


def test_a_group_that_trains_models_is_strong() -> None:
    found = familiar_skill("an applied science group that trains transformer models routinely", 0)
    assert [(c.value, c.snippet) for c in found] == [("strong", "group that trains transformer models")]


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Our ML team is fluent in PyTorch.", "strong"),  # the trade named wins over familiarity
        ("Two backend developers who are comfortable with PyTorch.", "some"),  # beats the no-ML fallback
        ("Three developers who can follow a tutorial.", "none"),
        ("We have two senior analysts.", "none"),
    ],
)
def test_the_extractor_ranks_familiarity_below_a_named_trade(text: str, level: str) -> None:
    assert X.extract(text).answers["ml_expertise"] == level
