"""Vocabulary normalisation for keyword search: one set of terms per concept, however it is written.

Users type "FT", "finetune", "fine tuning", "fine-tuned", "PE", "LLM", "RAG", "PEFT", "LoRA"; the
articles write "fine-tuning", "prompt engineering", "large language models", "retrieval-augmented
generation", "parameter-efficient fine-tuning", "Low-Rank Adaptation" (and now and then the
abbreviation). BM25 matches terms, so, applied alike to indexed text and to questions (both go
through `knowledge.terms.tokenize`):

- an abbreviation or run-together spelling ("ft", "finetune", "llm", "rag") is followed by the
  terms of its spelled-out phrase ("fine tun", "larg languag model"), so it matches the passages
  that spell the concept out; the spelled-out phrase itself is left as it is, so a concept written
  in full is not counted twice;
- an open compound becomes the closed one ("data set" -> "dataset", "pre trained" -> "pretrain");
- British spellings become American ("customis" -> "customiz", "behaviour" -> "behavior",
  "labell" -> "label"), a rule on word endings rather than a word list; one that turns a word into
  a non-word ("precis" -> "preciz") is harmless, both sides get the same term.

The abbreviation itself is kept, so an index written before this (PostgreSQL keeps each chunk's
terms) still matches every abbreviation it matched; its British spellings and open compounds
match again after `ftadvisor reindex` (the in-memory index is rebuilt at every start).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

#: (spelled-out phrase, how users abbreviate or run it together).
ABBREVIATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("fine tuning", ("ft", "finetune", "finetuning", "finetuned")),
    ("prompt engineering", ("pe",)),
    ("retrieval augmented generation", ("rag",)),
    ("parameter efficient fine tuning", ("peft",)),
    ("low rank adaptation", ("lora",)),
    ("large language model", ("llm", "llms")),
    ("chain of thought", ("cot",)),
    ("reinforcement learning from human feedback", ("rlhf",)),
    ("supervised fine tuning", ("sft",)),
    ("machine learning", ("ml",)),
)
#: (open compound, closed compound): the open one becomes the closed one.
COMPOUNDS: tuple[tuple[str, str], ...] = (
    ("data set", "dataset"),
    ("pre trained", "pretrained"),
    ("chat bot", "chatbot"),
    ("hyper parameter", "hyperparameter"),
)

#: British -> American word endings, applied to stemmed terms of at least `min_len` letters
#: ("customise"/"customised"/"customising" all stem to "customis"). A rule that turns a word into
#: a non-word ("precise" -> "preciz") is harmless: both sides get the same term.
_ENDINGS: tuple[tuple[str, str, int], ...] = (
    ("isation", "ization", 9),
    ("iser", "izer", 7),
    ("sis", "sis", 6),  # analysis, emphasis: not a British -ise
    ("is", "iz", 6),
    ("lys", "lyz", 6),
    ("our", "or", 6),
    ("ll", "l", 6),
    ("ogu", "og", 6),
)


@functools.lru_cache(maxsize=262_144)
def american(term: str) -> str:
    """The American spelling of a stemmed term (the term itself when no ending rule applies)."""
    if not term.isalpha():
        return term
    for ending, replacement, min_len in _ENDINGS:
        if len(term) >= min_len and term.endswith(ending):
            return term[: -len(ending)] + replacement
    return term


class TermForms:
    """The tables above, stemmed with the tokenizer's `stems` (text -> stemmed terms)."""

    def __init__(self, stems: Callable[[str], list[str]]) -> None:
        def terms(text: str) -> tuple[str, ...]:
            return tuple(american(t) for t in stems(text))

        self.expansions: dict[str, tuple[str, ...]] = {}  # abbreviation -> its phrase's terms
        for phrase, abbreviations in ABBREVIATIONS:
            for abbreviation in abbreviations:
                for term in terms(abbreviation):
                    self.expansions[term] = terms(phrase)
        self.compounds: dict[tuple[str, str], str] = {}  # (first, second) term -> the closed term
        for open_form, closed in COMPOUNDS:
            first, second = terms(open_form)
            self.compounds[(first, second)] = "".join(terms(closed))

    def normalise(self, terms: Sequence[str]) -> list[str]:
        """`terms` in American spelling, open compounds closed, each abbreviation followed by its
        spelled-out phrase's terms."""
        us = [american(t) for t in terms]
        out: list[str] = []
        i = 0
        while i < len(us):
            term = us[i]
            closed = self.compounds.get((term, us[i + 1])) if i + 1 < len(us) else None
            if closed is not None:
                out.append(closed)
                i += 2
                continue
            out.append(term)
            out.extend(self.expansions.get(term, ()))
            i += 1
        return out
