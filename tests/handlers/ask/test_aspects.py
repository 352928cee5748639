"""A comparison weighs the sentences on the aspect it asks about (handlers.ask.aspects)."""

from __future__ import annotations

import pytest

from handlers.ask.aspects import asked_aspects, aspect_boosted, aspect_words, says_what
from handlers.ask.focus import BY_KEY
from handlers.ask.scored import Scored


def test_an_is_it_just_a_new_name_question_weighs_what_sets_the_two_apart() -> None:
    question = "is prompt tuning basically fine-tuning under another name?"
    scored = [
        Scored(0, 0, 55, 1.0, "Prompt tuning keeps most of the benefit of fine-tuning."),
        Scored(0, 60, 108, 0.8, "Prompt tuning does not change the model weights."),
    ]
    boosted = aspect_boosted(question, scored)
    assert boosted[1].score > boosted[0].score
    assert [s.score for s in aspect_boosted("how do prompt tuning and fine-tuning compare?", scored)] == [1.0, 0.8]


@pytest.mark.parametrize(
    ("question", "on_aspect", "off_aspect"),
    [
        ("a full fine-tuning run vs a LoRA run - how different is the bill?",
         "A training run can cost thousands of dollars.", "LoRA decomposes updates into matrices."),
        ("custom-trained model or prompts - which one makes stuff up less?",
         "Fine-tuning reduces hallucinations.", "Fine-tuning needs training tools."),
        ("PEFT vs a full fine-tune: what stays frozen and what gets updated?",
         "PEFT methods freeze most of the pre-trained weights.", "PEFT suits limited budgets."),
        ("which one is easier to take into a new kind of task, a tuned model or prompts?",
         "Every new task or domain requires retraining the model.", "Fine-tuning suits legal work."),
        ("is a fine-tuned model slower to respond than a prompted one?",
         "Fine-tuned models need dedicated serving infrastructure.", "A tuned model responds to short instructions."),
        ("which gives you more control, a fine-tuned model or a prompt?",
         "Fine-tuning gives granular control over the output.", "Fine-tuning suits legal work."),
        ("which is riskier when it comes to bias, fine-tuning or prompting?",
         "Fragile instructions are a prompt engineering pitfall.", "Prompt engineering suits support bots."),
        ("do we need GPUs for prompting like we would for fine-tuning?",
         "Fine-tuning needs GPUs or TPUs.", "Fine-tuning suits legal work."),
        ("how hard is each one to pull off, prompting or fine-tuning?",
         "Fine-tuning has high complexity.", "Fine-tuning suits legal work."),
        ("upfront cost vs running cost of fine-tuning and prompting?",
         "Fine-tuning needs an upfront investment in preparing data.", "Fine-tuning suits legal work."),
    ],
)
def test_the_asked_aspect_weighs_more(question: str, on_aspect: str, off_aspect: str) -> None:
    scored = [Scored(0, 0, 10, 1.0, off_aspect), Scored(0, 11, 20, 0.8, on_aspect)]
    boosted = aspect_boosted(question, scored)
    assert boosted[1].score > boosted[0].score


def test_a_plain_difference_question_opens_with_what_each_side_is() -> None:
    rag, ft = BY_KEY["rag_name"], BY_KEY["fine_tuning"]
    scored = [Scored(0, 0, 10, 1.0, "Gupta describes RAG as a way to combine two approaches."),
              Scored(0, 11, 20, 0.8, "RAG retrieves knowledge from an external source.")]
    boosted = aspect_boosted("what's the difference between RAG and fine-tuning?", scored, [rag, ft])
    assert boosted[1].score > boosted[0].score
    # a comparison on a named aspect weighs that aspect instead
    assert [s.score for s in aspect_boosted("RAG vs fine-tuning, which is quicker?", scored, [rag, ft])] == [1.0, 0.8]
    assert says_what("LoRA (Low-Rank Adaptation) decomposes weight updates.", BY_KEY["lora"])


def test_a_comparison_asking_for_a_figure_weighs_the_sentences_stating_one() -> None:
    scored = [Scored(0, 0, 10, 1.0, "PEFT methods update only a small subset of the model parameters."),
              Scored(0, 11, 20, 0.7, "PEFT methods update less than 1% of the model parameters.")]
    boosted = aspect_boosted("LoRA vs prompt tuning: how many parameters does each one update?", scored)
    assert boosted[1].score > boosted[0].score
    durations = [Scored(0, 0, 10, 1.0, "RAG keeps 95% of the quality."),
                 Scored(0, 11, 20, 0.7, "RAG takes days to weeks.")]
    boosted = aspect_boosted("RAG vs PEFT, how long does each take to set up?", durations)
    assert boosted[1].score > boosted[0].score  # a duration, not any number, when the question asks how long
    assert [s.score for s in aspect_boosted("RAG or PEFT, which one is easier to explain?", scored)] == [1.0, 0.7]


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("two years out, which is more work to keep alive?", "long-term maintenance"),
        ("what's the upkeep like on each?", "long-term maintenance"),
        ("who would we have to hire for each?", "skills expertise complexity"),
        ("what sort of jobs is each one meant for?", "use cases"),
        ("how much say do we get over the output with each?", "control"),
        ("where does a tuned model win, and where do prompts come out ahead?", "strengths excel"),
        ("once it's live, which is easier to change on the fly?", "flexibility"),
        # changing inputs or a model trained on data: not the approach's flexibility or data needs
        ("how touchy is each to tiny wording changes?", ""),
        ("a model trained on our own data vs prompts, which is steadier?", "consistent"),
    ],
)
def test_the_asked_aspect_has_the_articles_name_for_it(question: str, words: str) -> None:
    assert aspect_words(question) == words


def test_words_that_only_look_like_an_aspect_ask_none() -> None:
    # "where does the money GO WITH prompting" asks about cost, not which one to go with
    scored = [Scored(0, 0, 10, 1.0, "Prompt engineering suits prototypes."),
              Scored(0, 11, 20, 1.0, "Prompt engineering costs come from API fees.")]
    boosted = aspect_boosted("where does the money go with prompting compared to a fine-tuning run?", scored)
    assert boosted[0].score == 1.0 and boosted[1].score > 1.0
    assert [s.score for s in aspect_boosted("should we go with prompting or fine-tuning?", scored)] == [2.0, 1.0]
    # "example use cases" and "for example" are no examples a side needs
    data = [Scored(0, 0, 10, 1.0, "AndData gives three example use cases for prompt engineering."),
            Scored(0, 11, 20, 1.0, "Fine-tuning, for example in medicine, needs compute."),
            Scored(0, 21, 30, 1.0, "Fine-tuning needs labeled examples.")]
    assert [s.score for s in aspect_boosted("how much data does each need?", data)] == [1.0, 1.0, 2.0]
    assert aspect_words("what can go wrong with each, prompting or fine-tuning?") == "risks pitfalls"
    assert aspect_words("do we need GPUs for prompting like for fine-tuning?") == "infrastructure compute"


def test_filler_words_do_not_hide_the_asked_aspect() -> None:
    plain = "soft prompts versus lora, what gets trained in each?"
    stressed = "soft prompts versus lora, what actually gets trained in each?"
    assert asked_aspects(plain) and asked_aspects(stressed) == asked_aspects(plain)
    assert aspect_words("which one is really more work to keep alive?") == "long-term maintenance"
