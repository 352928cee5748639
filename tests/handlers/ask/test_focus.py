"""What a question names (handlers.ask.focus): concepts, and the main approaches in everyday words."""

from __future__ import annotations

import pytest

from handlers.ask.focus import distinct_concepts, plain_keywords, plain_named, sides_named


@pytest.mark.parametrize(
    ("question", "keys"),
    [
        ("training our own model vs just writing better instructions: which one is cheaper?",
         ["fine_tuning", "prompt_engineering"]),
        ("custom-trained model or a prompted base model - which one is more accurate?",
         ["fine_tuning", "prompt_engineering"]),
        ("a model we train on our data or a model we only prompt?", ["prompt_engineering", "fine_tuning"]),
        ("PE vs FT for a chatbot?", ["fine_tuning"]),
        # the rubric's everyday names for fine-tuning are the comparison's too (one list)
        ("custom model or a library of prompts?", ["fine_tuning", "prompt_engineering"]),
        ("baking the knowledge into the model vs a prompt?", ["fine_tuning", "prompt_engineering"]),
        # the passive: a model that is (re)trained
        ("once a model is trained on our stuff, can we still edit it like a prompt?",
         ["fine_tuning", "prompt_engineering"]),
    ],
)
def test_the_main_approaches_are_recognised_in_everyday_words(question: str, keys: list[str]) -> None:
    assert sorted(c.key for c in sides_named(question)) == sorted(keys)


def test_everyday_names_come_in_question_order_and_name_nothing_inside_a_concept() -> None:
    assert [c.key for c in plain_named("a prompted model or one we retrain from scratch, a tuned model?")] == [
        "prompt_engineering", "fine_tuning"]
    assert plain_named("prompt tuning vs PEFT vs full FT") == []  # "FT" is part of "full FT"
    assert plain_named("how do we deploy the model behind our API?") == []


def test_supervised_fine_tuning_and_full_ft_are_concepts_of_their_own() -> None:
    assert [c.key for c in distinct_concepts("SFT vs RLHF")] == ["sft", "rlhf"]
    assert [c.key for c in distinct_concepts("supervised fine-tuning or instruction tuning?")] == [
        "instruction_tuning", "sft"]
    assert [c.key for c in distinct_concepts("PEFT or full FT?")] == ["peft", "full_ft"]


@pytest.mark.parametrize(
    ("question", "keys"),
    [
        # written for this test, not taken from any evaluation set
        ("a bot that looks things up in our manuals vs retraining all of the weights?", ["rag", "full_ft"]),
        ("could plain instructions do it, or do all the parameters get retrained?", ["prompt_engineering", "full_ft"]),
        ("a docs lookup or a low-rank adapter on our tickets?", ["lora", "rag"]),
        ("a tuned model plus an instruction block for each region?", ["fine_tuning", "prompt_engineering"]),
    ],
)
def test_the_other_approaches_are_recognised_in_everyday_words(question: str, keys: list[str]) -> None:
    assert sorted(c.key for c in sides_named(question)) == sorted(keys)


def test_the_keyword_arm_gets_the_articles_names_of_approaches_named_in_everyday_words_only() -> None:
    assert plain_keywords("how do we move from hand-written instructions to a custom-trained model?") == (
        "prompt engineering fine-tuning")
    assert plain_keywords("how much does it cost to retrain every weight?") == "full fine-tuning"
    assert plain_keywords("prompt engineering vs a tuned model") == "fine-tuning"  # the named one is not repeated
    assert plain_keywords("what is LoRA?") == ""
    assert plain_keywords("we want a model that handles our documents") == ""  # handling is no retrieval
