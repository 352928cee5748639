"""A comparison's top passages hold both sides (handlers.ask.sides)."""

from __future__ import annotations

import re

from handlers.ask.focus import BY_KEY
from handlers.ask.sides import side_balanced, speaks_on
from knowledge.types import Chunk, Passage


def passage(pid: str, text: str) -> Passage:
    return Passage(chunk=Chunk(id=pid, doc_id=pid.split("#")[0], heading=pid, text=text, title="T",
                               source="s", kind="corpus"))


FT_LATENCY = passage("a#ft-latency", "Fine-tuned models need dedicated serving infrastructure. That can raise latency.")
FT_COST = passage("a#ft-cost", "Fine-tuning needs GPUs. Fine-tuning costs thousands of dollars per run.")
FT_DATA = passage("a#ft-data", "Fine-tuning needs large labeled datasets.")
HYBRID = passage("a#hybrid", "Teams often combine both approaches.")
PE_DEFINED = passage("a#pe-defined", "Prompt engineering writes instructions for a pre-trained model.")
PE_LATENCY = passage("a#pe-latency", "Prompt engineering runs read-only inference: low infrastructure demands.")
FILLER = [passage(f"a#filler-{n}", f"Models are trained on data number {n}.") for n in range(3)]

LATENCY_QUESTION = "is a fine-tuned model slower to respond than prompting the base model?"


def test_a_passage_speaks_for_a_side_on_the_asked_aspect() -> None:
    ft, pe = [BY_KEY["fine_tuning"]], [BY_KEY["prompt_engineering"]]
    latency = [re.compile(r"\binfrastructure\b")]
    assert speaks_on(PE_LATENCY, pe, ft, latency)
    assert not speaks_on(PE_DEFINED, pe, ft, latency)
    assert speaks_on(PE_DEFINED, pe, ft, [])  # no aspect asked: any sentence for the side


def test_the_other_side_s_passage_on_the_asked_aspect_joins_the_top() -> None:
    pool = [FT_LATENCY, FT_COST, PE_DEFINED, FT_DATA, HYBRID, *FILLER, PE_LATENCY]
    ranked = side_balanced(pool, LATENCY_QUESTION, top=5)
    assert [p.id for p in ranked[:5]] == ["a#ft-latency", "a#ft-cost", "a#pe-defined", "a#ft-data", "a#pe-latency"]
    assert ranked[5].id == "a#hybrid"  # the passage it replaced leads the rest
    assert sorted(p.id for p in ranked) == sorted(p.id for p in pool)


def test_a_place_the_only_passage_of_a_side_holds_is_kept() -> None:
    pool = [FT_COST, HYBRID, FT_DATA, PE_DEFINED, FT_LATENCY, *FILLER, PE_LATENCY]
    ranked = side_balanced(pool, LATENCY_QUESTION, top=5)
    # the fine-tuning side's only latency passage is 5th: the hybrid passage (4th free place back) gives way
    assert [p.id for p in ranked[:5]] == ["a#ft-cost", "a#hybrid", "a#ft-data", "a#pe-latency", "a#ft-latency"]


def test_nothing_moves_when_both_sides_are_there_or_the_question_compares_nothing() -> None:
    pool = [FT_LATENCY, PE_LATENCY, FT_COST, FT_DATA, HYBRID, PE_DEFINED]
    assert side_balanced(pool, LATENCY_QUESTION, top=5) == pool
    other = [FT_LATENCY, FT_COST, FT_DATA, HYBRID, *FILLER, PE_LATENCY]
    assert side_balanced(other, "which one copes better when users word things differently?", top=5) == other
    assert side_balanced(other[:5], LATENCY_QUESTION, top=5) == other[:5]  # no deeper pool
