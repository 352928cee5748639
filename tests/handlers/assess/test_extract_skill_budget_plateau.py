"""Rubric readings of round 18s (knowledge/rubric/rubric.yaml, read by the rule extractor): a team of
our own that can train models is ML skill; a real/proper budget is sizeable; a budget set aside for
GPUs or training is at least medium unless it is tiny or denied; prompting that stopped improving is a
plateau. Each with counter-examples where the same words state something else."""

from __future__ import annotations

import pytest

from handlers.assess.extract import RuleExtractor
from knowledge.rubric.model import shipped_rubric

X = RuleExtractor(shipped_rubric())


def answers(text: str) -> dict[str, object]:
    return dict(X.extract(text).answers)


@pytest.mark.parametrize(
    "text",
    [
        "we have a quant dev team who can train models",
        "our biostatistics people know how to train models",
        "our analytics group is able to fine-tune models",
        "an in-house research unit that can train models",
    ],
)
def test_a_team_of_our_own_that_can_train_is_strong(text: str) -> None:
    assert answers(text).get("ml_expertise") == "strong"


def test_one_person_who_can_train_is_some() -> None:
    assert answers("we have one developer who can fine-tune models").get("ml_expertise") == "some"


def test_someone_elses_team_that_can_train_is_not_ours() -> None:
    assert answers("our software vendor has a team who can train models").get("ml_expertise") != "strong"


def test_a_clause_about_people_states_no_budget() -> None:
    assert answers("we have a quant dev team who can train models").get("budget") is None


@pytest.mark.parametrize(
    "text", ["we have a real budget", "there is a proper budget for this", "a real compute budget"]
)
def test_a_real_or_proper_budget_is_high(text: str) -> None:
    assert answers(text).get("budget") == "high"


@pytest.mark.parametrize("text", ["we have no real budget", "we don't have a proper budget"])
def test_a_denied_real_budget_is_low(text: str) -> None:
    assert answers(text).get("budget") == "low"


@pytest.mark.parametrize(
    "text",
    [
        "we have an ML engineer and a modest GPU budget",
        "a small training budget",
        "some money set aside for renting GPUs",
        "funds earmarked for fine-tuning",
    ],
)
def test_a_budget_for_gpus_or_training_is_medium(text: str) -> None:
    assert answers(text).get("budget") == "medium"


@pytest.mark.parametrize(
    "text",
    [
        "a tiny GPU budget",
        "our budget is small",
        "a modest budget, API calls only, no GPUs",
        "a limited compute budget",
    ],
)
def test_a_tiny_or_plain_small_budget_stays_low(text: str) -> None:
    assert answers(text).get("budget") == "low"


@pytest.mark.parametrize(
    "text",
    [
        "prompted routing stopped improving months ago",
        "our prompts have levelled off",
        "prompt engineering stalled at 80%",
        "the few-shot setup has hit its ceiling",
    ],
)
def test_prompting_that_stopped_improving_is_a_plateau(text: str) -> None:
    assert answers(text).get("prompt_results") == "plateaued"


@pytest.mark.parametrize(
    "text", ["ridership stopped improving after the fare change", "sales have levelled off this year"]
)
def test_something_else_that_stalled_is_no_plateau_of_prompting(text: str) -> None:
    assert answers(text).get("prompt_results") != "plateaued"
