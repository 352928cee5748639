"""Vocabulary normalisation: every way of writing a concept meets on one term, on both sides."""

from __future__ import annotations

import pytest

from knowledge.keyword import KeywordIndex
from knowledge.term_forms import TermForms, american
from knowledge.terms import stems, tokenize
from knowledge.types import Chunk


def _chunk(chunk_id: str, text: str) -> Chunk:
    return Chunk(id=chunk_id, doc_id=chunk_id.split("#")[0], text=text, title="", source="S")


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("FT", "fine-tuning"),
        ("finetune", "fine tuning"),
        ("finetuned", "fine-tuned"),
        ("PE", "prompt engineering"),
        ("LLMs", "large language models"),
        ("RAG", "retrieval-augmented generation"),
        ("PEFT", "parameter-efficient fine-tuning"),
        ("PEFT", "parameter-efficient methods"),
        ("LoRA", "Low-Rank Adaptation"),
        ("CoT", "chain-of-thought"),
        ("RLHF", "reinforcement learning from human feedback"),
        ("pretrained", "pre-trained"),
        ("data set", "dataset"),
        ("customise", "customize"),
        ("behaviour", "behavior"),
        ("labelled", "labeled"),
    ],
)
def test_a_typed_form_shares_a_term_with_the_written_one(typed: str, written: str) -> None:
    assert set(tokenize(typed)) & set(tokenize(written))


def test_the_abbreviation_is_kept_and_the_written_phrase_left_alone() -> None:
    assert tokenize("RAG")[0] == "rag" and set(stems("retrieval augmented generation")) <= set(tokenize("RAG"))
    assert tokenize("prompt engineering and fine-tuning") == stems("prompt engineering and fine-tuning")


def test_unrelated_words_are_left_alone() -> None:
    assert tokenize("the capital of France") == stems("the capital of France")
    assert american("analysis") == "analysis" and american("1000x") == "1000x"
    assert tokenize("fine weather") == stems("fine weather")  # "fine" alone is not fine-tuning


def test_open_compounds_close_on_consecutive_terms_only() -> None:
    forms = TermForms(stems)
    assert forms.normalise(stems("a data set")) == stems("dataset")
    assert "dataset" not in forms.normalise(stems("set the data"))


def test_keyword_search_finds_the_spelled_out_passage_from_the_abbreviation() -> None:
    index = KeywordIndex(
        [
            _chunk("d#rag", "Retrieval-augmented generation keeps the knowledge base apart from the model."),
            _chunk("d#peft", "Parameter-efficient methods update a small share of the weights."),
            _chunk("d#other", "Prompts guide a model without changing its weights."),
        ]
    )
    assert index.search("does RAG keep the docs outside the model?", 3)[0][0] == "d#rag"
    assert index.search("how does PEFT update the weights", 3)[0][0] == "d#peft"
