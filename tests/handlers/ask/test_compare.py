"""Comparisons give both sides (handlers.ask.compare)."""

from __future__ import annotations

from handlers.ask.compare import aspect_boosted, comparison_sides, speaks_for
from handlers.ask.extractive import compose_extractive
from handlers.ask.focus import BY_KEY, widened
from handlers.ask.kinds import QuestionKind
from handlers.ask.scored import Scored
from knowledge.types import Chunk, Passage


def passage(pid: str, heading: str, text: str) -> Passage:
    return Passage(chunk=Chunk(id=pid, doc_id=pid.split("#")[0], heading=heading, text=text,
                               title="Summary of: A Guide", source="ft-advisor summary of a site", kind="corpus"))


PEFT_PERF = passage(
    "g#peft-performance", "PEFT performance",
    "PEFT methods keep 95% of the performance of full fine-tuning. PEFT methods update less than 1% of the "
    "parameters. PEFT cuts compute needs dramatically.",
)
TABLE = passage(
    "g#decision-table", "Decision table: PEFT and full fine-tuning",
    "PEFT suits domain specialization with limited resources. Full fine-tuning suits stable, critical "
    "applications that need maximum performance.",
)
SOFT = passage("g#soft-prompts", "Prompt tuning", "Prompt tuning trains a few continuous vectors before the input.")
ADAPTERS = passage("g#adapters", "Adapters", "Adapter modules insert small neural network layers into the model.")


def test_a_sentence_speaks_for_the_side_it_names_first() -> None:
    peft, full = widened([BY_KEY["peft"]]), widened([BY_KEY["full_ft"]])
    sentence = "PEFT methods keep 95% of the performance of full fine-tuning."
    assert speaks_for(sentence, peft, full) and not speaks_for(sentence, full, peft)


def test_both_sides_come_from_the_passage_that_sets_them_side_by_side() -> None:
    question = "pros and cons of PEFT compared to a full fine-tune?"
    assert [s.key for s in comparison_sides(question)] == ["peft", "full_ft"]
    ans = compose_extractive(question, [PEFT_PERF, TABLE], covered=True, kind=QuestionKind("comparison"))
    assert "domain specialization with limited resources" in ans.answer
    assert "maximum performance" in ans.answer


def test_a_side_missing_from_the_top_passages_is_found_in_the_alternates() -> None:
    ans = compose_extractive("prompt tuning or adapters?", [SOFT], covered=True,
                             kind=QuestionKind("comparison"), alternates=[ADAPTERS])
    assert "continuous vectors" in ans.answer and "small neural network layers" in ans.answer


def test_one_main_approach_named_alone_is_compared_with_the_other() -> None:
    assert [s.key for s in comparison_sides("is a library of prompts easier to keep alive?")] == [
        "prompt_engineering", "fine_tuning"]


PT_INTRO = passage("g#pt-intro", "Prompt tuning: soft prompts",
                   "Prompt tuning sits between prompting and fine-tuning. Prompt tuning learns the prompt with "
                   "gradient-based optimization instead of a person writing it.")
PE_DEFINED = passage("g#pe", "Prompt engineering", "Prompt engineering writes instructions by hand.")


def test_a_side_found_only_in_a_further_passage_gets_its_next_sentence_too() -> None:
    ans = compose_extractive("prompt tuning or prompt engineering, how do they differ?", [PE_DEFINED],
                             covered=True, kind=QuestionKind("comparison"), alternates=[PT_INTRO])
    assert "sits between" in ans.answer and "gradient-based optimization" in ans.answer


RAG_PASSAGE = passage(
    "g#rag", "RAG",
    "RAG lets knowledge change without retraining the model, which matters when we compare it with a fine-tune. "
    "RAG suits knowledge-intensive applications whose knowledge needs frequent updates. "
    "RAG needs moderate resources instead of a big fine-tuning budget.",
)
FT_PASSAGE = passage("g#ft", "Fine-tuning", "Fine-tuning suits stable tasks that need maximum accuracy.")


def test_a_when_comparison_leads_with_what_each_side_suits() -> None:
    ans = compose_extractive("when should we go with RAG instead of fine-tuning?", [RAG_PASSAGE, FT_PASSAGE],
                             covered=True, kind=QuestionKind("comparison"))
    assert "knowledge-intensive" in ans.answer and "stable tasks" in ans.answer


def test_an_is_it_just_a_new_name_question_weighs_what_sets_the_two_apart() -> None:
    question = "is prompt tuning basically fine-tuning under another name?"
    scored = [
        Scored(0, 0, 55, 1.0, "Prompt tuning keeps most of the benefit of fine-tuning."),
        Scored(0, 60, 108, 0.8, "Prompt tuning does not change the model weights."),
    ]
    boosted = aspect_boosted(question, scored)
    assert boosted[1].score > boosted[0].score
    assert [s.score for s in aspect_boosted("how do prompt tuning and fine-tuning compare?", scored)] == [1.0, 0.8]
