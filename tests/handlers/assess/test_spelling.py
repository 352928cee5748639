"""Typo repair against the rubric's own words: a word one edit from exactly one rubric word is
corrected, real words (known to the oracle, British/American twins, regular endings) are not,
and the extractor repairs nothing without a word oracle."""

from __future__ import annotations

from functools import cache

import pytest

from handlers.assess.extract import RuleExtractor
from handlers.assess.semantic import OptionMatcher
from handlers.assess.spelling import Spelling, pattern_words, rubric_words
from knowledge.embeddings import get_onnx_embedder
from knowledge.rubric.model import shipped_rubric

RUBRIC = shipped_rubric()
KNOWN = frozenset({"story", "grant", "kids", "plan", "flight", "dates", "mines", "handler", "route", "word"})
SPELLING = Spelling(rubric_words(RUBRIC), KNOWN.__contains__)


@cache
def extractor() -> RuleExtractor:
    return RuleExtractor(RUBRIC, OptionMatcher(RUBRIC, get_onnx_embedder))


def test_pattern_words_expand_optional_letters_and_letter_classes() -> None:
    assert pattern_words("labell?ed") == {"labelled", "labeled"}
    assert pattern_words("summari[sz]ing (?:emails|meetings)") == {"summarising", "summarizing", "emails", "meetings"}
    assert "summari" not in pattern_words("summari[sz]e") and "diagnos" not in pattern_words("diagnos(?:is|tic)")


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("budgt", "budget"), ("evry", "every"), ("labled", "labeled"), ("weekyl", "weekly"), ("examlpes", "examples")],
)
def test_one_edit_from_a_rubric_word_is_a_typo(typed: str, meant: str) -> None:
    assert SPELLING.fix(typed) == meant


@pytest.mark.parametrize(
    "word",
    ["story", "grant", "kids", "plan",  # known words, one edit from rubric words (store, giant, kinds, plain)
     "summarise", "customisation",  # the other spelling of a rubric word
     "wordings", "beginners", "handlers", "router",  # a regular ending on a word
     "reword", "rewording",  # a prefix on a word ("record" is one edit from "reword")
     "hav", "ppl"],  # too short to tell
)
def test_real_and_short_words_stay(word: str) -> None:
    assert SPELLING.fix(word) is None


def test_a_prefix_makes_no_word_of_a_typo() -> None:
    # "reword" is one edit from the rubric's "record"; "re" + "word" (a rubric word's stem) is a word
    # even with no oracle, while "re" + a typo is no word and stays a typo
    bare = Spelling(rubric_words(RUBRIC), frozenset().__contains__)
    assert bare.fix("reword") is None and bare.fix("rewording") is None
    assert bare.fix("recrod") == "record"


def test_correct_keeps_punctuation_and_other_words() -> None:
    typed = "no ml ppl, budgt is tiny. updated evry week!"
    assert SPELLING.correct(typed) == "no ml ppl, budget is tiny. updated every week!"


def test_the_extractor_reads_typed_criteria() -> None:
    text = "need a bot for our helpdesk kb, the articles get updated evry week. no ml ppl, budgt is tiny"
    assert extractor().extract(text).answers == {"facts_change": "weekly", "budget": "low", "ml_expertise": "none"}
    # without a word oracle (no matcher) nothing is corrected: "budgt" stays unread
    assert "budget" not in RuleExtractor(RUBRIC).extract(text).answers
