"""A partial success of prompting taken back by a failure (handlers/assess/partial_success.py), alone
and through the rule-based extractor."""

from __future__ import annotations

import pytest

from handlers.assess.extract import RuleExtractor
from handlers.assess.partial_success import partly_failed
from handlers.assess.text_cues import normalise, split_clauses
from knowledge.rubric.model import shipped_rubric

X = RuleExtractor(shipped_rubric())


def read(text: str) -> list[str]:
    """The values `partly_failed` reads over the clauses of `text`, each with the one before it."""
    normalised = normalise(text)
    out: list[str] = []
    previous, end = "", 0
    for offset, clause in split_clauses(normalised):
        out += [c.value for c in partly_failed(clause, offset, previous, normalised[end:offset])]
        previous, end = clause, offset + len(clause)
    return out


@pytest.mark.parametrize(
    "text",
    [
        "Prompting with examples gets the vibe but gets the grammar of the dialect wrong constantly.",
        "Given examples, the model catches the friendly tone but gets mutations and word order wrong.",
        "Prompting copes with simple claims but mangles the dependent-claim structure every time.",
        "Few-shot prompts get the gist but keep slipping into human-medicine terminology.",
        "We tried pasting the manuals into a chat window but they don't all fit and it makes stuff up.",
        "ChatGPT handles the easy tickets, but it misreads our part numbers.",
        "The base model writes fluent summaries, yet ignores our house rules on units.",
    ],
)
def test_a_concession_then_a_failure_is_a_plateau(text: str) -> None:
    assert read(text) == ["plateaued"]
    assert X.extract(text).answers.get("prompt_results") == "plateaued"


@pytest.mark.parametrize(
    "text",
    [
        "Prompting works well but the budget is tight.",  # the contrast is about money
        "Prompting handles it but never gets the format wrong.",  # a denied failure
        "Prompting gets the odd hashtag wrong but the posts are good.",  # success has the last word
        "Our fine-tuned model gets the tone but gets the numbers wrong.",  # a model the team trained
        "The model is accurate, but we also need it in French.",  # a new need, no failure
        "Prompting is fine, but the model ignores the boilerplate at the top, which is great.",
        "Prompting is fine, but the output doesn't fit on one screen.",  # display, not the task
    ],
)
def test_other_contrasts_are_no_partial_success(text: str) -> None:
    assert read(text) == []
