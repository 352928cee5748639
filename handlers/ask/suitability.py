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
from functools import lru_cache

from handlers.ask.focus import BY_KEY, Concept, mentions_any, widened
from handlers.ask.picks import distinct
from handlers.ask.scored import Scored
from handlers.ask.semantic import SentenceSimilarity
from handlers.ask.text import split_sentences, terms
from knowledge.types import Passage

CORROBORATING = 2  # sentences from across the corpus backing the stated facts' reasons (one a reason)
FITTING_CACHE = 4096  # (passage text, approaches) whose fitting sentences are kept

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


@lru_cache(maxsize=FITTING_CACHE)
def fitting_spans(text: str, keys: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    """The (start, end) spans of the sentences of `text` that say when one of the approaches
    `keys` (`handlers.ask.focus` keys) fits; kept, since the same curated passages are read for
    every decision."""
    about = [BY_KEY[k] for k in keys]
    return tuple((start, end) for start, end in split_sentences(text) if says_fits(text[start:end], about))


def _closeness(texts: Sequence[str], sentences: Sequence[str], similarity: SentenceSimilarity | None,
               *, as_query: bool) -> list[list[float]]:
    """Per text, how close each sentence is: cosine with the encoder (the text embedded as a query
    or, for the rubric's own sentences, as a document), word overlap without."""
    if similarity is not None:
        if as_query:
            return [similarity.scores(t, sentences) for t in texts]
        return [similarity.pair_scores(t, sentences) for t in texts]
    have = [set(terms(s)) for s in sentences]
    out = []
    for text in texts:
        words = set(terms(text))
        out.append([len(h & words) / max(1, len(h | words)) for h in have])
    return out


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
    keys = tuple(c.key for c in about)
    candidates = [
        Scored(passage_rank=rank, start=start, end=end, score=0.0, text=p.text[start:end])
        for rank, p in enumerate(passages)
        if p.chunk.kind == "corpus"  # curated: their sentence vectors are stored, a note's would be embedded
        for start, end in fitting_spans(p.text, keys)
    ]
    out: list[Scored] = []
    if not candidates:
        return out
    texts = [c.text for c in candidates]
    # the closest clause counts (a clause states one fact, the reason speaks of one of them)
    clauses = _closeness(grounds, texts, similarity, as_query=True)
    situation = [max((c[i] for c in clauses), default=0.0) for i in range(len(texts))]
    for closeness in _closeness(reasons, texts, similarity, as_query=False):  # one reason each, in order
        if len(out) >= limit:
            break
        close = [r + g for r, g in zip(closeness, situation, strict=True)]
        ranked = sorted(zip(close, range(len(candidates)), strict=True), key=lambda t: -t[0])
        for score, i in ranked:
            pick = replace(candidates[i], score=score)
            if score > 0 and distinct([*chosen, *out], pick):
                out.append(pick)
                break
    return out
