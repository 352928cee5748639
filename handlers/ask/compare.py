"""Comparison questions (X vs Y, X vs Y vs Z, when X beats Y, pros and cons): every side (pure; no models).

The sides are the concepts the question names, in its order, the main approaches also when named in
everyday words ("training our own model", "a prompted base model"). A sentence speaks for a side when
it names that side first ("PEFT keeps 95% of the performance of full fine-tuning" speaks for PEFT, not
for full fine-tuning). The answer holds the best pair of such sentences, one per side, preferring a
pair from one passage (a comparison table's row, or a paragraph that sets the two against each
other), the more so two consecutive sentences (the article's own contrast: "Teams with little ML
expertise start with prompting. Those with the skills can pursue fine-tuning."), and a third side's
best sentence; a sentence naming both sides leads; the best other relevant sentences fill the rest,
the other side of a chosen sentence's passage first. A side none of the top passages speaks for is
looked for in the further retrieved passages (alternates).
`comparison_query` adds the articles' words to a comparison's search (the sides' names when the
question uses everyday ones; "when to choose X" for "when does X beat Y").
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from handlers.ask.aspects import aspect_boosted, aspect_words
from handlers.ask.focus import (
    BY_KEY,
    CONCEPTS,
    PLAIN_NAMES,
    Concept,
    distinct_concepts,
    mentions_any,
    plain_named,
    sides_named,
    widened,
)
from handlers.ask.picks import by_score, distinct, relevant
from handlers.ask.scored import Scored

MAX_SENTENCES = 6
MAX_SIDES = 3  # "X vs Y vs Z": a third side gets its best sentence too
SAME_PASSAGE = 1.5  # a pair from one passage counts this much more
SIDE_CANDIDATES = 6
ADJACENT = 1.2  # a pair of consecutive sentences of one passage counts this much more again
BOTH_SHARE = 0.6  # a sentence naming both sides leads when it scores this share of the best
ALTERNATE_EXTRA = 1  # more sentences of a side that only a further passage speaks for


#: Concepts that are what approaches are compared on, not approaches: "which hallucinates less, a
#: fine-tuned model or a prompted one?" compares fine-tuning and prompting on hallucinations.
ASPECT_CONCEPTS = frozenset({"hallucination", "overfitting", "drift", "kpis"})


def comparison_sides(question: str) -> list[Concept]:
    """The things compared (two, or three for "X vs Y vs Z"), in the order the question names them:
    concepts named by the question, a child folded into its parent, the main approaches also when
    named in everyday words ("training our own model"); one named alone is compared with the other
    main approach. A property (hallucinations, drift) is what the approaches are compared on when
    the question names an approach too (ASPECT_CONCEPTS)."""
    named = sides_named(question)
    approaches = [c for c in named if c.key not in ASPECT_CONCEPTS]
    sides = sorted(approaches or named, key=lambda c: _position(question, c))
    if len(sides) == 2 and KIND_OF.get(sides[0].key) == sides[1].key:
        sides = [sides[1]]  # "prompt templates" and the prompting they are a kind of: one side
    elif len(sides) == 2 and KIND_OF.get(sides[1].key) == sides[0].key:
        sides = [sides[0]]
    if len(sides) == 1:
        key = KIND_OF.get(sides[0].key, sides[0].key)  # a way of doing a main approach is that approach
        if key == "prompt_engineering":
            other = "fine_tuning"
        elif key == "fine_tuning":
            other = "prompt_engineering"
        else:
            other = "prompt_engineering" if re.search(r"prompt", question, re.IGNORECASE) else "fine_tuning"
        sides.append(BY_KEY[other])
    return sides[:MAX_SIDES]


def _position(question: str, concept: Concept) -> int:
    """Where the question first names `concept` (by its name or an everyday name for it)."""
    found = [m.start() for p in (concept.pattern, *(p for k, p in PLAIN_NAMES if k == concept.key))
             for m in [p.search(question)] if m]
    return min(found, default=len(question))


#: "when does X beat Y", "when is X better than Y", "when would you pick X over Y": X is the winner.
_WINNER = re.compile(
    r"^\W*(when|in what cases|in which cases|under what conditions)\b.{0,80}?"
    r"\b(beats?|wins?|outperforms?|better than|over|instead of|rather than|preferable to)\b", re.IGNORECASE)


def comparison_query(question: str) -> str:
    """Words for retrieving a comparison's passages, added to the question: the articles' names of
    sides the question names in everyday words, and for "when does X beat Y" the words of the
    passages on when to choose X ("when to choose", "ideal use cases")."""
    sides = comparison_sides(question)
    named = distinct_concepts(question)
    # a question naming neither side by the articles' names ("training our own model vs writing better
    # instructions") is searched with those names too; one that names a side keeps its wording
    extra = [] if named else [c.label for c in plain_named(question) if c in sides]
    if _WINNER.search(question) and sides:
        extra.append(f"when to choose {sides[0].label} ideal use cases")
    return " ".join(extra)


#: The two main approaches: the articles' comparison tables and paragraphs set these against each
#: other aspect by aspect ("Comparison: long-term maintenance", "Comparison table: complexity").
MAIN_PAIR = frozenset({"fine_tuning", "prompt_engineering"})


def comparison_keywords(question: str) -> str:
    """Keywords for a comparison's search (the keyword arm only, see `handlers.ports.Retriever`):
    what the articles call the asked aspect ("long-term maintenance" for "which is more work to keep
    alive?", `aspects.aspect_words`) when the question compares the two main approaches, which the
    articles compare under those names. Empty otherwise: for other sides (prompt tuning, PEFT, RAG)
    the aspect's name would bring the main approaches' passages on it instead."""
    if {KIND_OF.get(c.key, c.key) for c in comparison_sides(question)} != MAIN_PAIR:
        return ""
    return aspect_words(question)


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


def adjacent(x: Scored, y: Scored) -> bool:
    """Two consecutive sentences of one passage (only blanks between them)."""
    if x.passage_rank != y.passage_rank:
        return False
    first, second = (x, y) if x.start < y.start else (y, x)
    return 0 <= second.start - first.end <= 2


def _best_pair(for_a: Sequence[Scored], for_b: Sequence[Scored]) -> list[Scored]:
    if not for_a or not for_b:
        return [*for_a[:1], *for_b[:1]]
    pairs = [
        ((x.score + y.score) * (SAME_PASSAGE if x.passage_rank == y.passage_rank else 1.0)
         * (ADJACENT if adjacent(x, y) else 1.0), x, y)
        for x in for_a[:SIDE_CANDIDATES] for y in for_b[:SIDE_CANDIDATES] if x is not y
    ]
    if not pairs:
        return [for_a[0]]
    _, x, y = max(pairs, key=lambda t: t[0])
    return [x, y]


def _completes_row(cand: Scored, out: Sequence[Scored], a: Sequence[Concept], b: Sequence[Concept]) -> bool:
    """`cand` speaks for the side that a chosen sentence of its passage does not ("Prompt engineering
    takes instant to hours" chosen, "Fine-tuning takes hours to days" completes the table's row)."""
    mine, theirs = (a, b) if speaks_for(cand.text, a, b) else (b, a)
    same = [s for s in out if s.passage_rank == cand.passage_rank]
    if any(speaks_for(s.text, mine, theirs) for s in same):
        return False
    return any(speaks_for(s.text, theirs, mine) for s in same)


def _balanced(
    ordered: Sequence[Scored], limit: int, start: Sequence[Scored], a: Sequence[Concept], b: Sequence[Concept]
) -> list[Scored]:
    """`start`, then the best of `ordered`, with no side speaking in more than half of the answer
    (unless the other side has nothing more to say) and at most two sentences of one passage beyond
    `start`; a sentence giving the other side of a chosen sentence's passage (a comparison row)
    counts SAME_PASSAGE times its score."""
    cap = (limit + 1) // 2
    out = list(start)
    per: dict[int, int] = {}
    left = [c for c in ordered if c not in out]
    while len(out) < limit:
        allowed = []
        for cand in left:
            side = a if speaks_for(cand.text, a, b) else b
            other = b if side is a else a
            if per.get(cand.passage_rank, 0) >= 2 or sum(speaks_for(s.text, side, other) for s in out) >= cap:
                continue
            if distinct(out, cand):
                allowed.append(cand)
        if not allowed and cap < limit:
            cap = limit  # the other side has nothing more to say: this side may go on
            continue
        if not allowed:
            break
        best = max(allowed, key=lambda c: c.score * (SAME_PASSAGE if _completes_row(c, out, a, b) else 1.0))
        out.append(best)
        left.remove(best)
        per[best.passage_rank] = per.get(best.passage_rank, 0) + 1
    return out


def _more_from_alternates(
    pair: Sequence[Scored], for_a: Sequence[Scored], for_b: Sequence[Scored], main: int
) -> list[Scored]:
    """A side found only in a further passage gets that passage's next sentence speaking for it
    too: the fill below reads the top passages only, so one sentence would be all that side says."""
    more: list[Scored] = []
    for side in (for_a, for_b):
        chosen = [s for s in pair if s in side and s.passage_rank >= main]
        if not chosen:
            continue
        rank = chosen[0].passage_rank
        nxt = [s for s in side if s.passage_rank == rank and s not in pair and distinct([*pair, *more], s)]
        more.extend(nxt[:ALTERNATE_EXTRA])
    return more


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


def _speakers(mine: Sequence[Concept], theirs: Sequence[Concept], *tiers: Sequence[Scored]) -> list[Scored]:
    """The sentences speaking for `mine` in the first tier that has any."""
    for tier in tiers:
        found = [s for s in tier if speaks_for(s.text, mine, theirs)]
        if found:
            return found
    return []


def _third(tiers: Sequence[Sequence[Scored]], sides: Sequence[Concept], chosen: Sequence[Scored]) -> list[Scored]:
    """The best sentence speaking for each side after the first two that none of `chosen` speaks for."""
    out: list[Scored] = []
    for n, side in enumerate(sides[2:], start=2):
        mine = widened([side])
        others = widened([c for i, c in enumerate(sides) if i != n])
        if any(speaks_for(s.text, mine, others) for s in [*chosen, *out]):
            continue
        left = [[s for s in tier if s not in chosen and s not in out] for tier in tiers]
        out.extend(_speakers(mine, others, *left)[:1])
    return out


def pick_comparison(
    scored: Sequence[Scored], sides: Sequence[Concept], *, main: int, limit: int = MAX_SENTENCES,
    question: str = "",
) -> list[Scored]:
    """Both sides: the best pair of sentences speaking for each, a sentence naming both first, then
    the best relevant sentences of the top `main` passages (those on the asked aspect first); a
    third side named ("X vs Y vs Z") gets its best sentence as well."""
    scored = aspect_boosted(question, scored, sides)
    a, b = side_names(sides[0], sides[1:]), side_names(sides[1], [sides[0], *sides[2:]])
    every = [*a, *b, *(c for side in sides[2:] for c in widened([side]))]
    pool = by_score(relevant(scored, sides, floor=0.2, require_any=every))
    if not pool:
        return []
    # a side no well-scored sentence speaks for (named by an abbreviation the sentences do not use,
    # "SFT") takes its best-scored one
    loose = by_score([s for s in scored if s.score > 0 and mentions_any(s.text, every)])
    if len(sides) > 2:  # a sentence naming every side lists them: it opens the answer, it speaks for none
        listing = [s for s in loose if all(mentions_any(s.text, widened([c])) for c in sides)]
        pool = [s for s in pool if s not in listing] or pool
        loose = [s for s in loose if s not in listing]
    top = [s for s in pool if s.passage_rank < main]
    for_a = _speakers(a, b, top, pool, loose)
    for_b = _speakers(b, a, top, pool, loose)
    pair = _best_pair(for_a, for_b)
    pair.extend(_more_from_alternates(pair, for_a, for_b, main))
    pair.extend(_third([pool, loose], sides, pair))
    both = [s for s in top if mentions_any(s.text, a) and mentions_any(s.text, b)
            and s not in pair and s.score >= BOTH_SHARE * pool[0].score][:1]
    fill = by_score(relevant([s for s in scored if s.passage_rank < main], sides, require_any=every))
    chosen = _balanced(fill, limit, [*both, *pair], a, b)
    rest = sorted((s for s in chosen if s not in both), key=lambda s: (s.passage_rank, s.start))
    return [*both, *rest]
