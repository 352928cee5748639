"""Comparison answers (X vs Y, X vs Y vs Z, when X beats Y, pros and cons): every side (pure; no models).

The sides come from `handlers.ask.compared`; which side a sentence speaks for (the side it names
first) from `handlers.ask.speaking`. The answer holds the best pair of sentences, one per side,
preferring a pair from one passage (a comparison table's row, or a paragraph that sets the two
against each other), the more so two consecutive sentences (the article's own contrast: "Teams with
little ML expertise start with prompting. Those with the skills can pursue fine-tuning."), and a
third side's best sentence; a sentence naming both sides leads; the best other relevant sentences
fill the rest, the other side of a chosen sentence's passage first. A side none of the top passages
speaks for is looked for in the further retrieved passages (alternates).

Round 17g (BENCHMARKS.md): the sides were given, but not always on the aspect asked, in full. The
other half of a chosen row now goes before any other sentence, read down to ROW_FLOOR of its side's
best (the question's words favour one side, so the other side's half scores low); a sentence on the
asked aspect that names no approach goes on for the side the sentence before it spoke for; a side is
given from a top passage on the asked aspect before a further passage off it; and room left is filled
with the top passages' sentences on the asked aspect.
"""
from __future__ import annotations

from collections.abc import Sequence

from handlers.ask.aspects import asked_aspects, aspect_boosted
from handlers.ask.focus import CONCEPTS, Concept, mentions_any, widened
from handlers.ask.picks import RELATIVE_FLOOR, by_score, distinct, relevant
from handlers.ask.scored import Scored
from handlers.ask.speaking import ASPECT_KEYS, side_names, speaks_for

#: A comparison speaks for two sides, so it holds more than an answer about one subject (6, see
#: `picks.GENERAL_MAX`): up to four sentences a side (`_balanced` caps a side at half). Round 13
#: (BENCHMARKS.md "Issue 10 round 13: comparison answers"): of the dev comparisons' missed facts,
#: the largest class sat in a top-5 passage, in a sentence about a side that passed every filter,
#: left out of an answer already full at six, most often by the cap of three a side.
MAX_SENTENCES = 8
SAME_PASSAGE = 1.5  # a pair from one passage counts this much more
SIDE_CANDIDATES = 6
ADJACENT = 1.2  # a pair of consecutive sentences of one passage counts this much more again
BOTH_SHARE = 0.6  # a sentence naming both sides leads when it scores this share of the best
ALTERNATE_EXTRA = 1  # more sentences of a side that only a further passage speaks for
#: The other half of a chosen comparison row is read down to this share of its side's best sentence
#: (round 17g, BENCHMARKS.md): the half saying how the side the question words less fares ("Prompt
#: engineering can work with a minimal number of examples") scores well under its own side's best.
ROW_FLOOR = 0.2


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
    if speaks_for(cand.text, a, b):
        mine, theirs = a, b
    elif speaks_for(cand.text, b, a):
        mine, theirs = b, a
    else:
        return False  # about both sides or neither: no half of a row
    same = [s for s in out if s.passage_rank == cand.passage_rank]
    if any(speaks_for(s.text, mine, theirs) for s in same):
        return False
    return any(speaks_for(s.text, theirs, mine) for s in same)


#: What a sentence may name that is an approach (not an aspect such as drift or the runtime knobs).
_APPROACHES = tuple(c for c in CONCEPTS if c.key not in ASPECT_KEYS and c.parent != "runtime_parameters")


def on_asked(scored: Sequence[Scored], question: str) -> list[Scored]:
    """The sentences on an aspect the question asks about (`aspects.asked_aspects`); none when it asks none."""
    aspects = asked_aspects(question)
    return [s for s in scored if any(p.search(s.text) for p in aspects)]


def continuations(scored: Sequence[Scored], question: str) -> list[Scored]:
    """The sentences on the asked aspect that name no approach and score at least ROW_FLOOR of their
    passage's best: in a passage they go on about the side the sentence before them spoke for ("In
    prompt engineering, the model runs in read-only mode ... Read-only inference lowers
    infrastructure demands"). Empty when no aspect is asked."""
    best: dict[int, float] = {}
    for s in scored:
        best[s.passage_rank] = max(best.get(s.passage_rank, 0.0), s.score)
    return [s for s in on_asked(scored, question) if s.score > 0 and s.score >= ROW_FLOOR * best[s.passage_rank]
            and not mentions_any(s.text, list(_APPROACHES))]


def _goes_on(cand: Scored, out: Sequence[Scored], a: Sequence[Concept], b: Sequence[Concept]) -> bool:
    """`cand` directly follows a chosen sentence speaking for a side (see `continuations`)."""
    return any(adjacent(s, cand) and s.start < cand.start and (speaks_for(s.text, a, b) or speaks_for(s.text, b, a))
               for s in out)


