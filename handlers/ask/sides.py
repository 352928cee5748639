"""Both sides of a comparison among the top passages: a side-balanced order of the retrieved pool
(pure; no models).

Retrieval follows the words of the question, and a comparison's question mostly uses one side's
words ("is a fine-tuned model slower to respond ..."), so the passage saying how the OTHER side
fares on the asked aspect often ranks 6th-20th, after passages about the first side. The retriever
scores its whole candidate pool anyway, so reading it deeper costs no search: when none of the top
passages has a sentence speaking for a side (naming it first, `handlers.ask.speaking.speaks_for`)
on the asked aspect (`handlers.ask.aspects.asked_aspects`; any sentence when none is asked), the
pool's best-ranked passage that has one takes the last top place that no other side needs, the
passage it replaces leads the rest, and the others keep their places (a coverage constraint, like
the diversity step of MMR).

A side spoken for only inside a passage that speaks for both sides (a comparison table row, "costs
are front-loaded for one, per-request for the other") still lacks its own account: that passage
gives each side a clause, while the side's own passage ("Prompt engineering costs: inference and
API fees only") holds its facts. So a side with no passage of its own among the top (one speaking
for it on the aspect and for no other side in any sentence) gets the pool's best-ranked one, in
place of a top passage speaking for no side at all (the retriever's best match excepted): a passage
speaking for a side, or comparing both, is never displaced for it (round 19a).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from handlers.ask.aspects import asked_aspects
from handlers.ask.compared import comparison_sides
from handlers.ask.focus import Concept, widened
from handlers.ask.speaking import side_names, speaks_for
from handlers.ask.text import split_sentences
from knowledge.types import Passage

#: How deep the retriever's ranking is read for a comparison (the fusion scores at least this many
#: candidates for every question; `knowledge.retrieval.HybridRetriever.candidates`).
POOL = 20

T = TypeVar("T")


def on_aspect(text: str, aspects: Sequence[re.Pattern[str]]) -> list[str]:
    """The sentences of `text` on one of `aspects` (all of them, when none is asked)."""
    if aspects and not any(a.search(text) for a in aspects):
        return []
    sentences = [text[start:end] for start, end in split_sentences(text)]
    return [s for s in sentences if any(a.search(s) for a in aspects)] if aspects else sentences


def speaks_on(passage: Passage, mine: Sequence[Concept], theirs: Sequence[Concept],
              aspects: Sequence[re.Pattern[str]]) -> bool:
    """A sentence of the passage speaks for `mine` (not `theirs`) on one of `aspects` (any, when none)."""
    return any(speaks_for(s, mine, theirs) for s in on_aspect(passage.text, aspects))


def _promote(row: list[T], found: int, free: int, top: int) -> None:
    """Item `found` (past the first `top`) takes place `free`; the item it replaces leads the rest."""
    moved = row.pop(found)
    row.insert(top, row[free])
    row[free] = moved


def side_balanced(passages: Sequence[Passage], question: str, *, top: int) -> list[Passage]:
    """`passages` (ranked) reordered so that each side the question compares has a passage among the
    first `top` that speaks for it on the asked aspect - its own (speaking for no other side) when
    the pool has one - ; unchanged otherwise (fewer than two sides, every side already there, or no
    passage for it). The passages past the top are read only for a missing side, up to the first
    that speaks for it."""
    sides = comparison_sides(question)
    if len(sides) < 2 or len(passages) <= top:
        return list(passages)
    aspects = asked_aspects(question)
    names = [side_names(side, [o for o in sides if o is not side]) for side in sides]
    others = [[c for j, other in enumerate(sides) if j != i for c in widened([other])] for i in range(len(sides))]
    sentences: dict[str, list[str]] = {}
    said: dict[tuple[int, str], bool] = {}

    def speaks(i: int, passage: Passage) -> bool:
        key = (i, passage.id)
        if key not in said:
            if passage.id not in sentences:
                sentences[passage.id] = on_aspect(passage.text, aspects)
            said[key] = any(speaks_for(s, names[i], others[i]) for s in sentences[passage.id])
        return said[key]

    alone: dict[tuple[int, str], bool] = {}

    def own(i: int, passage: Passage) -> bool:
        """Speaks for side i on the aspect, and no sentence of it (on any aspect) for another side."""
        key = (i, passage.id)
        if key not in alone:  # asked again for each side and each free place: read each passage once
            alone[key] = speaks(i, passage) and not any(
                speaks_on(passage, names[j], others[j], []) for j in range(len(sides)) if j != i
            )
        return alone[key]

    ranked = list(passages)
    for i in range(len(sides)):
        # the side's own passage (speaking for it alone) when the top has none, in place of a passage
        # speaking for no side; else any passage speaking for it when none does
        for test in (own, speaks):
            if any(test(i, p) for p in ranked[:top]):
                break
            found = next((n for n in range(top, len(ranked)) if test(i, ranked[n])), None)
            if found is None:
                continue
            needed = set()  # top places that are the only one speaking for a side, or its only own one
            for j in range(len(sides)):
                for kept in (own, speaks):
                    mine = [n for n in range(top) if kept(j, ranked[n])]
                    needed.update(mine if len(mine) == 1 else [])
            if test is own:  # only a passage speaking for no side, below the best match, gives way to it
                needed.update(n for n in range(top) if n == 0 or any(speaks(j, ranked[n]) for j in range(len(sides))))
            free = next((n for n in range(top - 1, -1, -1) if n not in needed), None)
            if free is not None:
                _promote(ranked, found, free, top)
                break
    return ranked
