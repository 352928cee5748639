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


#: The two main approaches: the articles' comparison tables and paragraphs set these against each
#: other aspect by aspect ("Comparison: long-term maintenance", "Comparison table: complexity").
MAIN_PAIR = frozenset({"fine_tuning", "prompt_engineering"})
#: What ends the other approach's clause before the side's own ("prompt engineering needs minimal
#: resources, prompt tuning needs low to moderate resources").
_CLAUSE_BREAK = re.compile(r"[,;:]|\b(while|whilst|whereas|but)\b", re.IGNORECASE)
#: What stands between names listed together ("Prompt tuning, PEFT and RAG ..."; "prompt| engineering, |...").
_LISTED = re.compile(r"^\s*(\w+\s*)?(,|,?\s*(and|or|nor|vs\.?|versus|and/or)|[/&])\s*$", re.IGNORECASE)


#: Ways of doing a main approach whose names do not hold its name ("few-shot prompting" does: it is
#: still prompting, named first or not).
_WAY_OF = {**KIND_OF, "few_shot": "prompt_engineering", "zero_shot": "prompt_engineering",
           "cot": "prompt_engineering", "sft": "fine_tuning", "instruction_tuning": "fine_tuning",
           "rlhf": "fine_tuning"}


def _related(c: Concept, keys: set[str]) -> bool:
    """`c` is one of `keys`, a way of doing or a child of one, or one's parent or broader approach."""
    return (c.key in keys or c.parent in keys or _WAY_OF.get(c.key) in keys
            or any(BY_KEY[k].parent == c.key or _WAY_OF.get(k) == c.key for k in keys))


@lru_cache(maxsize=256)
def _foreign(keys: frozenset[str]) -> tuple[Concept, ...]:
    """The approaches that are neither side (nor a kind, child or parent of one): the two main ones
    and those with a name of their own (`Concept.strong`; "knowledge base" or "adapter" are also
    everyday words)."""
    return tuple(c for c in CONCEPTS if (c.strong or c.key in MAIN_PAIR) and c.parent != "runtime_parameters"
                 and c.key not in ASPECT_KEYS and not _related(c, set(keys)))


#: Concepts that are what approaches are compared on, not approaches: "which hallucinates less, a
#: fine-tuned model or a prompted one?" compares fine-tuning and prompting on hallucinations.
ASPECT_CONCEPTS = frozenset({"hallucination", "overfitting", "drift", "kpis"})
#: ... and, for what a sentence speaks about, the runtime knobs and the hybrid too.
ASPECT_KEYS = ASPECT_CONCEPTS | {"runtime_parameters", "hybrid"}


def _subject_elsewhere(text: str, mine: tuple[int, int], side: Sequence[Concept], other: Sequence[Concept]) -> bool:
    """Another approach, neither side, is named before `side` in the same clause and not listed with it:
    the sentence is about that approach ("Prompt engineering adapts to new use cases without any
    retraining" says nothing for fine-tuning in "fine-tuning vs RAG")."""
    foreign = _foreign(frozenset(c.key for c in [*side, *other]))
    found = [(m.start(), m.end()) for c in foreign for m in c.pattern.finditer(text)
             if m.start() < mine[0] and not _inside_other(text, m.start(), m.end(), foreign)]
    if not found:
        return False
    end = max(e for _, e in found)
    between = text[end:mine[0]] if end <= mine[0] else ""
    return not (_LISTED.match(between) or _CLAUSE_BREAK.search(between))


def speaks_for(text: str, side: Sequence[Concept], other: Sequence[Concept]) -> bool:
    """The sentence names `side` before `other` (or names only `side`), not the two side by side, and
    no other approach is its subject (`_subject_elsewhere`). Cached: a comparison asks it of the same
    sentences many times (side balance, the pair, the fill)."""
    return _speaks_for(text, tuple(side), tuple(other))


@lru_cache(maxsize=16384)
def _speaks_for(text: str, side: tuple[Concept, ...], other: tuple[Concept, ...]) -> bool:
    mine = _first(text, side)
    if mine is None:
        return False
    theirs = _first(text, other)
    if theirs is not None and (mine > theirs or side_by_side(text, side, other)):
        return False
    return not _subject_elsewhere(text, mine, side, other)

