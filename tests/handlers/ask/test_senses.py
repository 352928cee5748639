from __future__ import annotations

import pytest

from handlers.ask.senses import other_senses, without_other_senses


@pytest.mark.parametrize(
    ("question", "sense"),
    [
        ("how do I build a DCF model for a bakery?", "DCF model"),
        ("which software makes the best 3D models?", "3D models"),
        ("my niece wants to become a model", "become a model"),
        ("what's a good training plan for a 10k?", "training plan"),
        ("how do I train my new hires on the till?", "train my new hires"),
        ("is safety training required for volunteers?", "safety training"),
        ("any tips for getting prompt payment from clients?", "prompt payment"),
        ("best data recovery service near me?", "data recovery"),
        ("which HDMI adapter fits a monitor?", "HDMI adapter"),
    ],
)
def test_the_neighbour_decides_another_fields_sense(question: str, sense: str) -> None:
    assert any(sense in found for found in other_senses(question))


def test_a_word_about_an_animal_or_a_sport_decides_train_anywhere_in_the_question() -> None:
    question = "my dog ignores me at the park. how do I train a better recall?"
    assert other_senses(question) == ["train"]
    assert "train" not in without_other_senses(question)


def test_a_gpu_used_for_gaming_is_hardware_but_a_gpu_alone_is_not() -> None:
    assert other_senses("how do I tune my gaming GPU overclock?") == ["GPU"]
    assert other_senses("does the model need a GPU to fine-tune?") == []


@pytest.mark.parametrize(
    "question",
    [
        "how do we train the model on our support tickets?",
        "what is a language model?",
        "should we fine-tune or write better prompts?",
        "how does the retrieval step in RAG work?",
        "what are adapters in PEFT?",
        "can we train it on notes our nurses wrote?",
    ],
)
def test_the_fields_own_senses_are_left_alone(question: str) -> None:
    assert other_senses(question) == []
    assert without_other_senses(question) == question


def test_blanking_keeps_the_words_around_the_other_sense() -> None:
    rest = without_other_senses("how do we train the bot for our sales team?")
    assert "train" not in rest
    assert "the bot" in rest
