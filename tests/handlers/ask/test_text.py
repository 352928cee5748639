"""Sentence splitting and terms (`handlers.ask.text`)."""

from __future__ import annotations

from handlers.ask.text import sentences_of, split_sentences, stem, terms


def test_terms_are_stemmed_without_stopwords_and_fine_tuning_is_one_word() -> None:
    assert terms("How do we fine-tune the adapters?") == ["finetune", "adapter"]
    assert stem("training") == "train"


def test_terms_hands_out_a_fresh_list_each_time() -> None:
    first = terms("LoRA adapters are small")
    first.append("changed")
    assert terms("LoRA adapters are small") == ["lora", "adapter", "small"]


def test_sentences_are_split_at_end_punctuation_and_bullets() -> None:
    text = "LoRA trains adapters. It is cheap.\n- RAG needs an index."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "LoRA trains adapters.", "It is cheap.", "RAG needs an index.",
    ]


def test_sentences_of_is_the_text_of_each_split_span() -> None:
    text = "LoRA is cheap. It trains adapters.\n- RAG needs an index"
    assert sentences_of(text) == [text[s:e] for s, e in split_sentences(text)] == [
        "LoRA is cheap.", "It trains adapters.", "RAG needs an index",
    ]
