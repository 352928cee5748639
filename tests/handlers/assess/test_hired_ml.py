"""ML skill bought in for the training (handlers/assess/hired_ml.py), alone and through the
rule-based extractor (no embedding matcher: the rules' readings)."""

from __future__ import annotations

import pytest

from handlers.assess.extract import RuleExtractor
from handlers.assess.hired_ml import hired_skill
from knowledge.rubric.model import shipped_rubric

X = RuleExtractor(shipped_rubric())


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("we can afford a contractor for lora", "contractor for lora"),
        ("budget to hire a freelancer for the adapter fine-tuning", "freelancer for the adapter fine-tuning"),
        ("we'd outsource the lora training", "outsource the lora training"),
        (
            "the fine-tuning would be done by an outside consultant",
            "fine-tuning would be done by an outside consultant",
        ),
        ("an ml consultancy to train the model", "ml consultancy to train the model"),
    ],
)
def test_a_hire_named_for_a_training_method_is_some_expertise(text: str, said: str) -> None:
    assert [(c.value, c.snippet) for c in hired_skill(text, 0)] == [("some", said)]


@pytest.mark.parametrize(
    "text",
    [
        "we'll pay a contractor to embed the chat widget on our site",  # hired, but not for training
        "a consultant who knows our legal domain",
        "a consultant for training our staff",  # training people, not models
        "we can't afford a consultant for fine-tuning",  # a denied hire
        "no budget for a freelancer to do the lora training",
    ],
)
def test_other_hires_and_denied_hires_read_nothing(text: str) -> None:
    assert hired_skill(text, 0) == []


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Nobody here trains models, but we have budget to hire a freelancer for the adapter fine-tuning.", "some"),
        ("Farmer co-op, two office staff. We can afford a contractor for LoRA.", "some"),
        ("Two office staff and a contractor to build the website.", "none"),  # the no-ML fallback stays
    ],
)
def test_the_extractor_reads_the_hire_over_a_shorter_denial(text: str, level: str) -> None:
    assert X.extract(text).answers["ml_expertise"] == level
