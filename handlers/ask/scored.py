"""Scoring every sentence of the retrieved passages against the question (pure).

Score = (IDF-weighted term overlap + heading overlap + a bonus for numbers when a figure is
asked + weighted cosine similarity when sentence embeddings are available) x a retrieval-rank
prior; very short fragments count half.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from handlers.ask.semantic import SentenceSimilarity
from handlers.ask.text import idf_table, split_sentences, terms
from knowledge.expansion import expand
from knowledge.types import Passage

SEMANTIC_WEIGHT = 30.0
NUMBER_BONUS = 3.0
#: A figure in a sentence: a number, a duration, money or a multiple.
QUANTITY = re.compile(
    r"\d|\b(hours?|days?|weeks?|months?|years?|thousands?|millions?|billions?|dollars?|percent|instant\w*)\b",
    re.IGNORECASE,
)
ABOUT_ARTICLE_FACTOR = 0.5  # a curated "Scope:" section describes the article, not the subject
_ABOUT_THE_ARTICLE = re.compile(r"scope\b", re.IGNORECASE)
RANK_DECAY = 0.2  # retrieval-rank prior: 1 / (1 + RANK_DECAY * rank)
OFF_TOPIC_FACTOR = 0.5
#: Words of the field itself: naming them does not narrow what a question is about.
FIELD_TERMS = frozenset(terms(
    "fine-tune fine-tuning finetune tune tuned tuning prompt prompts prompting engineering engineer model models "
    "llm llms ai approach approaches method methods option options work works company team project product "
    "question answer customization customize customizing language large need needs compare compared comparison "
    "difference differ between versus take takes actually really like roughly exactly kind kinds look work go get "
    "want start matter good fit thing things"
))
_WANTS_NUMBER = ("how much", "how many", "how long", "how close", "percent", "%", "how fast", "how big", "time to")


def _touches(topic: frozenset[str], sentence_terms: list[str]) -> bool:
    """A sentence term equals a topic term or extends it ("data" -> "datasets")."""
    return any(t == term or (len(t) >= 4 and term.startswith(t)) for term in sentence_terms for t in topic)


def topic_terms(question: str) -> frozenset[str]:
    """The question's terms (with the articles' words for them) minus the field's everyday words."""
    return frozenset(terms(expand(question))) - FIELD_TERMS


@dataclass(frozen=True)
class Scored:
    """One sentence of a retrieved passage and how well it answers the question. `cosine`: the
    sentence embedding's similarity to the question's alone (0 without embeddings), already part
    of `score`; kept so that a composer can ask which sentences are closest in meaning."""

    passage_rank: int
    start: int
    end: int
    score: float
    text: str
    cosine: float = 0.0


def score_sentences(
    question: str,
    passages: Sequence[Passage],
    similarity: SentenceSimilarity | None = None,
    *,
    lexical_only: frozenset[int] = frozenset(),
) -> list[Scored]:
    """Every sentence of every passage, scored against the question (higher = more relevant).
    Passages whose index is in `lexical_only` get no cosine term (their sentences are not embedded)."""
    q_terms = set(terms(question))
    spans_per_passage = [split_sentences(p.text) for p in passages]
    sentence_terms = [
        [terms(p.text[s:e]) for s, e in spans] for p, spans in zip(passages, spans_per_passage, strict=True)
    ]
    idf = idf_table(t for per in sentence_terms for t in per)
    heading_terms = [set(terms(p.chunk.heading + " " + p.chunk.title)) for p in passages]
    wants_number = any(w in question.lower() for w in _WANTS_NUMBER)
    topic = topic_terms(question)
    if not any(_touches(topic, st) for per in sentence_terms for st in per):
        topic = frozenset()
    semantic: list[float] = []
    if similarity is not None:
        flat = [
            p.text[s:e]
            for n, (p, spans) in enumerate(zip(passages, spans_per_passage, strict=True))
            if n not in lexical_only
            for s, e in spans
        ]
        found = iter(similarity.scores(question, flat))
        semantic = [
            0.0 if n in lexical_only else next(found)
            for n, spans in enumerate(spans_per_passage)
            for _ in spans
        ]
    out: list[Scored] = []
    i = 0
    for rank, (p, spans, sterms) in enumerate(zip(passages, spans_per_passage, sentence_terms, strict=True)):
        prior = 1.0 / (1 + RANK_DECAY * rank)
        for (s, e), st in zip(spans, sterms, strict=True):
            present = q_terms.intersection(st)
            lexical = sum(idf.get(t, 1.0) for t in present)
            heading_bonus = 0.3 * len(q_terms & heading_terms[rank])
            text = p.text[s:e]
            number_bonus = NUMBER_BONUS if wants_number and QUANTITY.search(text) else 0.0
            length_penalty = 0.5 if len(st) < 4 else 1.0
            if topic and not _touches(topic, st):
                length_penalty *= OFF_TOPIC_FACTOR
            if _ABOUT_THE_ARTICLE.match(p.chunk.heading):
                length_penalty *= ABOUT_ARTICLE_FACTOR
            cosine = semantic[i] if semantic else 0.0
            i += 1
            score = (lexical + heading_bonus + number_bonus + SEMANTIC_WEIGHT * max(0.0, cosine)) * prior
            out.append(Scored(rank, s, e, score * length_penalty, text, cosine))
    return out
