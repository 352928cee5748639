"""Compute stated as a count of GPUs (handlers/assess/compute.py), alone and through the
rule-based extractor (no embedding matcher: these are the rules' readings)."""

from __future__ import annotations

import pytest

from handlers.assess.compute import hardware
from handlers.assess.extract import RuleExtractor
from knowledge.rubric.model import shipped_rubric

X = RuleExtractor(shipped_rubric())


def budget(text: str) -> object:
    return X.extract(text).answers.get("budget")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("there's one ML engineer and a single A100 we can borrow", "medium"),  # not the A100 of a cluster
        ("- compute: 2 GPUs, that's it", "medium"),
        ("one on-prem GPU server", "medium"),
        ("hospital IT gives us a couple of modest GPUs", "medium"),
        ("we train on a cluster of 64 H100s", "high"),
        ("a 64-GPU cluster", "high"),
        ("8 x H100", "high"),
        ("we don't have a single GPU", "low"),
    ],
)
def test_a_count_of_gpus_is_a_budget(text: str, value: str) -> None:
    assert budget(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "a decent GPU budget",  # money, read by the budget words
        "approved for roughly $250k of GPU time",  # money
        "a few GPU hours a month",  # usage
        "customers pay with two cards",  # cards, with no GPU named before
        "24 GB GPUs",  # memory, with no count
    ],
)
def test_usage_money_and_other_cards_are_no_count(text: str) -> None:
    assert hardware(text.lower()) == []


def test_a_bare_cards_counts_right_after_a_gpu_was_named() -> None:
    found = hardware("no big gpu cluster, a couple of cards at most")
    assert [(c.value, c.snippet) for c in found] == [("medium", "a couple of cards")]


def test_a_budget_stated_in_words_outranks_the_hardware() -> None:
    assert budget("Low budget, a single GPU box.") == "low"
    assert budget("We only have one A10 and a small budget") == "low"
    assert budget("renting a GPU is fine budget-wise") == "medium"


def test_hardware_shared_with_others_is_a_share_of_it() -> None:
    assert budget("We have an 8-GPU node we share with another team.") == "medium"
    assert budget("There is a shared 16-GPU cluster.") == "medium"
    assert budget("We have a 64-GPU cluster.") == "high"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Hardware: one 24 GB GPU, no money for a cluster.", "medium"),  # 24 is the card's memory
        ("a PhD student and one 48GB GPU", "medium"),
        ("there is one 80 GB card on our own server", "medium"),  # a card with its memory is a GPU
        ("a 24GB GPU", "medium"),
        ("8 x 80GB H100s", "high"),  # the count before the memory decides
        ("four 24 GB cards", "medium"),
    ],
)
def test_a_cards_memory_is_no_count(text: str, value: str) -> None:
    assert budget(text) == value
