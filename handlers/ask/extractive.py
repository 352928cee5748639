"""The extractive composer (the default; no language model).

Picks the sentences of the retrieved passages that answer the question, groups them by
passage in retrieval order, and numbers citations [1], [2]... Every sentence of the answer and
every quote is copied verbatim from the passage it cites.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from handlers.ask.semantic import SentenceSimilarity
from handlers.ask.text import idf_table, split_sentences, terms
from handlers.models import Answer, Citation
from knowledge.types import Passage

NOT_COVERED = (
    "I can't answer that from my sources: neither the curated articles nor your team's notes cover it, "
    "and I won't guess. Try rephrasing it around fine-tuning, prompting, RAG, LoRA/PEFT, costs or "
    "evaluation - or save what your team knows with `note <text>`."
)

MAX_SENTENCES = 6
MAX_PER_PASSAGE = 2
SEMANTIC_WEIGHT = 30.0
TOP_PER = 3  # sentences the best passage may contribute


@dataclass(frozen=True)
class Scored:
    passage_rank: int
    start: int
    end: int
    score: float
    text: str


def score_sentences(
    question: str, passages: Sequence[Passage], similarity: SentenceSimilarity | None = None
) -> list[Scored]:
    """Every sentence of every passage, scored against the question (higher = more relevant):
    IDF-weighted term overlap, plus cosine similarity when sentence embeddings are available."""
    q_terms = set(terms(question))
    spans_per_passage = [split_sentences(p.text) for p in passages]
    sentence_terms = [
        [terms(p.text[s:e]) for s, e in spans] for p, spans in zip(passages, spans_per_passage, strict=True)
    ]
    idf = idf_table(t for per in sentence_terms for t in per)
    heading_terms = [set(terms(p.chunk.heading + " " + p.chunk.title)) for p in passages]
    wants_number = any(w in question.lower() for w in ("how much", "how many", "how long", "percent", "%", "cost"))
    semantic: list[float] = []
    if similarity is not None:
        flat = [p.text[s:e] for p, spans in zip(passages, spans_per_passage, strict=True) for s, e in spans]
        semantic = similarity.scores(question, flat)
    out: list[Scored] = []
    i = 0
    for rank, (p, spans, sterms) in enumerate(zip(passages, spans_per_passage, sentence_terms, strict=True)):
        prior = 1.0 / (1 + 0.35 * rank)
        for (s, e), st in zip(spans, sterms, strict=True):
            present = q_terms.intersection(st)
            lexical = sum(idf.get(t, 1.0) for t in present)
            heading_bonus = 0.3 * len(q_terms & heading_terms[rank])
            text = p.text[s:e]
            number_bonus = 0.5 if wants_number and any(ch.isdigit() for ch in text) else 0.0
            length_penalty = 0.5 if len(st) < 4 else 1.0
            cosine = semantic[i] if semantic else 0.0
            i += 1
            score = (lexical + heading_bonus + number_bonus + SEMANTIC_WEIGHT * max(0.0, cosine)) * prior
            out.append(Scored(rank, s, e, score * length_penalty, text))
    return out


def select_sentences(scored: Sequence[Scored]) -> list[Scored]:
    """Best sentences, at most MAX_PER_PASSAGE per passage; always the best of the top passage."""
    if not scored:
        return []
    ranked = sorted(scored, key=lambda x: (-x.score, x.passage_rank, x.start))
    best = ranked[0].score
    chosen: list[Scored] = []
    per_passage: dict[int, int] = {}
    top_per = {0: TOP_PER}
    top_of_first = max((x for x in scored if x.passage_rank == 0), key=lambda x: x.score, default=None)
    if top_of_first is not None:
        chosen.append(top_of_first)
        per_passage[0] = 1
    for cand in ranked:
        if len(chosen) >= MAX_SENTENCES:
            break
        if cand in chosen or cand.score <= 0 or cand.score < 0.35 * best:
            continue
        if per_passage.get(cand.passage_rank, 0) >= top_per.get(cand.passage_rank, MAX_PER_PASSAGE):
            continue
        if any(_near_duplicate(cand.text, c.text) for c in chosen):
            continue
        chosen.append(cand)
        per_passage[cand.passage_rank] = per_passage.get(cand.passage_rank, 0) + 1
    return sorted(chosen, key=lambda x: (x.passage_rank, x.start))


def _near_duplicate(a: str, b: str) -> bool:
    ta, tb = set(terms(a)), set(terms(b))
    if not ta or not tb:
        return False
    return len(ta & tb) / len(ta | tb) > 0.7


def compose_extractive(
    question: str, passages: Sequence[Passage], *, covered: bool, similarity: SentenceSimilarity | None = None
) -> Answer:
    if not covered or not passages:
        return Answer(answer=NOT_COVERED, citations=[], grounded=False, mode="extractive")
    chosen = select_sentences(score_sentences(question, passages, similarity))
    if not chosen:
        return Answer(answer=NOT_COVERED, citations=[], grounded=False, mode="extractive")
    citations: list[Citation] = []
    numbers: dict[int, int] = {}
    paragraphs: list[str] = []
    for rank in sorted({c.passage_rank for c in chosen}):
        group = [c for c in chosen if c.passage_rank == rank]
        p = passages[rank]
        n = numbers.setdefault(rank, len(numbers) + 1)
        citations.append(
            Citation(n=n, id=p.chunk.id, title=p.chunk.title, source=p.chunk.source, quote=quote_for(p, group))
        )
        paragraphs.append(" ".join(c.text for c in group) + f" [{n}]")
    return Answer(answer="\n\n".join(paragraphs), citations=citations, grounded=True, mode="extractive")


def quote_for(passage: Passage, group: Sequence[Scored]) -> str:
    """A verbatim quote: the span covering the group's sentences when they are adjacent, else the best."""
    first, last = min(group, key=lambda c: c.start), max(group, key=lambda c: c.end)
    span = passage.text[first.start : last.end]
    if len(span) <= 400:
        return span
    return max(group, key=lambda c: c.score).text


def best_quote(question: str, passage: Passage, similarity: SentenceSimilarity | None = None) -> str:
    """The passage's sentence most relevant to the question (used by the LLM composer's citations)."""
    scored = score_sentences(question, [passage], similarity)
    if not scored:
        return passage.text[:300]
    return max(scored, key=lambda x: x.score).text
