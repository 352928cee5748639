"""What a comparison compares and the words its search adds (handlers.ask.compared)."""

from __future__ import annotations

from handlers.ask.compared import comparison_keywords, comparison_query, comparison_sides


def test_one_main_approach_named_alone_is_compared_with_the_other() -> None:
    assert [s.key for s in comparison_sides("is a library of prompts easier to keep alive?")] == [
        "prompt_engineering", "fine_tuning"]


def test_three_sides_come_in_question_order_and_everyday_names_count() -> None:
    assert [s.key for s in comparison_sides("SFT vs instruction tuning vs RLHF?")] == [
        "sft", "instruction_tuning", "rlhf"]
    assert [s.key for s in comparison_sides("training our own model vs writing better instructions?")] == [
        "fine_tuning", "prompt_engineering"]


def test_a_comparison_is_searched_with_the_articles_names_and_the_winner_s_use_cases() -> None:
    winner = comparison_query("when does prompting beat fine-tuning?")
    assert "when to choose prompt engineering ideal use cases" in winner
    plain = comparison_query("custom-trained model or a prompted base model - which one is more accurate?")
    assert "fine-tuning" in plain and "prompt engineering" in plain
    # a question that names a side in the articles' words keeps its wording
    assert comparison_query("writing better prompts or training the model - which is quicker?") == ""
    assert comparison_query("LoRA vs prompt tuning: how many parameters does each update?") == ""


def test_a_property_asked_about_is_what_the_sides_are_compared_on_not_a_side() -> None:
    question = "which hallucinates less, a finetuned model or just good prompting?"
    assert [s.key for s in comparison_sides(question)] == ["fine_tuning", "prompt_engineering"]
    assert [s.key for s in comparison_sides("overfitting vs drift, which is worse?")] == ["overfitting", "drift"]


def test_a_kind_of_prompting_named_with_prompt_words_is_compared_with_fine_tuning() -> None:
    # "prompt templates" are a way of prompting: the other side is fine-tuning, not prompting again
    question = "how much upkeep does a big folder of prompt templates need, compared with the alternative?"
    assert [s.key for s in comparison_sides(question)] == ["templates", "fine_tuning"]


def test_the_two_main_approaches_are_searched_with_the_articles_name_for_the_asked_aspect() -> None:
    assert comparison_keywords("which is more work to keep alive, a custom trained model or prompts?") == (
        "long-term maintenance")
    assert comparison_keywords("prompt engineering vs fine-tuning: who do we need to hire?") == (
        "skills expertise complexity")
    # other sides: the aspect's name would bring the main approaches' passages on it
    assert comparison_keywords("prompt tuning vs PEFT: which is more work to keep alive?") == ""
    assert comparison_keywords("prompt engineering vs fine-tuning?") == ""
