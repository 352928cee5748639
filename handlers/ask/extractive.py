"""The extractive composer (the default; no language model).

Scores the sentences of the retrieved passages (`handlers.ask.scored`), picks the ones that
answer the question the way its kind asks for (`handlers.ask.picks`), keeps a list's items together
(an announcing sentence with its items, `handlers.ask.announced`; a picked item of a list written as
parallel sentences with its siblings, `handlers.ask.parallel_items`; in a comparison, one approach's
half of a row with the other's, `handlers.ask.counterparts`), swaps summary sentences for
an ingested original's verbatim sentence when one states the same fact, and numbers citations
[1], [2]... Every sentence of the answer and every quote is copied verbatim from what it cites.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from handlers.ask.announced import with_announced_items
from handlers.ask.asked_term import asked_concept
from handlers.ask.citing import prefer_verbatim, render
from handlers.ask.compare import pick_comparison
from handlers.ask.compared import comparison_sides
from handlers.ask.counterparts import approaches_of, with_counterparts
from handlers.ask.focus import Concept, focus_of, mentions_any
from handlers.ask.howto import pick_howto
from handlers.ask.howto_asks import asks_for_steps, asks_to_curb, spared
from handlers.ask.kinds import QuestionKind, classify_by_rules
from handlers.ask.lists import pick_list
from handlers.ask.parallel_items import with_parallel_items
from handlers.ask.picks import figure_unit, pick_concept, pick_figure, pick_general
from handlers.ask.scored import Scored, score_sentences
from handlers.ask.semantic import SentenceSimilarity
from handlers.models import Answer
from knowledge.types import Passage

__all__ = ["NOT_COVERED", "OFF_TOPIC", "Scored", "best_quote", "compose_extractive", "score_sentences"]

NOT_COVERED = (
    "I can't answer that from my sources: neither the curated articles nor your team's notes cover it, "
    "and I won't guess. Try rephrasing it around fine-tuning, prompting, RAG, LoRA/PEFT, costs or "
    "evaluation - or save what your team knows with `note <text>`."
)
OFF_TOPIC = (
    "I can't answer that: it is outside what I advise on. I help teams choose and run ways of customizing "
    "language models (prompting, RAG, prompt tuning, LoRA/PEFT, fine-tuning), and I won't guess at anything else."
)
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_N_SENTENCES = re.compile(r"\bin (one|two|three|four|five|\d) (short )?sentences?\b", re.IGNORECASE)


def sentence_budget(question: str) -> int | None:
    """'explain it in two sentences' -> 2."""
    m = _N_SENTENCES.search(question)
    if not m:
        return None
    word = m.group(1).lower()
    return _WORD_NUMBERS.get(word) or int(word)


def pick(
    question: str,
    passages: Sequence[Passage],
    scored: Sequence[Scored],
    kind: QuestionKind,
    *,
    main: int | None = None,
    heading_sims: Sequence[float] = (),
) -> list[Scored]:
    """The sentences answering `question` the way its kind asks for. `passages` and `scored` may
    include further retrieved passages after the top `main` ones (a list or a comparison side may
    be found there); `heading_sims`: each passage heading's similarity to the question."""
    main = len(passages) if main is None else main
    top = [s for s in scored if s.passage_rank < main]
    focus = focus_of(question)
    if kind.kind == "concept" and (term := asked_concept(question, [s.text for s in top])):
        focus = [term, *focus]
    if kind.kind == "concept" and focus:
        chosen = pick_concept(top, focus, homes=home_of(passages[:main], focus))
    elif kind.kind == "list":
        chosen = pick_list(passages, scored, kind.topic, focus, head=kind.head, heading_sims=heading_sims, main=main)
    elif kind.kind == "comparison" and len(sides := comparison_sides(question)) >= 2:
        chosen = pick_comparison(scored, sides, main=main, question=question)
    elif kind.kind == "figure":
        further = [s for s in scored if s.passage_rank >= main]
        chosen = pick_figure(top, focus, unit=figure_unit(question), further=further)
    elif kind.kind == "howto":
        chosen = pick_howto(
            top, focus, heading_sims=heading_sims, curb=asks_to_curb(question), avoid=spared(question),
            ordered=asks_for_steps(question),
        )
    else:
        chosen = pick_general(top, focus)
    budget = sentence_budget(question)
    if budget:
        return chosen[:budget]
    chosen = with_parallel_items(with_announced_items(chosen, scored), scored)
    if kind.kind != "comparison":
        return chosen
    return with_counterparts(chosen, scored, approaches_of([c.key for c in comparison_sides(question)]))


def home_of(passages: Sequence[Passage], focus: Sequence[Concept]) -> list[int]:
    """Ranks of the passages about the concept, best first: the heading names it, earliest in the
    heading first ("Retrieval-augmented generation (RAG)" before "Decision table: RAG"), then the
    best ranked."""
    direct = [c for c in focus if not c.generic]
    found = [(min(m.start() for c in direct for m in [c.pattern.search(p.chunk.heading)] if m), rank)
             for rank, p in enumerate(passages) if direct and mentions_any(p.chunk.heading, direct)]
    return [rank for _, rank in sorted(found)]


def compose_extractive(
    question: str,
    passages: Sequence[Passage],
    *,
    covered: bool,
    similarity: SentenceSimilarity | None = None,
    kind: QuestionKind | None = None,
    alternates: Sequence[Passage] = (),
) -> Answer:
    """`passages`: the retrieved top passages; `alternates`: further retrieved passages, used only
    to find an original's verbatim sentence for a summary sentence."""
    kind = kind or classify_by_rules(question) or QuestionKind("general", by="default")
    if not covered or not passages:
        return Answer(answer=NOT_COVERED, citations=[], grounded=False, mode="extractive", question_kind=kind.kind)
    everything = [*passages, *alternates]
    # Further passages that are team notes are scored by their words only: the composers look in
    # the alternates for a comparison's side, a list or an original's verbatim sentence, which the
    # curated corpus and ingested documents hold, and embedding every sentence of every note that
    # reaches rank 6-10 is what an ask over many notes spends most of its time on.
    lexical_only = frozenset(n for n, p in enumerate(everything) if n >= len(passages) and p.chunk.kind == "note")
    scored = score_sentences(question, everything, similarity, lexical_only=lexical_only)
    heading_sims = similarity.scores(question, [p.chunk.heading for p in everything]) if similarity else []
    chosen = pick(question, everything, scored, kind, main=len(passages), heading_sims=heading_sims)
    if not chosen:
        return Answer(answer=NOT_COVERED, citations=[], grounded=False, mode="extractive", question_kind=kind.kind)
    chosen = prefer_verbatim(chosen, scored, everything, similarity)
    text, citations = render(chosen, everything)
    return Answer(answer=text, citations=citations, grounded=True, mode="extractive", question_kind=kind.kind)


def best_quote(question: str, passage: Passage, similarity: SentenceSimilarity | None = None) -> str:
    """The passage's sentence most relevant to the question (used by the LLM composer's citations)."""
    scored = score_sentences(question, [passage], similarity)
    if not scored:
        return passage.text[:300]
    return max(scored, key=lambda x: x.score).text
