"""Which side of a comparison a sentence speaks for (pure; no models).

A sentence speaks for a side when it names that side first ("PEFT keeps 95% of the performance of
full fine-tuning" speaks for PEFT, not for full fine-tuning); one naming the two sides side by side
("data requirements differ between prompt engineering and fine-tuning") speaks for neither. A side
may be named through a broader approach it is a way of doing (SPEAKS_THROUGH, KIND_OF). Used to
pick each side's sentences (`handlers.ask.compare`) and to find a passage for a missing side
(`handlers.ask.sides`).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from handlers.ask.focus import BY_KEY, CONCEPTS, Concept, distinct_concepts, widened

#: A side that is a kind of a broader approach also speaks through the broader approach's
#: sentences when the other side is not that approach ("full fine-tuning" vs LoRA: the articles'
#: plain "fine-tuning" is full fine-tuning; "PEFT ..." sentences still speak for LoRA, named first).
SPEAKS_THROUGH = {"full_ft": "fine_tuning"}
#: Concepts whose name holds a main approach's name and that are a way of doing it: a sentence
#: about them still speaks for the approach ("full fine-tuning needs high resources").
KIND_OF = {**SPEAKS_THROUGH, "templates": "prompt_engineering"}


def side_names(side: Concept, others: Sequence[Concept]) -> list[Concept]:
    """What a sentence may call `side`: the concept, its parents, and the broader approach it is a kind
    of (SPEAKS_THROUGH) unless another side is that approach."""
    names = widened([side])
    broader = SPEAKS_THROUGH.get(side.key)
    if broader and all(o.key != broader for o in others):
        names.append(BY_KEY[broader])
    return names


@lru_cache(maxsize=4096)
def _named_spans(text: str) -> tuple[tuple[str, int, int], ...]:
    """The mentions in `text` of every concept with a name of its own (`Concept.strong`; "combine
    fine-tuning" says how, it names no other concept): (key, start, end)."""
    return tuple((c.key, m.start(), m.end()) for c in CONCEPTS if c.strong for m in c.pattern.finditer(text))


def _inside_other(text: str, start: int, end: int, concepts: Sequence[Concept]) -> bool:
    """The mention lies inside the name of another, more specific concept that is not a kind of
    these ("fine-tuning" in "parameter-efficient fine-tuning" names PEFT, "prompts" in "soft prompts"
    names prompt tuning; "full fine-tuning" is still fine-tuning, KIND_OF)."""
    keys = {c.key for c in concepts}
    return any(a <= start and end <= b and (a, b) != (start, end) and key not in keys
               and KIND_OF.get(key) not in keys
               for key, a, b in _named_spans(text))


def _first(text: str, concepts: Sequence[Concept]) -> tuple[int, int] | None:
    """Where the earliest mention starts, and minus its length (a longer name wins a tie); a
    mention inside another concept's name does not count (`_inside_other`)."""
    found = [(m.start(), -(m.end() - m.start())) for c in concepts for m in c.pattern.finditer(text)
             if not _inside_other(text, m.start(), m.end(), concepts)]
    return min(found) if found else None


#: What stands between two names given side by side: "between prompt engineering and fine-tuning",
#: "PEFT methods or full fine-tuning", "RAG vs. fine-tuning", "fine-tuning/prompting" (a name's
#: last word may follow its match: "prompt| engineering and |fine-tuning").
_SIDE_BY_SIDE = re.compile(r"^\s*(\w+\s*)?,?\s*(and|or|nor|vs\.?|versus|and/or)\s*$|^\s*[/&]\s*$", re.IGNORECASE)


def side_by_side(text: str, side: Sequence[Concept], other: Sequence[Concept]) -> bool:
    """The sentence names the two sides together, and no other approach ("data requirements differ
    between prompt engineering and fine-tuning"): it is about both and speaks for neither. (One
    listing more approaches still speaks for the first it names.)"""
    mine = [m.span() for c in side for m in c.pattern.finditer(text)]
    theirs = [m.span() for c in other for m in c.pattern.finditer(text)]
    together = any(_SIDE_BY_SIDE.match(text[min(e1, e2):max(s1, s2)]) and (e1 <= s2 or e2 <= s1)
                   for s1, e1 in mine for s2, e2 in theirs)
    return together and all(c in side or c in other for c in distinct_concepts(text))


def speaks_for(text: str, side: Sequence[Concept], other: Sequence[Concept]) -> bool:
    """The sentence names `side` before `other` (or names only `side`), not the two side by side."""
    mine = _first(text, side)
    if mine is None:
        return False
    theirs = _first(text, other)
    return theirs is None or (mine < theirs and not side_by_side(text, side, other))

