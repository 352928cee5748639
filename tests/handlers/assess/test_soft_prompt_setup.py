"""The prompt-tuning set-up told in plain words (handlers/assess/soft_prompt_setup.py), alone and
through the rule-based extractor (no embedding matcher: the rules' readings)."""

from __future__ import annotations

import pytest

from handlers.assess.extract import RuleExtractor
from handlers.assess.soft_prompt_setup import soft_prompt_setup
from handlers.assess.text_cues import normalise, split_clauses
from knowledge.rubric.model import shipped_rubric

X = RuleExtractor(shipped_rubric())


def _read(text: str) -> list[tuple[str, object]]:
    clean = normalise(text)
    out: list[tuple[str, object]] = []
    previous = ""
    for o, cl in split_clauses(clean):
        out.extend((c.criterion, c.value) for c in soft_prompt_setup(cl, o, previous))
        previous = cl
    return out


@pytest.mark.parametrize(
    "text",
    [
        "The vendor licence does not let us alter the model's weights.",
        "Our contract won't allow anyone to modify the network.",
        "The agreement forbids us from retraining the base model.",
        "Any change to its parameters would send it back through months of validation.",
        "The certification is void if anyone modifies its weights.",
        "Modifying the checkpoint voids our safety approval.",
        "Our platform group has frozen the backbone LLM for all business units.",
        "IT locked the base model last spring.",
        "The network itself must stay as it was delivered.",
        "The same model serves other plants, so it has to stay untouched.",
    ],
)
def test_a_model_that_may_not_change_is_weights_frozen(text: str) -> None:
    assert ("training", "weights_frozen") in _read(text)


@pytest.mark.parametrize(
    "text",
    [
        "We can't retrain the model every week.",  # a pace: cost, not a rule
        "Policy does not allow us to update the model more than once a quarter.",  # a pace
        "Policy does not allow us to update the model without sign-off.",  # a condition, not a ban
        "The model we fine-tuned has sat untouched since then.",  # history
        "Our chat model's knowledge is frozen at its training cut-off.",  # knowledge, not weights
        "The licence does not let us change the prompt templates.",  # no model
        "We froze the requirements for the pilot.",  # a specification
        "Has the team frozen the model's knowledge?",  # the model's knowledge, not the model
        "The budget is tight, so it has to stay untouched.",  # "it" is no model
        "We can alter the model's weights if we need to.",  # allowed
    ],
)
def test_other_frozen_or_untouched_things_are_not_weights_frozen(text: str) -> None:
    assert ("training", "weights_frozen") not in _read(text)


@pytest.mark.parametrize(
    "text",
    [
        "For each client have the computer learn a tiny add-on that gets fed in ahead of the text.",
        "Teams may train something that is fed in before the input.",
        "Ideally the system learns a few compact vectors per firm that sit in front of the input.",
        "Can the best 'prompt' be found automatically from our examples?",
        "We want to automatically find the optimal prompt.",
        "The prompt is learned automatically from our labelled examples.",
    ],
)
def test_a_learned_piece_ahead_of_the_input_is_the_smallest_footprint(text: str) -> None:
    assert ("trained_footprint", "smallest") in _read(text)


@pytest.mark.parametrize(
    "text",
    [
        "We write a short instruction block that goes before the text.",  # nothing learned
        "We don't want to train anything that is fed in before the input.",  # denied
        "Staff learn the style guide before they write.",  # no input after "before"
        "We automatically generate a prompt for each user.",  # no prompt found from examples
        "We learned that a short preamble placed before the request helps.",  # finding out, not training
    ],
)
def test_written_or_denied_pieces_are_not_the_smallest_footprint(text: str) -> None:
    assert ("trained_footprint", "smallest") not in _read(text)


@pytest.mark.parametrize(
    "text",
    [
        "We keep dozens of them side by side without copying the whole model each time.",
        "We can't afford a full copy of it per firm.",
        "We refuse to store 40 copies of a 7B model.",
        "We don't want to host a separate instance of the model for every tenant.",
    ],
)
def test_variants_without_copies_of_the_model_are_per_task_and_cheap(text: str) -> None:
    read = _read(text)
    assert ("task_variants", "per_task") in read
    assert ("trained_footprint", "kept_cheaply") in read


@pytest.mark.parametrize(
    "text",
    [
        "We keep a copy of the model on a backup server.",  # no variants
        "We can't afford a GPU cluster.",  # budget, not copies
    ],
)
def test_a_kept_copy_or_an_unaffordable_cluster_is_no_variant(text: str) -> None:
    assert ("task_variants", "per_task") not in _read(text)


def test_the_extractor_reads_the_set_up_and_no_pace_from_it() -> None:
    ans = X.extract(
        "Manufacturing QA. The vendor licence does not let us alter the model's weights, and the same "
        "model serves other plants. Our platform group has frozen the backbone LLM: teams may train "
        "something that is fed in before the input."
    ).answers
    assert ans.get("training") == "weights_frozen"
    assert ans.get("trained_footprint") == "smallest"
    assert "requirements_change" not in ans  # a frozen backbone is not a frozen specification
