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


COST_QUESTION = "what do we pay for with fine-tuning compared with prompting?"
MIXED_COST = passage("a#mixed-cost", "Fine-tuning costs are front-loaded. Prompt engineering costs recur.")
MIXED_COST_2 = passage("a#mixed-cost-2", "Fine-tuning costs more at the start. Prompting costs little to begin.")
PE_COST = passage("a#pe-cost", "Prompt engineering costs come from API usage fees only.")


def test_a_side_only_spoken_for_beside_the_other_gets_its_own_passage() -> None:
    # the prompting side is there only in a passage comparing both: its own cost passage joins the top
    pool = [MIXED_COST, FT_COST, FT_DATA, HYBRID, *FILLER, PE_COST]
    ranked = side_balanced(pool, COST_QUESTION, top=5)
    assert [p.id for p in ranked[:5]] == ["a#mixed-cost", "a#ft-cost", "a#ft-data", "a#hybrid", "a#pe-cost"]
    assert ranked[5].id == "a#filler-0"


def test_a_passage_naming_the_other_side_anywhere_is_not_a_side_s_own() -> None:
    # its cost sentence speaks for prompting, but it speaks for fine-tuning too: it compares the two
    pe_half = passage("a#pe-half", "Prompt engineering costs little. Fine-tuning needs labeled data.")
    pool = [MIXED_COST, FT_COST, FT_DATA, HYBRID, FILLER[0], pe_half, PE_COST]
    ranked = side_balanced(pool, COST_QUESTION, top=5)
    assert [p.id for p in ranked[:5]] == ["a#mixed-cost", "a#ft-cost", "a#ft-data", "a#hybrid", "a#pe-cost"]


def test_only_a_passage_speaking_for_no_side_gives_way_to_a_side_s_own() -> None:
    ft_cost_2 = passage("a#ft-cost-2", "Fine-tuning costs grow with model size.")
    pool = [FT_COST, MIXED_COST, MIXED_COST_2, ft_cost_2, MIXED_COST, PE_COST]
    assert side_balanced(pool, COST_QUESTION, top=5) == pool


def test_without_an_own_passage_in_the_pool_the_comparing_one_serves_the_side() -> None:
    pool = [MIXED_COST, FT_COST, FT_DATA, HYBRID, *FILLER]
    assert side_balanced(pool, COST_QUESTION, top=5) == pool


def test_the_best_match_is_kept_even_when_it_speaks_for_no_side() -> None:
    pool = [HYBRID, MIXED_COST, FT_COST, MIXED_COST_2, MIXED_COST, PE_COST]
    assert side_balanced(pool, COST_QUESTION, top=5) == pool
