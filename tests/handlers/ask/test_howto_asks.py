"""What a how-to question asks for: an order of steps, a curb, a thing to do without, and the words
its retrieval adds for them (pure)."""

from __future__ import annotations

import pytest

from handlers.ask.howto_asks import Spared, asks_for_steps, asks_to_curb, howto_keywords, spared, spares
from knowledge.terms import STOPWORDS


@pytest.mark.parametrize(
    ("question", "curb"),
    [
        ("how do we keep customization costs down?", True),
        ("once it's live, how do we stop quality from slipping?", True),
        ("how can we cut GPU memory when training?", True),
        ("how do I keep a fine-tune from going stale?", True),
        ("how do we set up a fine-tuning run?", False),
        ("how do we keep lots of task-specific versions of one model?", False),
    ],
)
def test_asks_to_curb(question: str, curb: bool) -> None:
    assert asks_to_curb(question) is curb


@pytest.mark.parametrize(
    ("question", "searched"),
    [
        ("how do we stop our fine-tuned model from overfitting?", True),
        ("how do we keep serving costs down?", True),
        ("how do we set up a fine-tuning run?", False),
    ],
)
def test_a_question_asking_to_curb_something_is_searched_with_the_words_for_a_means_that_curbs(
    question: str, searched: bool
) -> None:
    assert ("reduce" in howto_keywords(question).split()) is searched


@pytest.mark.parametrize(
    ("question", "searched"),
    [
        ("we start with prompts and want to train later. what's the process?", True),
        ("how do we combine the two step by step, where do we start?", True),
        ("how do we stop our fine-tuned model from overfitting?", False),
    ],
)
def test_a_question_asking_for_an_order_of_steps_is_searched_with_the_sequence_words_of_a_procedure(
    question: str, searched: bool
) -> None:
    words = howto_keywords(question).split()
    assert ("first" in words and "finally" in words) is searched
    assert not set(words) & STOPWORDS  # words the keyword index keeps


@pytest.mark.parametrize(
    ("question", "avoid", "whole"),
    [
        ("how do I feed our docs to the model without retraining it?", {"retrain"}, False),
        ("how do we do it without touching all the weights?", {"touch", "weight"}, True),
        ("how do we keep it current without another training run?", {"train"}, False),
        ("how do we keep answers current with new documents?", set(), False),
    ],
)
def test_spared_names_what_the_question_wants_to_do_without(question: str, avoid: set[str], whole: bool) -> None:
    assert spared(question) == Spared(frozenset(avoid), whole=whole)


@pytest.mark.parametrize(
    ("sentence", "spares_it"),
    [
        ("Retrieval lets knowledge change without retraining the model.", True),
        ("Prompt tuning does not change the model weights.", True),
        ("Prompts can be updated without affecting the model itself.", False),
        ("Models must be retrained as documents change.", False),
        ("Adapters update only a small subset of the parameters.", False),
    ],
)
def test_spares_is_a_means_that_works_without_the_thing(sentence: str, spares_it: bool) -> None:
    assert spares(sentence, Spared(frozenset({"retrain", "weight"}))) is spares_it


@pytest.mark.parametrize(
    ("sentence", "spares_it"),
    [
        ("Adapters update only a small subset of the parameters.", True),
        ("Prefix tuning trains only a few vectors.", True),
        ("The methods freeze most of the pre-trained weights.", True),
        ("Training updates the weights of every layer.", False),
    ],
)
def test_touching_only_part_spares_a_whole(sentence: str, spares_it: bool) -> None:
    assert spares(sentence, Spared(frozenset({"touch", "weight"}), whole=True)) is spares_it


@pytest.mark.parametrize(
    ("question", "ordered"),
    [
        ("we want to start with prompts and move to fine-tuning later. what's the process?", True),
        ("is there a known workflow for turning our logs into training data?", True),
        ("how do we get from hand-written prompts to a dataset for fine tuning?", True),
        ("where do we start with customizing a model?", True),
        ("walk me through combining prompting and fine-tuning", True),
        ("what phases should a move to a tuned model go through?", True),
        ("how do we keep customization costs down?", False),
        ("what do we need to set up for a fine-tuning run, and which knobs do we tune?", False),
        # a question that lays out its own sequence asks how to go through it
        ("we'd begin with prompting and only later train a model; how do we manage that?", True),
        ("first few-shot prompts, then a LoRA run: how do we make that work?", True),
        # a process noun that is only stated, the team's own doing something, or part of a compound asks no order
        ("the playbook changes every quarter. how do we keep the prompts current?", False),
        ("how do we keep replies in one shape? our pipeline breaks on anything else", False),
        ("how can I get better multi-step reasoning out of the base model?", False),
        ("how do we keep the bot in step with the release notes?", False),
        ("what should our process be for shipping a new prompt?", True),
        ("how do we ship a retrained model safely? any workflow you'd suggest", True),
    ],
)
def test_asks_for_steps(question: str, ordered: bool) -> None:
    assert asks_for_steps(question) is ordered
