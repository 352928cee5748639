"""knowledge.shorthand: chat shorthand written out, other meanings of the same letters left alone."""

from __future__ import annotations

import pytest

from knowledge.shorthand import written_out


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("PE vs FT on flexibility", "prompt engineering vs FT on flexibility"),
        ("is pe enough for our bot", "is prompt engineering enough for our bot"),
        ("tuned it w/ 500 examples w/o a GPU, can u help", "tuned it with 500 examples without a GPU, can you help"),
        ("ur model b/c it drifts", "your model because it drifts"),
    ],
)
def test_shorthand_is_written_out(typed: str, read: str) -> None:
    assert written_out(typed) == read


@pytest.mark.parametrize(
    "text",
    [
        "which PE firms invest in AI startups",  # private equity
        "our PE teacher wants a chatbot",  # physical education
        "is PE worth it?",  # nothing else says which field
        "full FT or LoRA? finetuning costs",  # read as typed by keyword search and the focus rules
        "U.S. rules for RAG and PEFT",  # the articles' own abbreviations stay
    ],
)
def test_other_meanings_are_left_alone(text: str) -> None:
    assert written_out(text) == text
