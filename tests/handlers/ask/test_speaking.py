"""Which side of a comparison a sentence speaks for (handlers.ask.speaking)."""

from __future__ import annotations

from handlers.ask.focus import BY_KEY, widened
from handlers.ask.speaking import side_names, speaks_for


def test_a_sentence_speaks_for_the_side_it_names_first() -> None:
    peft, full = widened([BY_KEY["peft"]]), widened([BY_KEY["full_ft"]])
    sentence = "PEFT methods keep 95% of the performance of full fine-tuning."
    assert speaks_for(sentence, peft, full) and not speaks_for(sentence, full, peft)


def test_full_fine_tuning_speaks_through_plain_fine_tuning_unless_that_is_the_other_side() -> None:
    full = BY_KEY["full_ft"]
    assert BY_KEY["fine_tuning"] in side_names(full, [BY_KEY["lora"]])
    assert BY_KEY["fine_tuning"] not in side_names(full, [BY_KEY["fine_tuning"]])


def test_a_sentence_naming_the_two_sides_side_by_side_speaks_for_neither() -> None:
    pe, ft = widened([BY_KEY["prompt_engineering"]]), widened([BY_KEY["fine_tuning"]])
    together = "SkillWisor says data requirements differ significantly between prompt engineering and fine-tuning."
    assert not speaks_for(together, pe, ft) and not speaks_for(together, ft, pe)
    assert speaks_for("Prompt engineering is cheaper than fine-tuning.", pe, ft)
    # a sentence listing more approaches still speaks for the first it names
    peft, rag = widened([BY_KEY["peft"]]), widened([BY_KEY["rag_name"]])
    assert speaks_for("Prompt tuning, PEFT and RAG join the choice.", peft, rag)


def test_a_main_approach_named_inside_another_concept_s_name_is_not_spoken_for() -> None:
    ft, pe = widened([BY_KEY["fine_tuning"]]), widened([BY_KEY["prompt_engineering"]])
    peft_row = "In the guide, parameter-efficient fine-tuning (PEFT) suits domain specialization."
    assert not speaks_for(peft_row, ft, pe)
    assert not speaks_for("Soft prompts are learned vectors.", pe, ft)
    assert speaks_for("Full fine-tuning needs high resources.", ft, pe)  # a way of doing fine-tuning
    assert speaks_for("Prompt templates standardize inputs.", pe, ft)
    # "combine fine-tuning" says how, it names no other concept
    assert speaks_for("Teams combine fine-tuning with prompt engineering.", ft, pe)


def test_a_sentence_about_a_third_approach_speaks_for_neither_side() -> None:
    ft, rag, pe = widened([BY_KEY["fine_tuning"]]), widened([BY_KEY["rag"]]), widened([BY_KEY["prompt_engineering"]])
    # "retraining" names fine-tuning, but the sentence is about prompt engineering
    about_pe = "Prompt engineering adapts easily to multiple use cases without any retraining."
    assert not speaks_for(about_pe, ft, rag) and not speaks_for(about_pe, rag, ft)
    assert speaks_for(about_pe, pe, ft)
    full, lora = side_names(BY_KEY["full_ft"], [BY_KEY["lora"]]), widened([BY_KEY["lora"]])
    assert not speaks_for("Prompt tuning updates 1000x fewer parameters than full fine-tuning.", full, lora)
    # a way of prompting is still prompting; a listing still speaks for the first side it names
    assert speaks_for("Few-shot prompting often performs as well as a model trained on a small dataset.", pe, ft)
    peft = widened([BY_KEY["peft"]])
    assert speaks_for("Prompt tuning, PEFT and RAG join the choice.", peft, rag)
    # a clause of its own speaks for the side it names
    ranked = "Prompt engineering needs minimal resources, prompt tuning needs low to moderate resources."
    assert speaks_for(ranked, widened([BY_KEY["prompt_tuning"]]), lora)