def _balanced(
    ordered: Sequence[Scored], limit: int, start: Sequence[Scored], a: Sequence[Concept], b: Sequence[Concept],
    rows: Sequence[Scored] = (), follow: Sequence[Scored] = (), per_passage: int = 2,
) -> list[Scored]:
    """`start`, then the best of `ordered`, with no side speaking in more than half of the answer
    (unless the other side has nothing more to say) and at most `per_passage` sentences of one
    passage beyond `start`. A sentence giving the other side of a chosen sentence's passage (the
    other half of a comparison row, `_completes_row`), from `ordered` or from `rows` (the top
    passages' sentences measured against their side's best, ROW_FLOOR), goes before any other: the passage setting the
    two sides against each other on the asked aspect says both halves, and a better-scored sentence
    of another passage about the side already given does not replace the missing half. So does a
    sentence of `follow` going on from a chosen one (`_goes_on`)."""
    cap = (limit + 1) // 2
    out = list(start)
    per: dict[int, int] = {}
    extra = [r for r in rows if r not in ordered]

    def allowed(cand: Scored, row: bool) -> bool:
        side = a if speaks_for(cand.text, a, b) else b
        other = b if side is a else a
        if sum(speaks_for(s.text, side, other) for s in out) >= cap:
            return False
        return (row or per.get(cand.passage_rank, 0) < per_passage) and distinct(out, cand)

    while len(out) < limit:
        halves = [c for c in [*ordered, *extra] if c not in out and _completes_row(c, out, a, b) and allowed(c, True)]
        halves += [c for c in follow if c not in out and _goes_on(c, out, a, b) and distinct(out, c)]
        if halves:
            best = max(halves, key=lambda c: c.score)
        else:
            fill = [c for c in ordered if c not in out and allowed(c, False)]
            if not fill and cap < limit:
                cap = limit  # the other side has nothing more to say: this side may go on
                continue
            if not fill:
                break
            best = max(fill, key=lambda c: c.score)
        out.append(best)
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



def per_side_floor(cands: Sequence[Scored], a: Sequence[Concept], b: Sequence[Concept],
                   floor: float = RELATIVE_FLOOR) -> list[Scored]:
    """The candidates scoring at least `floor` of the best sentence speaking for the same side (of the
    best of all, for one speaking for neither). A question mostly uses one side's words ("does a
    finetune stretch across tasks?"), so the other side's sentences score lower as a whole: measured
    against the best of all, the other side's half of a comparison row ("Prompt engineering adapts
    easily to multiple use cases") is cut, and the answer stops short with room left. Used only to
    fill that room (`pick_comparison`): an answer already full keeps its sentences."""
    def side(s: Scored) -> int:
        return 0 if speaks_for(s.text, a, b) else 1 if speaks_for(s.text, b, a) else 2
    sided = [(s, side(s)) for s in cands]
    best: dict[int, float] = {}
    for s, k in sided:
        best[k] = max(best.get(k, 0.0), s.score)
    overall = max(best.values(), default=0.0)
    return [s for s, k in sided if s.score >= floor * (best[k] if k < 2 else overall)]


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
    top_scored = [s for s in scored if s.passage_rank < main]
    loose_top = relevant(top_scored, sides, floor=0.0, require_any=every)
    rows = by_score(per_side_floor(loose_top, a, b, floor=ROW_FLOOR))
    # a side the top passages speak for on the asked aspect only below the pool's floor (the question's
    # words favour the other side) is still given from them, not from a further passage off the aspect
    asked_rows = on_asked(rows, question)
    for_a = _speakers(a, b, top, asked_rows, pool, loose)
    for_b = _speakers(b, a, top, asked_rows, pool, loose)
    pair = _best_pair(for_a, for_b)
    pair.extend(_more_from_alternates(pair, for_a, for_b, main))
    pair.extend(_third([pool, loose], sides, pair))
    both = [s for s in top if mentions_any(s.text, a) and mentions_any(s.text, b)
            and s not in pair and s.score >= BOTH_SHARE * pool[0].score][:1]
    fill = by_score(relevant(top_scored, sides, require_any=every))
    follow = continuations(top_scored, question)
    chosen = _balanced(fill, limit, [*both, *pair], a, b, rows, follow)
    if len(chosen) < limit:  # room left: each side's sentences measured against that side's best,
        # down to ROW_FLOOR for those on the asked aspect
        wider = per_side_floor(loose_top, a, b)
        wider = by_score([*wider, *(s for s in asked_rows if s not in wider)])
        chosen = _balanced(wider, limit, chosen, a, b, rows, follow)
    if len(chosen) < limit:  # room left still: every sentence of a top passage on the asked aspect
        chosen = _balanced(asked_rows, limit, chosen, a, b, rows, follow, per_passage=limit)
    rest = sorted((s for s in chosen if s not in both), key=lambda s: (s.passage_rank, s.start))
    return [*both, *rest]
