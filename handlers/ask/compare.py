"""Comparison questions (X vs Y, when X beats Y, pros and cons): both sides (pure; no models).

A sentence speaks for a side when it names that side first ("PEFT keeps 95% of the performance of
full fine-tuning" speaks for PEFT, not for full fine-tuning). The answer holds the best pair of
such sentences, one per side, preferring a pair from one passage (a comparison table's row, or a
paragraph that sets the two against each other); a sentence naming both sides leads; the best
other relevant sentences fill the rest. A side none of the top passages speaks for is looked for in
the further retrieved passages (alternates).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from handlers.ask.focus import BY_KEY, Concept, distinct_concepts, mentions_any, widened
from handlers.ask.picks import by_score, distinct, relevant
from handlers.ask.scored import Scored

MAX_SENTENCES = 6
SAME_PASSAGE = 1.5  # a pair from one passage counts this much more
SIDE_CANDIDATES = 6
BOTH_SHARE = 0.6  # a sentence naming both sides leads when it scores this share of the best
ALTERNATE_EXTRA = 1  # more sentences of a side that only a further passage speaks for


def comparison_sides(question: str) -> list[Concept]:
    """The two things compared: concepts named by the question, a child folded into its parent; one
    named alone is compared with the other main approach."""
    sides = distinct_concepts(question)
    if len(sides) == 1:
        key = sides[0].key
        if key == "prompt_engineering":
            other = "fine_tuning"
        elif key == "fine_tuning":
            other = "prompt_engineering"
        else:
            other = "prompt_engineering" if re.search(r"prompt", question, re.IGNORECASE) else "fine_tuning"
        sides.append(BY_KEY[other])
    return sides[:2]


def _first(text: str, concepts: Sequence[Concept]) -> tuple[int, int] | None:
    """Where the earliest mention starts, and minus its length (a longer name wins a tie)."""
    found = [(m.start(), -(m.end() - m.start())) for c in concepts for m in [c.pattern.search(text)] if m]
    return min(found) if found else None


def speaks_for(text: str, side: Sequence[Concept], other: Sequence[Concept]) -> bool:
    """The sentence names `side` before `other` (or names only `side`)."""
    mine = _first(text, side)
    if mine is None:
        return False
    theirs = _first(text, other)
    return theirs is None or mine < theirs


def _best_pair(for_a: Sequence[Scored], for_b: Sequence[Scored]) -> list[Scored]:
    if not for_a or not for_b:
        return [*for_a[:1], *for_b[:1]]
    pairs = [
        ((x.score + y.score) * (SAME_PASSAGE if x.passage_rank == y.passage_rank else 1.0), x, y)
        for x in for_a[:SIDE_CANDIDATES] for y in for_b[:SIDE_CANDIDATES] if x is not y
    ]
    if not pairs:
        return [for_a[0]]
    _, x, y = max(pairs, key=lambda t: t[0])
    return [x, y]


def _balanced(
    ordered: Sequence[Scored], limit: int, start: Sequence[Scored], a: Sequence[Concept], b: Sequence[Concept]
) -> list[Scored]:
    """`start`, then the best of `ordered`, with no side speaking in more than half of the answer
    and at most two sentences of one passage beyond `start`."""
    cap = (limit + 1) // 2
    out = list(start)
    per: dict[int, int] = {}
    for cand in ordered:
        if len(out) >= limit:
            break
        if cand in out or per.get(cand.passage_rank, 0) >= 2:
            continue
        side = a if speaks_for(cand.text, a, b) else b
        other = b if side is a else a
        if sum(speaks_for(s.text, side, other) for s in out) >= cap:
            continue
        if not distinct(out, cand):
            continue
        out.append(cand)
        per[cand.passage_rank] = per.get(cand.passage_rank, 0) + 1
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


_I = re.IGNORECASE
#: The aspect a comparison asks about (question pattern) and the sentences that speak to it.
ASPECTS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (re.compile(r"^\W*when\b|\b(good|best|right|used?|better) (for|pick|choice|fit)\b|\bwhich (situations|cases)\b|"
                r"\bgo with\b|\bpick\b|\bchoose\b", _I),
     re.compile(r"\b(suits?|fits?|recommend\w*|ideal|valuable|preferable|essential|best for|better fit)\b", _I)),
    (re.compile(r"\b(cost\w*|cheap\w*|expensive|budget|pay\w*|spend\w*|price\w*|money|compute)\b", _I),
     re.compile(r"\b(costs?|costly|cheap\w*|expensive|budgets?|dollars|economical|fees|resources|compute|"
                r"tokens|savings)\b", _I)),
    (re.compile(r"\b(quick\w*|fast\w*|how long|time to|speed|sooner)\b", _I),
     re.compile(r"\b(instant\w*|hours?|days?|weeks?|quick\w*|fast\w*|rapid\w*|time)\b", _I)),
    (re.compile(r"\b(data|examples|dataset\w*|label\w*)\b", _I),
     re.compile(r"\b(data|datasets?|examples?|label\w*)\b", _I)),
    (re.compile(r"\b(flexib\w*|adjust\w*|chang\w*|updat\w*|shift\w*|adapt\w*|maintain\w*)\b", _I),
     re.compile(r"\b(flexib\w*|adjust\w*|updat\w*|chang\w*|retrain\w*|adapt\w*|fixed|agile)\b", _I)),
    (re.compile(r"\b(consisten\w*|reliab\w*|predictab\w*|every (single )?time|run to run|vary|variance)\b", _I),
     re.compile(r"\b(consisten\w*|reliab\w*|predictab\w*|vary|variable|variance|stable)\b", _I)),
    # "is X just Y with a fancier name?", "the same trick?": what sets them apart
    (re.compile(r"\bsame\b|\bname\b|\bbasically\b|\bjust\b.{0,40}\b(with|under)\b", _I),
     re.compile(r"\b(does not|do not|doesn't|without|instead of|whereas|unlike|rather than|only)\b", _I)),
)
ASPECT_BOOST = 2.0


def aspect_boosted(question: str, scored: Sequence[Scored]) -> list[Scored]:
    """Sentences speaking to what the comparison asks about (when to use each, cost, speed, data,
    flexibility, consistency, what sets the two apart) weigh more: both sides are compared on that,
    not on anything."""
    wanted = [says for asks, says in ASPECTS if asks.search(question)]
    if not wanted:
        return list(scored)
    return [replace(s, score=s.score * ASPECT_BOOST) if any(w.search(s.text) for w in wanted) else s
            for s in scored]


def pick_comparison(
    scored: Sequence[Scored], sides: Sequence[Concept], *, main: int, limit: int = MAX_SENTENCES,
    question: str = "",
) -> list[Scored]:
    """Both sides: the best pair of sentences speaking for each, a sentence naming both first, then
    the best relevant sentences of the top `main` passages (those on the asked aspect first)."""
    scored = aspect_boosted(question, scored)
    a, b = widened([sides[0]]), widened([sides[1]])
    pool = by_score(relevant(scored, sides, floor=0.2, require_any=[*a, *b]))
    if not pool:
        return []
    top = [s for s in pool if s.passage_rank < main]
    for_a = [s for s in (top if any(speaks_for(s.text, a, b) for s in top) else pool) if speaks_for(s.text, a, b)]
    for_b = [s for s in (top if any(speaks_for(s.text, b, a) for s in top) else pool) if speaks_for(s.text, b, a)]
    pair = _best_pair(for_a, for_b)
    pair.extend(_more_from_alternates(pair, for_a, for_b, main))
    both = [s for s in top if mentions_any(s.text, a) and mentions_any(s.text, b)
            and s not in pair and s.score >= BOTH_SHARE * pool[0].score][:1]
    fill = by_score(relevant([s for s in scored if s.passage_rank < main], sides, require_any=[*a, *b]))
    chosen = _balanced(fill, limit, [*both, *pair], a, b)
    rest = sorted((s for s in chosen if s not in both), key=lambda s: (s.passage_rank, s.start))
    return [*both, *rest]
