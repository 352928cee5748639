"""In a comparison answer, one approach's half of a row brings the other's (handlers.ask.counterparts)."""

from __future__ import annotations

from handlers.ask.counterparts import approaches_of, counterpart, subject, with_counterparts
from handlers.ask.extractive import compose_extractive
from handlers.ask.kinds import QuestionKind
from handlers.ask.scored import Scored
from knowledge.types import Chunk, Passage

# Invented rows (not the corpus's sentences): two approaches on one attribute, one passage.
ROW = [
    "Distillation has high portability, because a student runs on any device.",
    "Quantization work is tedious.",
    "Fine-tuning has lower portability, because the tuned weights need the same hardware.",
]
PE_FT = [
    "Prompt engineering keeps maintenance light, because a template is edited in minutes.",
    "Fine-tuned models demand heavier maintenance, since every drift means another training run.",
    "Fine-tuned models are hosted on dedicated servers.",
]


def _passage(rank: int, sentences: list[str]) -> list[Scored]:
    out, start = [], 0
    for text in sentences:
        out.append(Scored(rank, start, start + len(text), 1.0, text))
        start += len(text) + 1
    return out


def test_subject_is_the_approach_a_sentence_opens_with() -> None:
    assert subject("Prompt engineering has high flexibility.") == "prompt_engineering"
    assert subject("The scalability of fine-tuning is limited.") == "fine_tuning"
    assert subject("Prompt tuning trains soft prompts.") == "prompt_tuning"
    assert subject("In Gupta's table, PEFT needs moderate resources.") == "peft"
    # an approach named late in a sentence is not what the sentence is about
    assert subject("Teams that are short on time and budget usually start with prompt engineering.") is None


def test_a_picked_half_brings_the_other_approach_s_half() -> None:
    pe_ft = _passage(0, PE_FT)
    out = with_counterparts([pe_ft[0]], pe_ft)
    assert [s.text for s in out] == [PE_FT[0], PE_FT[1]]  # shares "maintenance", not the hosting sentence
    # the other way round, and the order of the picks is kept
    other = Scored(1, 0, 10, 1.0, "Something from another passage.")
    out = with_counterparts([other, pe_ft[1]], [*pe_ft, other])
    assert [s.text for s in out] == [other.text, PE_FT[1], PE_FT[0]]


def test_no_counterpart_without_a_shared_attribute_or_a_second_approach() -> None:
    row = _passage(0, ROW)
    # "Distillation" is no approach of the field: its sentence has no subject, so it brings nothing
    assert with_counterparts([row[0]], row) == [row[0]]
    # same subject on both sides is no row (two fine-tuning sentences)
    pe_ft = _passage(0, PE_FT)
    assert counterpart(pe_ft[2], pe_ft, set()) is None  # hosting shares no attribute with maintenance
    same = _passage(0, ["Fine-tuning raises accuracy.", "Fine-tuning raises costs and accuracy."])
    assert with_counterparts([same[0]], same) == [same[0]]
    # sharing only the field's words ("model", "needs", "prompt") is no shared attribute
    bare = _passage(0, ["Fine-tuning needs a model and a prompt.", "Prompt engineering needs a model too."])
    assert with_counterparts([bare[0]], bare) == [bare[0]]


def test_a_sentence_that_is_already_a_whole_row_brings_nothing() -> None:
    whole = _passage(0, [
        "Fine-tuning costs are front-loaded, while prompt engineering costs continue.",
        "Prompt engineering costs are mostly API fees.",
    ])
    assert with_counterparts([whole[0]], whole) == [whole[0]]


def test_a_counterpart_already_in_the_answer_is_not_repeated() -> None:
    pe_ft = _passage(0, PE_FT)
    assert with_counterparts([pe_ft[1], pe_ft[0]], pe_ft) == [pe_ft[1], pe_ft[0]]


def _chunk_passage(pid: str, heading: str, sentences: list[str]) -> Passage:
    return Passage(chunk=Chunk(
        id=pid, doc_id=pid.split("#")[0], heading=heading, text=" ".join(sentences),
        title="Summary of: A Guide", source="ft-advisor summary of a site", kind="corpus"))


UPKEEP = [
    "Prompt engineering keeps maintenance light, because a template is edited in minutes.",
    "Prompt engineering teams often share templates in a wiki.",
    "Fine-tuned models demand heavier maintenance, since every drift means another training run.",
]


def test_a_comparison_answer_gives_the_whole_row_and_other_kinds_are_left_alone() -> None:
    upkeep = _chunk_passage("d#upkeep", "Comparison: upkeep", UPKEEP)
    # the question shares its words with one half only; a sentence-by-sentence pick keeps that half
    question = "which is lighter to maintain, a template edited in minutes or the other way?"
    answer = compose_extractive(question, [upkeep], covered=True, kind=QuestionKind("comparison", by="rules"))
    assert "edited in minutes" in answer.answer and "another training run" in answer.answer
    assert "wiki" not in answer.answer
    general = compose_extractive(question, [upkeep], covered=True, kind=QuestionKind("general", by="default"))
    assert "edited in minutes" in general.answer and "another training run" not in general.answer


def test_rows_only_between_the_approaches_the_question_compares() -> None:
    assert approaches_of(["prompt_engineering", "fine_tuning"]) == {"prompt_engineering", "fine_tuning"}
    assert approaches_of(["lora", "prompt_tuning"]) == {"peft", "prompt_tuning"}
    assert approaches_of(["zero_shot", "few_shot"]) == frozenset()  # no approaches compared: no rows
    assert approaches_of([]) == {"prompt_engineering", "fine_tuning"}
    peft = _passage(0, [
        "Prompt engineering keeps costs low, because nothing is trained.",
        "PEFT keeps costs low, because few weights change.",
    ])
    # a prompting-vs-fine-tuning answer gets no PEFT sentence; a PEFT-vs-prompting one does
    assert with_counterparts([peft[0]], peft, approaches_of(["prompt_engineering", "fine_tuning"])) == [peft[0]]
    assert with_counterparts([peft[0]], peft, approaches_of(["prompt_engineering", "peft"])) == peft
    assert with_counterparts([peft[0]], peft, approaches_of(["zero_shot", "few_shot"])) == [peft[0]]
