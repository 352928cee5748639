"""The evaluation sets (bench/sets.py): every question's facts can be found in its cited corpus
passages, every in-scope question has a kind, and the sets keep the sizes issue 10 asks for.

A failure on the validation set names only item numbers and facts: fix the corpus or ask the owner
of the evaluation sets; do not read the validation files while working on answer or assessment code.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from bench.assess_bench import load_set
from bench.sets import KINDS, SET_NAMES, load_questions, question_problems
from knowledge.corpus_index import shipped_corpus_index
from knowledge.rubric.model import APPROACH_IDS


def passage_text(passage_id: str) -> str | None:
    passage = shipped_corpus_index().get(passage_id)
    return passage.text if passage else None


@pytest.mark.parametrize("name", SET_NAMES)
def test_every_fact_is_in_a_cited_passage_and_every_kind_is_known(name: str) -> None:
    assert question_problems(load_questions(name), passage_text) == []


@pytest.mark.parametrize("name", SET_NAMES)
def test_each_set_covers_every_question_kind(name: str) -> None:
    kinds = Counter(q["kind"] for q in load_questions(name) if not q.get("out_of_scope"))
    assert set(kinds) == set(KINDS)


def test_question_sets_are_big_enough() -> None:
    sets = {name: load_questions(name) for name in SET_NAMES}
    in_scope = {name: [q for q in items if not q.get("out_of_scope")] for name, items in sets.items()}
    out_scope = {name: [q for q in items if q.get("out_of_scope")] for name, items in sets.items()}
    assert len(in_scope["validation"]) >= 64 and len(out_scope["validation"]) >= 12
    assert len(in_scope["dev"]) >= 60 and len(out_scope["dev"]) >= 10
    assert sum(map(len, in_scope.values())) >= 120 and sum(map(len, out_scope.values())) >= 20
    questions = [q["q"].lower() for items in sets.values() for q in items]
    assert len(questions) == len(set(questions)), "a question is in both sets"


def test_scenario_sets_are_big_enough_and_disjoint() -> None:
    dev, validation = load_set("dev"), load_set("validation")
    assert len(validation) >= 32 and len(dev) + len(validation) >= 80
    assert {s.set for s in dev} == {"dev"} and {s.set for s in validation} == {"validation"}
    ids = [s.id for s in dev + validation]
    assert len(ids) == len(set(ids))
    assert {a for s in validation for a in s.accept} == set(APPROACH_IDS)


def test_question_problems_finds_each_kind_of_mistake() -> None:
    texts = {"doc#a": "LoRA decomposes weight updates into low-rank matrices."}
    items: list[dict[str, Any]] = [
        {"q": "what is LoRA?", "kind": "concept", "facts": ["low-rank"], "sources": ["doc#a"]},
        {"q": "what is LoRA?", "kind": "concept", "facts": ["low-rank"], "sources": ["doc#a"]},
        {"q": "what rank?", "kind": "trivia", "facts": ["rank 8"], "sources": ["doc#a", "doc#missing"]},
        {"q": "tune my piano", "out_of_scope": True, "facts": ["pitch"]},
    ]
    problems = question_problems(items, texts.get)
    assert problems == [
        "item 2: duplicate question",
        "item 3: kind 'trivia' is not one of concept, list, comparison, figure, decision, howto",
        "item 3: unknown source passage doc#missing",
        "item 3: fact 'rank 8' is in none of its sources",
        "item 4: an out-of-scope item has facts or sources",
    ]
    assert question_problems(items[:1], texts.get) == []
