"""Prompts kept beside a trained model (handlers/assess/kept_prompts.py), alone and through the
rule-based extractor and the shipped rubric's hybrid needs."""

from __future__ import annotations

import pytest

from handlers.assess.engine import score
from handlers.assess.extract import RuleExtractor
from handlers.assess.kept_prompts import kept_prompts
from knowledge.rubric.model import shipped_rubric

RUBRIC = shipped_rubric()
X = RuleExtractor(RUBRIC)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "We want to use those to train, and still keep prompts to handle the odd clause variants.",
            "keep prompts to handle the odd clause variants",
        ),
        (
            "We plan to fine-tune on them, keeping a prompt layer on top for the unusual cases.",
            "keeping a prompt layer on top for the unusual cases",
        ),
        (
            "Build a training set, fine-tune, and then keep refining prompts for new dispute types.",
            "then keep refining prompts",
        ),
        ("A LoRA adapter for the core, and we retain the prompts for edge cases.", "retain the prompts for edge cases"),
        # what the prompts are kept for, told by a noun of adjustment or by a distributive
        (
            "Train a model on the corrections, then keep prompts on top for per-case tweaks (tone, regional rules).",
            "keep prompts on top for per-case tweaks",
        ),
        (
            "We'd fine-tune on the edits and still keep a prompt layer for the per-customer touches.",
            "keep a prompt layer for the per-customer touches",
        ),
        ("Fine-tune the core; retain prompts for client-specific rules.", "retain prompts for client-specific rules"),
        ("LoRA on the archive, and keep our prompts for small adjustments.", "keep our prompts for small adjustments"),
    ],
)
def test_a_training_plan_that_keeps_prompts_for_what_is_left(text: str, said: str) -> None:
    found = kept_prompts(text)
    assert found is not None and found.group(0) == said


@pytest.mark.parametrize(
    "text",
    [
        "We just want to keep our prompts as they are and move to a newer model.",  # no training in view
        "Keep our prompts for the edge cases and move to a newer model; no training.",  # training denied
        "We won't fine-tune anything; we keep prompts to handle the odd variants.",
        "We want a fine-tuned model to replace the prompt setup entirely.",  # prompts replaced, not kept
        "We fine-tune on 5k examples and keep the outputs for audits.",
        # a purpose of keeping that is no share of the work
        "We fine-tune on 3k letters and keep the old prompt for comparison.",
        "We are training a model but keep our prompts for now.",
        "We fine-tune on 3k letters and keep the prompts for reference.",
        "We fine-tune, and we still use prompts for everything.",
    ],
)
def test_kept_prompts_without_a_training_plan_or_training_alone_read_nothing(text: str) -> None:
    assert kept_prompts(text) is None


def test_the_plan_carries_the_prompt_half_of_a_hybrid() -> None:
    text = (
        "Prompting stalls at 80% on our claim extraction. We have 7k corrected cases to train on and an ML team, "
        "and we will still keep prompts to handle the odd clause variants."
    )
    answers = X.extract(text).answers
    assert answers["prompt_layer"] == "kept"
    assert score(RUBRIC, answers).top == "hybrid"
    answers.pop("prompt_layer")
    assert score(RUBRIC, answers).top != "hybrid"
