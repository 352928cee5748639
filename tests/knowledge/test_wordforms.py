from __future__ import annotations

import pytest

from knowledge.wordforms import built_of_known

KNOWN = {"memory", "spot", "repeat", "legal", "brain", "storm", "play", "book", "help", "desk", "pilot",
         "do", "does", "store", "post", "grey", "boost", "run", "way", "tune"}


def known(word: str) -> bool:
    return word in KNOWN


@pytest.mark.parametrize(
    "word",
    ["memorize", "spotty", "repeatable", "legalese", "brainstorming", "playbook", "helpdesk", "copilot",
     "dont", "doesnt", "storing", "retune"],
)
def test_everyday_words_built_of_known_words(word: str) -> None:
    assert built_of_known(word, known)


@pytest.mark.parametrize("word", ["xgboost", "kubernetes", "postgres", "runway", "kafka", "snare"])
def test_names_not_built_of_known_words_stay_unknown(word: str) -> None:
    # "postgres" is not "post" + "grey" (a restored spelling must be a word itself); "xg" + boost and
    # "run" + way have a part too short to count
    assert not built_of_known(word, known)


def test_a_four_letter_clipping_of_a_known_word() -> None:
    def clipped(word: str) -> bool:
        return any(w.startswith(word) and len(w) >= len(word) + 3 for w in ("production", "chemistry"))

    assert built_of_known("prod", known, clipped)
    assert built_of_known("chem", known, clipped)
    assert not built_of_known("prod", known)
    assert not built_of_known("produc", known, clipped)  # only 4-letter clippings
