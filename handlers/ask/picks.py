"""Which sentences answer the question, per kind of question (pure; no models).

Every picker starts from the scored sentences of the retrieved passages and keeps only sentences
about the question's focus (`relevant`): an answer about RAG never ends with a sentence about
hospitals. Then each kind orders and bounds them its own way:

- concept: the defining sentence first, then why it matters;
- list: the whole list from the passage that holds it (`handlers.ask.lists`);
- comparison: both sides (`handlers.ask.compare`);
- figure: the sentence with the number first;
- how-to: the steps of the passage that holds them (`handlers.ask.howto`);
- general: the best relevant sentences.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from handlers.ask.focus import CONCEPTS, Concept, mentions_any, widened
from handlers.ask.scored import QUANTITY, Scored
from handlers.ask.text import terms

GENERAL_MAX = 6
FIGURE_SHARE = 0.6  # the best sentence with a figure leads unless it scores below this share of the best
UNIT_SHARE = 0.5  # ... a sentence stating the kind of figure asked for ("how long": a duration) down to this share
RELATIVE_FLOOR = 0.35  # a sentence must score at least this share of the best relevant one
WEAK_FOCUS_FACTOR = 0.7

_DEFINING = re.compile(r"\s*(is|are|refers to|means|stands for|describes|involves)\b", re.IGNORECASE)
_AFTER_NAME = re.compile(r"^\s*(\w+\s+)?(\([^)]{0,60}\)|,[^,]{0,60},)?")  # "(Low-Rank Adaptation)", "methods"
_CALLED = re.compile(r"\b(are|is) called\s*$|\bknown as\s*$", re.IGNORECASE)
_REFERS_BACK = re.compile(r"(the|this|these|those|such|it|they|its|their)\b", re.IGNORECASE)
_BENEFIT = re.compile(
    r"\b(cut|cuts|reduc\w*|lower\w*|cheap\w*|less|fewer|faster|sav\w*|keep\w*|without|allow\w*|lets?|"
    r"enabl\w*|valuable|important|because|so that|therefore|accessible|efficient\w*)\b|\d+x|%",
    re.IGNORECASE,
)
def relevant(
    scored: Sequence[Scored],
    focus: Sequence[Concept],
    floor: float = RELATIVE_FLOOR,
    require_any: Sequence[Concept] = (),
) -> list[Scored]:
    """Sentences about the focus that score well enough. A concept with an unambiguous name (LoRA,
    RAG, logit bias) must be mentioned (or its parent: PEFT for LoRA); a concept named by an
    everyday word (hybrid, drift, metrics) only makes sentences that mention it rank higher."""
    pool = [s for s in scored if s.score > 0]
    strong = [c for c in focus if not c.generic and c.strong]
    weak = [c for c in focus if not c.generic and not c.strong]
    if require_any:  # a comparison: a sentence about either side
        strong, weak = list(require_any), []
    if strong:
        pool = _about(pool, widened(strong)) or pool
    if weak:
        keys = widened(weak)
        pool = [s if mentions_any(s.text, keys) else replace(s, score=s.score * WEAK_FOCUS_FACTOR) for s in pool]
    if not pool:
        return []
    best = max(s.score for s in pool)
    return [s for s in pool if s.score >= floor * best]


def _about(pool: Sequence[Scored], keys: list[Concept]) -> list[Scored]:
    """The sentences that name the focus, and each one that directly continues such a sentence in
    its passage ("The quokka project trained a LoRA adapter... The quokka adapter reached 92 %"):
    the second sentence is about the same thing without naming it again."""
    ordered = sorted(pool, key=lambda s: (s.passage_rank, s.start))
    kept: list[Scored] = []
    previous: Scored | None = None
    for s in ordered:
        named = mentions_any(s.text, keys)
        continues = previous is not None and previous.passage_rank == s.passage_rank and previous in kept
        if named or (continues and previous is not None and s.start - previous.end <= 2):
            kept.append(s)
        previous = s
    return kept


def distinct(chosen: Sequence[Scored], cand: Scored) -> bool:
    tc = set(terms(cand.text))
    for c in chosen:
        other = set(terms(c.text))
        if tc and other and len(tc & other) / len(tc | other) > 0.7:
            return False
    return True


def take(ordered: Sequence[Scored], limit: int, start: Sequence[Scored] = ()) -> list[Scored]:
    out = list(start)
    for cand in ordered:
        if len(out) >= limit:
            break
        if cand not in out and distinct(out, cand):
            out.append(cand)
    return out


def by_score(items: Sequence[Scored]) -> list[Scored]:
    return sorted(items, key=lambda s: (-s.score, s.passage_rank, s.start))


def pick_general(
    scored: Sequence[Scored], focus: Sequence[Concept], limit: int = GENERAL_MAX, require_any: Sequence[Concept] = ()
) -> list[Scored]:
    """The best relevant sentences, at most two per passage (three for the top one), in passage order."""
    cands = by_score(relevant(scored, focus, require_any=require_any))
    out: list[Scored] = []
    per: dict[int, int] = {}
    for cand in cands:
        if len(out) >= limit:
            break
        cap = 3 if cand.passage_rank == min(c.passage_rank for c in cands) else 2
        if per.get(cand.passage_rank, 0) >= cap or not distinct(out, cand):
            continue
        out.append(cand)
        per[cand.passage_rank] = per.get(cand.passage_rank, 0) + 1
    return sorted(out, key=lambda s: (s.passage_rank, s.start))


def is_definition(sentence: str, focus: Sequence[Concept]) -> bool:
    """The sentence opens with the concept (or names it as what something is called) and says what
    it is: "LoRA (Low-Rank Adaptation) is a ...", "The learned vectors ... are called soft prompts"."""
    for c in focus:
        m = c.pattern.search(sentence)
        if not m:
            continue
        after = sentence[m.end() :]
        if m.start() <= 25 and (_DEFINING.match(after) or _DEFINING.match(_AFTER_NAME.sub("", after, count=1))):
            return True
        if _CALLED.search(sentence[: m.start()]):
            return True
    return False


def pick_concept(
    scored: Sequence[Scored], focus: Sequence[Concept], limit: int = 5, homes: Sequence[int] = ()
) -> list[Scored]:
    """Definition first, then why it matters (sentences naming the concept itself come first).
    `homes`: ranks of the passages whose heading names the concept, best first; the first one that
    defines it (else the first) leads and is given whole, in its order (a section about the concept
    defines it, then says what it is good for)."""
    cands = relevant(scored, focus, floor=0.3)
    if not cands:
        return []
    direct = [c for c in focus if not c.generic] or list(focus)
    # a sentence about another concept ("Adapter modules are a PEFT method" under "what is LoRA?") is not
    # about this one, even when it shares the passage or the parent
    own = widened(direct)
    others = [c for c in CONCEPTS if not c.generic and c not in own and not c.pattern.search(" ".join(
        d.label for d in own))]

    def own_topic(s: Scored) -> bool:
        return mentions_any(s.text, direct) or not mentions_any(s.text, others)

    cands = [s for s in cands if own_topic(s)] or cands
    defs = [s for s in scored if s.score > 0 and is_definition(s.text, direct)]
    # the first section about it that defines it, else a definition elsewhere, else the first section about it
    home = next((h for h in homes if any(d.passage_rank == h for d in defs)), homes[0] if homes and not defs else None)
    at_home = [s for s in defs if s.passage_rank == home] or [
        s for s in scored if s.passage_rank == home and s.score > 0 and mentions_any(s.text, own)]
    first = max(at_home or defs or cands, key=lambda s: s.score)
    if first.passage_rank in homes:
        cands = [*cands, *(s for s in scored if s.passage_rank == first.passage_rank and s not in cands
                           and own_topic(s))]

    def why(s: Scored) -> float:
        bonus = 1.0 + 0.5 * bool(_BENEFIT.search(s.text)) + 0.5 * mentions_any(s.text, direct)
        return s.score * bonus

    start = [first]
    if _REFERS_BACK.match(first.text):
        before = [s for s in scored if s.passage_rank == first.passage_rank and s.end <= first.start]
        if before:
            start = [max(before, key=lambda s: s.end), first]
    # the rest of the defining passage first (it explains the concept), then the best elsewhere
    same = sorted((s for s in cands if s.passage_rank == first.passage_rank and s not in start),
                  key=lambda s: s.start)
    rest = sorted((s for s in cands if s not in start and s not in same), key=lambda s: -why(s))
    return take([*same, *rest], limit, start)


#: What kind of figure a question asks for, and how a sentence states one.
FIGURE_UNITS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (re.compile(r"\bhow (long|fast|quick\w*|soon)\b|\btime to\b|\bup and running\b", re.IGNORECASE),
     re.compile(r"\b(instant\w*|minutes?|hours?|days?|weeks?|months?|years?)\b", re.IGNORECASE)),
    (re.compile(r"\b(what|which) (percentage|share|fraction|portion)\b|\bpercent\w*|%|\bhow close\b",
                re.IGNORECASE), re.compile(r"%|\bpercent", re.IGNORECASE)),
    # "how much better / cheaper?", "how big a jump?": a relative figure (a percentage or a multiple)
    (re.compile(r"\bhow much (better|more|less|faster|cheaper|higher|lower|bigger|smaller|worse)\b|"
                r"\bhow (big|large) an? (gain|jump|lift|improvement|boost|difference)\b|\bhow many times\b|"
                r"\bby how much\b", re.IGNORECASE),
     re.compile(r"\d\s?(%|x\b)|\bpercent|\b\d+ times\b", re.IGNORECASE)),
    # "what will it cost us?": a sentence saying what something costs or where the cost comes from
    (re.compile(r"\bhow (much|expensive|cheap)\b.{0,50}\bcost|\bcosts? (us|you|me|them)\b|\bwhat does .{0,30}\bcost\b|"
                r"\bset (us|you|me) back\b|\bwhere does the money go\b", re.IGNORECASE),
     re.compile(r"\bcosts? (is|are|come|comes|consists?|continue|add|adds|run|runs)\b|\bcan cost\b|\bfees?\b|"
                r"\bdollars?\b|\$\s?\d", re.IGNORECASE)),
)


_HOW_MANY = re.compile(r"\bhow many (\w+?)(e?s)?\b", re.IGNORECASE)


def figure_unit(question: str) -> re.Pattern[str] | None:
    """How a sentence states the figure asked for ("how long" -> a duration, "how many parameters"
    -> a count of parameters), None when any number does."""
    unit = next((unit for asks, unit in FIGURE_UNITS if asks.search(question)), None)
    many = _HOW_MANY.search(question)
    if unit is None and many and len(many.group(1)) > 2:
        return re.compile(r"\b(\d[\d,.]*|tens|dozens|hundreds|thousands|millions|billions)\s+(of\s+)?"
                          rf"((the|its|their|a|an)\s+)?(\w+\s+)?{re.escape(many.group(1))}", re.IGNORECASE)
    return unit


def pick_figure(
    scored: Sequence[Scored], focus: Sequence[Concept], limit: int = 3,
    unit: re.Pattern[str] | None = None, further: Sequence[Scored] = (),
) -> list[Scored]:
    """The best sentence stating a number or a rating first, then up to two more relevant ones.
    The best relevant sentence stating the kind of figure asked for (`unit`: a duration for "how
    long") leads; when no top sentence states one, the best one of the further retrieved passages
    (`further`) that does leads."""
    cands = by_score(relevant(scored, focus, floor=0.3))
    if unit is not None and further and not any(unit.search(s.text) for s in cands):
        found = [s for s in by_score(relevant([*scored, *further], focus, floor=0.3))
                 if s in further and unit.search(s.text)]
        if found:
            return take([s for s in cands if QUANTITY.search(s.text)], limit, found[:1])
    numeric = [s for s in cands if QUANTITY.search(s.text) or (unit is not None and unit.search(s.text))]
    # the figure of the kind asked for leads, even when a wordier sentence scores higher
    asked = [s for s in numeric if unit is not None and unit.search(s.text) and s.score >= UNIT_SHARE * cands[0].score]
    numeric = asked + [s for s in numeric if s not in asked]
    if not numeric or (not asked and numeric[0].score < FIGURE_SHARE * cands[0].score):
        return pick_general(scored, focus, limit)
    first = numeric[0]
    rest = [s for s in numeric[1:] if s.score >= 0.5 * first.score] + [
        s for s in cands if s not in numeric and s.score >= 0.8 * first.score
    ]
    return take(rest, limit, [first])
