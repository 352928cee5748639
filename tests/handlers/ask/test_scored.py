"""Sentence scoring: which sentences are embedded for the cosine term."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from handlers.ask.extractive import compose_extractive
from handlers.ask.scored import score_sentences
from handlers.ask.semantic import SentenceSimilarity
from knowledge.types import Chunk, Passage, PassageKind


class CountingEncoder:
    """Embeds every text as the same unit vector and remembers what it was asked to embed."""

    def __init__(self) -> None:
        self.documents: list[str] = []

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        self.documents.extend(texts)
        return np.ones((len(texts), 4), dtype=np.float32) / 2.0

    def embed_query(self, text: str) -> np.ndarray:
        return np.ones(4, dtype=np.float32) / 2.0


def passage(pid: str, text: str, kind: PassageKind) -> Passage:
    return Passage(chunk=Chunk(id=pid, doc_id=pid.split("#")[0], text=text, heading="", title="T", source="S",
                               kind=kind))


LORA = passage("a#lora", "LoRA trains small adapter matrices. LoRA keeps the base model frozen.", "corpus")
NOTE = passage("note#1", "Our team tried LoRA on tickets last spring.", "note")
DOC = passage("doc#1", "The vendor guide says LoRA adapters are small.", "document")


def test_lexical_only_passages_are_not_embedded_and_get_no_cosine() -> None:
    encoder = CountingEncoder()
    scored = score_sentences("what is LoRA?", [LORA, NOTE], SentenceSimilarity(encoder), lexical_only=frozenset({1}))
    assert "Our team tried LoRA on tickets last spring." not in encoder.documents
    assert "LoRA trains small adapter matrices." in encoder.documents
    with_cosine = score_sentences("what is LoRA?", [LORA, NOTE], SentenceSimilarity(CountingEncoder()))
    note_score = [s.score for s in scored if s.passage_rank == 1]
    assert note_score and note_score[0] < next(s.score for s in with_cosine if s.passage_rank == 1)


def test_further_notes_are_scored_by_words_only_but_top_notes_and_documents_are_embedded() -> None:
    encoder = CountingEncoder()
    top_note = passage("note#2", "We store LoRA adapters per customer.", "note")
    compose_extractive("what is LoRA?", [LORA, top_note], covered=True, similarity=SentenceSimilarity(encoder),
                       alternates=[NOTE, DOC])
    assert "We store LoRA adapters per customer." in encoder.documents  # a top passage, even a note
    assert "The vendor guide says LoRA adapters are small." in encoder.documents  # a further document
    assert "Our team tried LoRA on tickets last spring." not in encoder.documents  # a further note


def test_each_sentence_keeps_its_cosine_to_the_question_and_lexical_only_ones_have_none() -> None:
    # the unit vectors of CountingEncoder are identical: every embedded sentence's cosine is 1
    scored = score_sentences("what is LoRA?", [LORA, NOTE], SentenceSimilarity(CountingEncoder()),
                             lexical_only=frozenset({1}))
    assert [round(s.cosine, 3) for s in scored if s.passage_rank == 0] == [1.0, 1.0]
    assert [s.cosine for s in scored if s.passage_rank == 1] == [0.0]
    assert all(s.cosine == 0.0 for s in score_sentences("what is LoRA?", [LORA]))  # no embeddings
