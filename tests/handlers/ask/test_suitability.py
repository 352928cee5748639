"""The sentences that say when an approach fits: the evidence a decision answer adds for its verdict."""

from __future__ import annotations

from typing import Literal

from handlers.ask.focus import BY_KEY
from handlers.ask.scored import Scored
from handlers.ask.suitability import best_fit, corroborating, says_fits
from knowledge.types import Chunk, Passage

PROMPTING = [BY_KEY["prompt_engineering"]]
RAG = [BY_KEY["rag"]]


def test_a_sentence_fits_when_it_names_the_approach_and_says_what_it_suits() -> None:
    assert says_fits("Prompt engineering fits tasks with frequent task switching.", PROMPTING)
    assert says_fits("RAG suits knowledge-intensive applications whose knowledge needs frequent updates.", RAG)
    assert says_fits("Such systems are good candidates for fine-tuning.", [BY_KEY["fine_tuning"]])
    assert says_fits("For businesses on a limited budget, prompt engineering is preferable.", PROMPTING)
    assert says_fits("High request volumes justify a fine-tuning investment.", [BY_KEY["fine_tuning"]])
    # naming the approach without saying what it suits, or saying it about another approach
    assert not says_fits("Prompt engineering places instructions in the model input.", PROMPTING)
    assert not says_fits("Fine-tuning fits stable, narrow tasks.", RAG)


def _s(rank: int, start: int, score: float, text: str) -> Scored:
    return Scored(passage_rank=rank, start=start, end=start + len(text), score=score, text=text)


def test_the_best_fitting_sentence_for_the_question_that_is_not_chosen_yet() -> None:
    chosen = _s(0, 0, 9.0, "Prompt engineering suits quick deployment.")
    scored = [
        chosen,
        _s(0, 50, 8.0, "Prompt engineering needs no training."),  # says nothing about what it suits
        _s(1, 0, 3.0, "Prompt engineering fits short-lived requirements."),
        _s(2, 0, 5.0, "Prompt engineering fits tasks with frequent task switching."),
        _s(3, 0, 7.0, "Fine-tuning fits stable tasks."),  # another approach
        _s(4, 0, 0.0, "Prompt engineering is ideal for demos."),  # nothing to do with the question
    ]
    assert [s.text for s in best_fit(scored, PROMPTING, [chosen])] == [
        "Prompt engineering fits tasks with frequent task switching."
    ]
    assert [s.passage_rank for s in best_fit(scored, PROMPTING, [chosen], limit=3)] == [2, 1]
    assert best_fit(scored, RAG, []) == []


def _passage(pid: str, text: str, kind: Literal["corpus", "note", "document"] = "corpus") -> Passage:
    return Passage(chunk=Chunk(id=pid, doc_id=pid.split("#")[0], heading="H", text=text, title="T", source="s",
                               kind=kind))


_CORPUS = [
    _passage("a#budget", "Prompt engineering fits teams that keep cloud budgets tight. It needs no GPU."),
    _passage("b#deadline", "Prompt engineering suits projects with tight deadlines."),
    _passage("c#stable", "Fine-tuning suits stable tasks with a tight scope."),  # another approach
    _passage("note:1", "Prompt engineering fits tight budgets and tight deadlines alike.", kind="note"),
]


def test_each_reason_gets_the_corpus_sentence_saying_the_approach_fits_the_same_need() -> None:
    reasons = ["A tight budget favours prompting.", "A deadline within days favours prompting."]
    picks = corroborating(reasons, ["the deadline is friday"], _CORPUS, PROMPTING, [])
    assert [(p.passage_rank, p.text) for p in picks] == [
        (0, "Prompt engineering fits teams that keep cloud budgets tight."),
        (1, "Prompt engineering suits projects with tight deadlines."),
    ]
    # a team note is never read (its sentences would each cost an encoder call), nor another
    # approach's sentence; a sentence chosen already is not repeated; `limit` caps the picks
    assert all(p.passage_rank != 3 for p in picks)
    again = corroborating(reasons, [], _CORPUS, PROMPTING, picks[:1])
    assert [p.passage_rank for p in again] == [1]
    assert len(corroborating(reasons, [], _CORPUS, PROMPTING, [], limit=1)) == 1
    assert corroborating(reasons, [], _CORPUS, RAG, []) == []


def test_a_reason_sharing_nothing_with_any_fitting_sentence_gets_none() -> None:
    assert corroborating(["Citations need retrieval."], [], _CORPUS[:2], PROMPTING, []) == []
