"""What a how-to question asks for, read from its words (pure; no models): an order of steps, a way
to keep something down, a way to do without something - and the words its retrieval adds for them.

`handlers.ask.howto` composes the answer from these readings (which passage leads, which sentences
weigh more); `handlers.ask.service` searches a how-to with `howto_keywords` on the keyword arm. Kept
apart from the composer: these read the question, the composer reads the passages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.ask.text import terms

#: The question asks for an order of steps: a process, a workflow, where to start, from one state to another.
STEPS_ASKED = re.compile(
    r"\b(process|workflow|pipeline|procedure|playbook|roadmap|steps?|stages?|phases?|sequence)\b|"
    r"\bwalk (me|us) through\b|\bwhere (do|should|would|can) (we|i|you|one) (start|begin)\b|"
    r"\b(what|which) comes? (first|next)\b|\bin what order\b|\b(go|get|move)\w* from .{1,60}\bto\b",
    re.IGNORECASE,
)
#: A question that lays out a sequence itself asks how to go through it: "start out with prompts and then
#: move to training later", "begin with prompts, train later", "first prompts, then a tuned model".
SEQUENCE_STATED = re.compile(
    r"\b(start|begin)\w*( out| off)? (with|by|on) .{1,60}?\b(then|later|afterwards|next)\b|"
    r"\bfirst\b.{1,60}?\b(then|later|afterwards)\b",
    re.IGNORECASE,
)
#: A process noun in a compound that describes something else ("multi-step reasoning", "keep it in step with").
_COMPOUND_BEFORE = re.compile(r"(\bmulti[- ]?|\bin )$", re.IGNORECASE)
#: ... or the team's own, doing something ("our pipeline chokes on anything else", "our ingestion pipeline
#: expects ..."): a statement about it ("what should our process be?" still asks for one).
_OWN_BEFORE = re.compile(r"\b(our|my|their|your)\s+([\w-]+\s+)?$", re.IGNORECASE)
_DOES_AFTER = re.compile(r"^\s+[a-z]+s\b", re.IGNORECASE)
#: A sentence of a question that ends with "." or "!" while another asks: what the asker states.
_STATED = re.compile(r"[^.?!]*[.!](\s+|$)")

#: The sequence words of `handlers.ask.howto.PROCEDURAL` that the keyword index does not drop as stopwords: what a
#: question asking for an order of steps is searched with too (keyword arm only).
STEPS_KEYWORDS = "first next finally starts followed resulting"

#: The question wants something kept down or away: lower costs, less drift, no slipping quality.
CURB_ASKED = re.compile(
    r"\b(keep\w*|get\w*|bring\w*) .{0,40}\b(down|low|under control|in check)\b|"
    r"\b(keep\w*|stop\w*|prevent\w*) .{0,40}\bfrom\b|"
    r"\b(stop|prevent|avoid|reduce|cut|lower|minimi[sz]e|limit|mitigate|fight|guard against|trim|save on)\b",
    re.IGNORECASE,
)
#: The articles' words for a means that keeps something down: what a question asking how to curb
#: something is searched with too (keyword arm only), so that the passage saying what reduces the
#: problem is found beside the one that describes the problem.
CURB_KEYWORDS = "reduce mitigate prevent"

#: "... without <what to spare>": the question's constraint, its first words after "without".
_WITHOUT = re.compile(r"\bwithout\s+((?:[\w'-]+\W{0,2}){1,4})", re.IGNORECASE)
#: A sentence saying a means spares something: "without X", "no X", "does not X", "instead of X".
_SPARING = re.compile(
    r"\b(?:without|no|not|never|instead of|rather than)\s+((?:[\w'-]+\W{0,2}){1,4})", re.IGNORECASE
)
#: Words after "without" that name nothing to spare ("without anything", "without someone").
_VAGUE = frozenset(terms("any anything another someone somebody something much many every time thing things again"))
SPARED_TERMS = 2  # the verb and object after "without" ("retraining it" -> retrain; "touching ... weights")

#: The spared thing is a whole: "without touching all the weights", "without a full copy".
_WHOLE = re.compile(r"\b(all|every|each|whole|entire|full)\b", re.IGNORECASE)
#: A sentence saying a means touches only part of something: "update only a small subset".
_PART = re.compile(
    r"\bonly (?:an? )?(?:\w+ ){0,2}(subset|part|portion|fraction|few|set)\b|\bfreez\w* (?:most|the rest)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Spared:
    """What a how-to wants to do without: the terms after "without", and whether it is a whole."""

    terms: frozenset[str] = frozenset()
    whole: bool = False

    def __bool__(self) -> bool:
        return bool(self.terms)


def spared(question: str) -> Spared:
    """What the how-to wants to do without ("without retraining it" -> {retrain})."""
    out: set[str] = set()
    whole = False
    for m in _WITHOUT.finditer(question):
        out.update([t for t in terms(m.group(1)) if t not in _VAGUE and len(t) >= 4][:SPARED_TERMS])
        whole = whole or bool(_WHOLE.search(m.group(1)))
    return Spared(frozenset(out), whole=whole and bool(out))


def _same(a: str, b: str) -> bool:
    """Two stems name the same thing: one extends the other ("train" in "retrain")."""
    short, long_ = sorted((a, b), key=len)
    return long_.startswith(short) or (len(short) >= 5 and short in long_)


def spares(sentence: str, avoid: Spared) -> bool:
    """The sentence says something works without (or with no) one of `avoid`'s terms, or, when
    `avoid` is a whole, that it touches only part of something."""
    if avoid.whole and _PART.search(sentence):
        return True
    return any(_same(t, a) for m in _SPARING.finditer(sentence) for t in terms(m.group(1)) for a in avoid.terms)


def asks_for_steps(question: str) -> bool:
    """The how-to asks for an order of steps ("what's the process?", "where do we start?"), or lays out
    a sequence to go through ("start with prompts and then move to training later", `SEQUENCE_STATED`).

    Only what the question asks counts: a sentence ending with "." beside one that asks is stated
    ("the playbook changes every month."); a process noun that is the team's own doing something
    ("our pipeline chokes on anything else") or part of a compound ("multi-step reasoning", "in step
    with the roadmap") asks for no order of steps."""
    asked = _STATED.sub(" ", question) if "?" in question else question
    if SEQUENCE_STATED.search(asked):
        return True
    return any(
        not _COMPOUND_BEFORE.search(asked[: m.start()])
        and not (_OWN_BEFORE.search(asked[: m.start()]) and _DOES_AFTER.match(asked[m.end():]))
        for m in STEPS_ASKED.finditer(asked)
    )


def asks_to_curb(question: str) -> bool:
    """The how-to asks how to keep something down or away ("how do we keep costs down?")."""
    return bool(CURB_ASKED.search(question))


def howto_keywords(question: str) -> str:
    """Words for the keyword arm of a how-to's retrieval: the articles' words for a means that keeps
    something down when the question asks how to (`asks_to_curb`), and the sequence words a procedure
    is written with when it asks for an order of steps (`asks_for_steps`); empty otherwise."""
    words = [CURB_KEYWORDS if asks_to_curb(question) else "", STEPS_KEYWORDS if asks_for_steps(question) else ""]
    return " ".join(w for w in words if w)
