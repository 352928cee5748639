"""From picked sentences to answer text and honest, numbered citations.

- Sentences are shown in the order the picker chose; consecutive sentences of one passage form one
  paragraph ending with its citation number; numbers follow first appearance.
- A citation of the curated corpus is labelled as ft-advisor's summary (`Citation.summary`, set
  from the corpus title "Summary of: ..."); every other quote is verbatim text of what it cites.
- When the team has ingested an original page (a document, not a summary) that states the same
  fact as a summary sentence, the original's verbatim sentence replaces the summary sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from handlers.ask.scored import Scored
from handlers.ask.semantic import SentenceSimilarity
from handlers.ask.text import terms
from handlers.models import SUMMARY_PREFIX, Citation
from knowledge.types import Passage

SAME_FACT_COSINE = 0.78
SAME_FACT_JACCARD = 0.5
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def is_summary(passage: Passage) -> bool:
    return passage.chunk.title.startswith(SUMMARY_PREFIX)


def _same_numbers(summary: str, original: str) -> bool:
    return set(_NUMBER.findall(summary)) <= set(_NUMBER.findall(original))


def _jaccard(a: str, b: str) -> float:
    ta, tb = set(terms(a)), set(terms(b))
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0


def prefer_verbatim(
    picks: Sequence[Scored],
    scored: Sequence[Scored],
    passages: Sequence[Passage],
    similarity: SentenceSimilarity | None = None,
) -> list[Scored]:
    """Each summary sentence replaced by an original document's sentence stating the same fact."""
    originals = [s for s in scored if passages[s.passage_rank].chunk.kind == "document"
                 and not is_summary(passages[s.passage_rank])]
    if not originals:
        return list(picks)
    out: list[Scored] = []
    for pick in picks:
        replacement = None
        if is_summary(passages[pick.passage_rank]):
            candidates = [o for o in originals if _same_numbers(pick.text, o.text) and o not in out]
            if candidates:
                if similarity is not None:
                    cos = similarity.pair_scores(pick.text, [o.text for o in candidates])
                    best = max(range(len(candidates)), key=lambda i: cos[i])
                    if cos[best] >= SAME_FACT_COSINE:
                        replacement = candidates[best]
                if replacement is None:
                    lex = max(candidates, key=lambda o: _jaccard(pick.text, o.text))
                    if _jaccard(pick.text, lex.text) >= SAME_FACT_JACCARD:
                        replacement = lex
        out.append(replacement or pick)
    return out


def render(
    picks: Sequence[Scored], passages: Sequence[Passage], known: dict[str, int] | None = None
) -> tuple[str, list[Citation]]:
    """Paragraphs `text [n]` in pick order and the new citations they use. `known`: passage id ->
    number of citations already made (reused; new numbers continue after them)."""
    known = known or {}
    numbers: dict[int, int] = {}
    fresh: set[int] = set()
    groups: list[tuple[int, list[Scored]]] = []
    for pick in picks:
        if groups and groups[-1][0] == pick.passage_rank:
            groups[-1][1].append(pick)
        else:
            groups.append((pick.passage_rank, [pick]))
    paragraphs = []
    for rank, group in groups:
        if rank not in numbers:
            pid = passages[rank].chunk.id
            if pid in known:
                numbers[rank] = known[pid]
            else:
                numbers[rank] = len(known) + len(fresh) + 1
                fresh.add(rank)
        paragraphs.append(" ".join(s.text for s in group) + f" [{numbers[rank]}]")
    citations = []
    for rank, n in numbers.items():
        if rank not in fresh:
            continue
        used = [s for s in picks if s.passage_rank == rank]
        citations.append(citation_for(passages[rank], n, quote_for(passages[rank], used)))
    return "\n\n".join(paragraphs), citations


def citation_for(passage: Passage, n: int, quote: str) -> Citation:
    chunk = passage.chunk
    return Citation(n=n, id=chunk.id, title=chunk.title, source=chunk.source, quote=quote,
                    summary=is_summary(passage))


def quote_for(passage: Passage, group: Sequence[Scored]) -> str:
    """Verbatim from the passage: the span covering the group's sentences when short enough,
    else the best sentence."""
    first, last = min(group, key=lambda c: c.start), max(group, key=lambda c: c.end)
    span = passage.text[first.start : last.end]
    if len(span) <= 400:
        return span
    return max(group, key=lambda c: c.score).text
