"""Both sides of a comparison among the top passages: a side-balanced order of the retrieved pool
(pure; no models).

Retrieval follows the words of the question, and a comparison's question mostly uses one side's
words ("is a fine-tuned model slower to respond ..."), so the passage saying how the OTHER side
fares on the asked aspect often ranks 6th-20th, after passages about the first side. The retriever
scores its whole candidate pool anyway, so reading it deeper costs no search: when none of the top
passages has a sentence speaking for a side (naming it first, `handlers.ask.compare.speaks_for`)
on the asked aspect (`handlers.ask.aspects.asked_aspects`; any sentence when none is asked), the
pool's best-ranked passage that has one takes the last top place that no other side needs, the
passage it replaces leads the rest, and the others keep their places (a coverage constraint, like
the diversity step of MMR).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from handlers.ask.aspects import asked_aspects
from handlers.ask.compare import comparison_sides, side_names, speaks_for
from handlers.ask.focus import Concept, widened
from handlers.ask.text import split_sentences
from knowledge.types import Passage

#: How deep the retriever's ranking is read for a comparison (the fusion scores at least this many
#: candidates for every question; `knowledge.retrieval.HybridRetriever.candidates`).
POOL = 20

T = TypeVar("T")


def speaks_on(passage: Passage, mine: Sequence[Concept], theirs: Sequence[Concept],
              aspects: Sequence[re.Pattern[str]]) -> bool:
    """A sentence of the passage speaks for `mine` (not `theirs`) on one of `aspects` (any, when none)."""
    text = passage.text
    for start, end in split_sentences(text):
        sentence = text[start:end]
        if (not aspects or any(a.search(sentence) for a in aspects)) and speaks_for(sentence, mine, theirs):
            return True
    return False


def _promote(row: list[T], found: int, free: int, top: int) -> None:
    """Item `found` (past the first `top`) takes place `free`; the item it replaces leads the rest."""
    moved = row.pop(found)
    row.insert(top, row[free])
    row[free] = moved


def side_balanced(passages: Sequence[Passage], question: str, *, top: int) -> list[Passage]:
    """`passages` (ranked) reordered so that each side the question compares has a passage among the
    first `top` that speaks for it on the asked aspect, when the pool has one; unchanged otherwise
    (fewer than two sides, every side already there, or no passage for it)."""
    sides = comparison_sides(question)
    if len(sides) < 2 or len(passages) <= top:
        return list(passages)
    aspects = asked_aspects(question)
    names = [side_names(side, [o for o in sides if o is not side]) for side in sides]
    others = [[c for j, other in enumerate(sides) if j != i for c in widened([other])] for i in range(len(sides))]
    ranked = list(passages)
    speakers = [[speaks_on(p, names[i], others[i], aspects) for p in ranked] for i in range(len(sides))]
    needed: set[int] = set()  # top places a side relies on
    for i in range(len(sides)):
        mine = [n for n in range(top) if speakers[i][n]]
        if len(mine) == 1:
            needed.add(mine[0])
    for i in range(len(sides)):
        if any(speakers[i][n] for n in range(top)):
            continue
        found = next((n for n in range(top, len(ranked)) if speakers[i][n]), None)
        free = next((n for n in range(top - 1, -1, -1) if n not in needed), None)
        if found is None or free is None:
            continue
        _promote(ranked, found, free, top)
        for flags in speakers:
            _promote(flags, found, free, top)
        needed.add(free)
    return ranked
