"""Which source sentences say when an approach fits (pure; no models): the articles' own
statement of why the verdict's approach suits a situation like the one asked about.

A decision answer quotes the sentences its reasons cite and the sentences closest to the clauses
the rubric read (`handlers.ask.decision`). Neither is sure to include the article's sentence that
names the verdict's approach together with the situation's need ("prompt engineering fits tasks with
frequent task switching", "RAG suits knowledge-intensive applications whose knowledge needs frequent
updates", "such systems are good candidates for fine-tuning"): the reasons cite one passage each,
and a clause in the user's words ("the tasks change daily") is rarely close in meaning to the
article's words for the same need. A sentence of that shape is recognised by its predicate - the
article saying an approach suits, fits, is recommended for, preferable, needed or a good candidate -
and the best of them for the question is the evidence `compose_decision` adds.

A reason cites one passage, yet the articles often state the same need in several places, each in
its own words ("tight deadlines", "quick deployment", "keep cloud budgets tight", "frequent task
switching"): `corroborating` finds, across the whole curated corpus, the sentence of that shape
closest to each reason the user's stated facts earned (the rubric's words for the need) and to the
clauses the facts were read from (the user's words), so the answer carries what the articles say
about the choice even when the question states only a fact or two.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from handlers.ask.focus import Concept, mentions_any, widened
from handlers.ask.picks import distinct
from handlers.ask.scored import Scored
from handlers.ask.semantic import SentenceSimilarity
from handlers.ask.text import split_sentences, terms
from knowledge.types import Passage

CORROBORATING = 2  # sentences from across the corpus backing the stated facts' reasons (one a reason)

#: A sentence saying that something suits a situation: the articles' ways of recommending.
SUITS = re.compile(
    r"\b(fits?|suits?|suited|suitable|ideal(ly)?|preferable|prefer(red)?|recommend(s|ed)?|"
    r"(good|better|best|right|superior) (fit|choice|candidates?|option)|"
    r"(is|are|becomes?) (usually |often |typically |especially )?(needed|necessary|essential|required)|"
    r"especially (valuable|attractive|effective|useful)|attractive for|valuable for|"
    r"benefits? (more |most )?from|favou?rs?|makes? sense|shines?|excels?|justif(y|ies))\b",
    re.IGNORECASE,
)


def says_fits(sentence: str, about: Sequence[Concept]) -> bool:
    """The sentence names one of the approaches `about` and says what it suits."""
    return bool(SUITS.search(sentence)) and mentions_any(sentence, widened(list(about)))


def best_fit(
    scored: Sequence[Scored], about: Sequence[Concept], chosen: Sequence[Scored], limit: int = 1
) -> list[Scored]:
    """The `limit` best-scoring sentences (scored against the question) that say when one of the
    verdict's approaches fits, leaving out those already chosen (same passage and start)."""
    taken = {(s.passage_rank, s.start) for s in chosen}
    fits = [s for s in scored if s.score > 0 and (s.passage_rank, s.start) not in taken and says_fits(s.text, about)]
    return sorted(fits, key=lambda s: -s.score)[:limit]


def _closeness(
    reason: str, grounds: Sequence[str], sentences: Sequence[str], similarity: SentenceSimilarity | None
) -> list[float]:
    """How close each sentence is to the reason plus the closest of the situation's clauses: cosine
    with the encoder (the reason as a document, the clauses as queries), word overlap without."""
    if similarity is not None:
        out = similarity.pair_scores(reason, sentences)
        per_clause = [similarity.scores(g, sentences) for g in grounds]
        return [r + max((c[i] for c in per_clause), default=0.0) for i, r in enumerate(out)]
    wanted = [set(terms(reason)), *(set(terms(g)) for g in grounds)]

    def overlap(sentence: str, words: set[str]) -> float:
        have = set(terms(sentence))
        return len(have & words) / max(1, len(have | words))

    return [overlap(s, wanted[0]) + max((overlap(s, w) for w in wanted[1:]), default=0.0) for s in sentences]


def corroborating(
    reasons: Sequence[str],
    grounds: Sequence[str],
    passages: Sequence[Passage],
    about: Sequence[Concept],
    chosen: Sequence[Scored],
    similarity: SentenceSimilarity | None = None,
    limit: int = CORROBORATING,
) -> list[Scored]:
    """For each reason in turn (the rubric's words for a need the user stated), the sentence of
    `passages` that says when one of the verdict's approaches fits (`says_fits`) and is closest to
    the reason together with the situation's clauses (`grounds`), unless it repeats a sentence
    chosen already; at most `limit` sentences. Only the curated passages of `passages` are read;
    `passage_rank` indexes `passages`."""
    candidates = [
        Scored(passage_rank=rank, start=start, end=end, score=0.0, text=p.text[start:end])
        for rank, p in enumerate(passages)
        if p.chunk.kind == "corpus"  # curated: their sentence vectors are stored, a note's would be embedded
        for start, end in split_sentences(p.text)
        if says_fits(p.text[start:end], about)
    ]
    out: list[Scored] = []
    if not candidates:
        return out
    for reason in reasons:
        if len(out) >= limit:
            break
        close = _closeness(reason, grounds, [c.text for c in candidates], similarity)
        ranked = sorted(zip(close, range(len(candidates)), strict=True), key=lambda t: -t[0])
        for score, i in ranked:
            pick = replace(candidates[i], score=score)
            if score > 0 and distinct([*chosen, *out], pick):
                out.append(pick)
                break
    return out
