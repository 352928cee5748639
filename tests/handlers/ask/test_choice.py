"""Which questions ask the advisor to choose (handlers.ask.choice), whatever the classifier said."""

from __future__ import annotations

import pytest

from handlers.ask.choice import (
    asks_for_advice,
    asks_for_choice,
    names_fine_tuning_plainly,
    states_situation,
    wants_verdict,
)
from handlers.ask.kinds import QuestionKind


@pytest.mark.parametrize(
    "question",
    [
        "we have 2 GPUs and a deadline. should we bother?",  # modal
        "our FAQ changes daily. do we put it in the model?",  # a clause opening on the ask
        "is a dedicated model even realistic for a team like ours?",  # evaluation
        "is LoRA worth it for a 300-example dataset?",
        "enough to justify training with 10k rows?",
        "the vendor API keeps timing out. what now?",  # next step
        "we're fully offline - does that change anything?",  # a fact weighed against the choice
        "is there something cheaper than a full retrain?",  # a lighter option
        "which approach fits a legal search tool?",  # one choice asked for
        "prompt it or retrain it?",  # two courses of action
        "is retrieval the right call for a catalogue bot?",
        "would fine-tuning on last year's emails work?",
        "regulations that are amended every month. Fine-tune it on the regulations?",  # an elliptical proposal
        "The docs change daily. Just retrain on them?",
        "the tasks change daily. would a fine-tuned model even keep up?",  # a doubt about a named thing
        "honestly is it a bad idea to start with a few examples before training anything?",
        "the budget covers two GPUs for a week. what's the move?",
        "day one of a new project - go straight to finetuning?",
    ],
)
def test_forms_of_asking_for_a_choice(question: str) -> None:
    assert asks_for_choice(question)


@pytest.mark.parametrize(
    "question",
    [
        "what is a soft prompt?",
        "how much does a training run cost?",
        "list the risks of fine-tuning",
        "walk me through a typical training job, start to finish",
        "prompt engineering vs prompt tuning - who or what writes the prompt?",  # "or" between two question words
        "how do adapters work?",
        "train the model for three epochs, then evaluate.",  # an instruction, not a proposal asked about
        "fine-tune the learning rate first. what else matters?",
        # "or" inside an aside in brackets names what something may be, not two courses of action
        "how do we keep our assistant (prompts or a tuned model) from drifting?",
    ],
)
def test_questions_that_do_not_ask_for_a_choice(question: str) -> None:
    assert not asks_for_choice(question)


def test_a_comparison_goes_to_the_rubric_only_when_it_asks_what_to_do() -> None:
    comparison = QuestionKind("comparison")
    assert not wants_verdict("adapters or soft prompts on a small GPU budget - which needs less?", comparison)
    assert asks_for_advice("we run on-prem only - does that change prompts vs training?")
    assert wants_verdict("we run on-prem only - does that change prompts vs training?", comparison)


def test_a_list_question_goes_to_the_rubric_only_when_it_asks_for_one_choice() -> None:
    risks = QuestionKind("list", "risks", "risks")
    assert not wants_verdict("with 5k tickets, which risks should we watch?", risks)
    misread = QuestionKind("list", "", "fits")  # "which approach fits" read as a plural head
    assert wants_verdict("we must run offline, which approach fits?", misread)


@pytest.mark.parametrize("kind", ["general", "figure", "howto", "concept"])
def test_other_kinds_go_to_the_rubric_when_they_ask_for_a_choice(kind: str) -> None:
    label = QuestionKind(kind)  # type: ignore[arg-type]
    assert wants_verdict("we send 3M requests a month. is it time to train our own model?", label)
    assert not wants_verdict("we send 3M requests a month. what is a soft prompt?", label)
    assert wants_verdict("anything", QuestionKind("decision"))  # the classifier's decisions stay decisions


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("should we train our own model?", True),
        ("could we teach it ourselves?", True),
        ("bake the handbook into the weights", True),
        ("a custom model for support", True),
        ("is the training job worth it?", True),
        ("we train our support staff every month", False),
        ("what is prompt engineering?", False),
        ("is FT overkill for a hackathon demo?", True),  # the abbreviation, in capitals
        ("the cable run is 40 ft, should we buy more?", False),  # "ft" measuring a length
    ],
)
def test_plain_language_names_of_fine_tuning(text: str, plain: bool) -> None:
    assert names_fine_tuning_plainly(text) is plain


def test_a_comparison_that_states_the_situation_first_goes_to_the_rubric() -> None:
    comparison = QuestionKind("comparison")
    situated = ("We run a radiology group. Mistakes are not acceptable and we have years of annotated reports. "
                "Do we train a model or lean on prompts?")
    assert states_situation(situated)
    assert wants_verdict(situated, comparison)
    # the same ask with no situation of the asker's own, or a situation inside the ask, stays a comparison
    assert not states_situation("Do we train a model or lean on prompts?")
    assert not wants_verdict("Radiology reports are long. Do doctors prefer tuned models or prompted ones?", comparison)
    assert not wants_verdict("prompts or our own model: which one is cheaper for us to run?", comparison)
