"""An amount of past material said with no count of its own (pure apart from the encoder): "decades
of inspection reports", "a mountain of resolved tickets", "30 years of granted claims", "a huge
labelled history".

A team describing the data it could train on often gives no number: it says how long it has kept
the task's outputs, or how much of them there is. Fine-tuning depends on such a task-specific dataset
(SkillWisor: training on a specialized dataset; AndData: task-specific data), so the amount is read
as a count of labelled examples. What it counts is the noun phrase after the quantifier ("of ..."),
which must name the task's own records: a labelling word ("annotated", "coded", "reviewed"), or a
word of the rubric's cues for labelled examples (`labelled_examples.cues`: tickets, reports, letters,
claims, replies ...) - not reference documents ("years of manuals" is knowledge to look up), and not
a phrase the encoder places clearly among the other things one counts ("years of existing
customers"). "30 years in business", "years of experience", "a huge budget" name no records.

Material that keeps arriving is a volume, not a stock ("we get tons of emails every day"), and
material still to be done is work ahead, not examples ("a pile of reports to write"): neither is read.

The value is that of "thousands" (`AMOUNT`), the rubric's "Thousands" choice and what
`handlers.assess.numbers` reads "thousands of reports" as: a kept archive of a task's outputs is
enough to fine-tune on (the rubric's `data_enough`, 1,000 and more) but, with no number said, not the
"large" dataset (`data_large`, 10,000 and more) that full fine-tuning depends on. It is weighted
below every stated number and rubric phrase: "years of tickets, 5k of them labelled" reads 5k. A
number that restates the amount with no noun of its own ("five years of coded lines, call it 50,000",
"decades of letters, roughly 40k of them") is its count (`restated_count`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from handlers.assess.labelled_counts import LABELLED_WORD
from handlers.assess.number_cues import as_number
from handlers.assess.numbers import Number, find_numbers, rate_match
from handlers.assess.patterns import LABELLED, Candidate

AMOUNT = 3000  # the value of the rubric's "Thousands" choice (module docstring)
HEAD_WORDS = 4  # words of the phrase after the quantifier in which its noun is looked for
PHRASE_WORDS = 10  # words of the phrase the encoder places

_NUMBER = (
    r"(?:\d+|a\s+few|several|many|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen)(?:[\s-]\w+)?)"
)
_BIG = r"(?:huge|massive|vast|enormous|giant|gigantic|large|big|sizeable|sizable|substantial|deep|rich|long)"
_STORE = (
    r"(?:archives?|history|histories|collections?|library|libraries|corpus|corpora|database|repository|trove|record)"
)
# what says "much" of a thing with no number: a span of time it was kept over, a heap, a store
_QUANTIFIER = re.compile(
    rf"\b(?:(?:{_NUMBER}\s+|a\s+(?:good\s+)?|the\s+(?:last|past)\s+(?:{_NUMBER}\s+)?)?(?:years|decades)|a\s+decade"
    r"|(?:a\s+)?(?:(?:whole|huge|massive|giant|big|large)\s+)?(?:mountains?|tons?|heaps?|piles?|stacks?|reams|"
    r"loads|boatloads?|truckloads?|wealth|treasure\s+trove|trove|ocean|sea)"
    rf"|(?:an?\s+|our\s+|the\s+)?(?:(?:{_BIG}|whole|entire)\s+)?{_STORE})"
    r"(?:'s|')?\s+(?:worth\s+)?of\s+",
    re.IGNORECASE,
)
# "a huge labelled history", "a big annotated archive": the labelling word says what the store holds
_LABELLED_STORE = re.compile(
    rf"\b(?:{_BIG}|years-long|decades-long)\s+(?:[\w-]+\s+)?{LABELLED_WORD}\s+(?:[\w-]+\s+)?{_STORE}\b",
    re.IGNORECASE,
)
_PARTICIPLES = re.compile(
    r"\b(?:coded|reviewed|approved|corrected|edited|checked|verified|scored|rated|classified|categori[sz]ed|"
    r"triaged|resolved|answered|signed[- ]off|vetted|transcribed)\b"
)
_KB_NOUNS = re.compile(
    r"\b(?:docs|documents|documentation|pages|articles|pdfs|files|manuals|handbooks|policies|guidelines|"
    r"regulations|standards|papers)\b"
)
# material that arrives ("we get tons of emails"), or work still ahead ("a pile of reports to write")
_ARRIVING = re.compile(
    r"\b(?:get|gets|getting|receive[sd]?|receiving|handle[sd]?|handling|process(?:es|ed)?|field|fields|"
    r"answer|answers|come|comes|pour|pours|flood|floods)\s+(?:in\s+)?(?:[\w-]+\s+){0,2}$"
)
_TO_DO = re.compile(
    r"^(?:[\w'-]+\s+){0,5}?(?:to\s+(?!(?:learn|train|fine[- ]?tune)\b)[a-z]+|still\s+(?:to|waiting|pending|open)|"
    r"waiting|pending|(?:that|which)\s+(?:still\s+)?need)\b"
)
# between an amount and a number that restates it: a comma or bracket and a hedge ("call it", "roughly")
_RESTATING = re.compile(
    r"^\s*(?:,|\(|-|\u2013|\u2014)\s*(?:(?:call it|say|roughly|about|around|some|approximately|maybe|probably|"
    r"perhaps|nearly|almost|over|more than|at least|easily|well over)\s+|~\s*)*$",
    re.IGNORECASE,
)
# after the number: nothing of its own to count ("50,000,", "40k of them", "about 1k in all")
_RESTATED_END = re.compile(
    r"^\s*(?:(?:of them|of those|in all|in total|all told|or so|or more|total)\b\s*)?(?:[,.;:!?)]|"
    r"\s(?:and|but|so|which|that)\b|$)",
    re.IGNORECASE,
)
_END = re.compile(r"[.;:!?()]|,\s|\s(?:and|but|so|while|whereas)\s+(?:we|they|it|i|our|the)\b")


@dataclass(frozen=True)
class Amount:
    """A number-free amount of past material: where it is and what it says."""

    start: int
    end: int
    phrase: str  # what it is an amount of


def find_amounts(clause: str) -> list[Amount]:
    """Each quantifier of `clause` with the noun phrase it is an amount of ("decades of | inspection
    reports"), and each store said to be labelled ("a huge labelled history")."""
    out: list[Amount] = []
    for m in _QUANTIFIER.finditer(clause):
        rest = clause[m.end() :]
        cut = _END.search(rest)
        phrase = " ".join((rest[: cut.start()] if cut else rest).split()[:PHRASE_WORDS])
        if phrase:
            out.append(Amount(m.start(), m.end() + len(phrase), phrase))
    for m in _LABELLED_STORE.finditer(clause):
        out.append(Amount(m.start(), m.end(), m.group(0)))
    return out


def past_material(
    amount: Amount, clause: str, cue: re.Pattern[str] | None, other_kind: Callable[[str], bool]
) -> bool:
    """Whether `amount` is of the task's own records (module docstring): labelled, or named by a cue
    noun, not reference documents, not a thing of another kind (`other_kind`, the encoder's verdict),
    neither arriving nor still to be done."""
    phrase = amount.phrase.lower()
    if _ARRIVING.search(clause[: amount.start].lower()) or _TO_DO.match(phrase):
        return False
    if rate_match(clause[amount.start :]) is not None:
        return False  # "tons of tickets every day": a volume
    head = " ".join(phrase.split()[:HEAD_WORDS])
    if re.search(LABELLED_WORD, head, re.IGNORECASE) or _PARTICIPLES.search(head):
        return not other_kind(amount.phrase)
    if _KB_NOUNS.search(head) or cue is None or not cue.search(head):
        return False
    return not other_kind(amount.phrase)


def restated_count(amount: Amount, clause: str, following: str = "") -> Number | None:
    """The number right after `amount` that restates it as a count, or None: in its clause ("years of
    workpapers (about 8k)"), or, where the amount ends its clause, as the whole of the clause that
    follows (`following`: "five years of coded lines | call it 50,000"); that one's offsets are
    `following`'s."""
    tail = clause[amount.end :]
    for num in find_numbers(tail)[:1]:
        if _RESTATING.match(tail[: num.start]) and _RESTATED_END.match(tail[num.end :]):
            return Number(num.value, amount.end + num.start, amount.end + num.end)
    if tail.strip(" ,;-") or not following:
        return None
    for num in find_numbers(following)[:1]:
        if _RESTATING.match(", " + following[: num.start]) and _RESTATED_END.match(following[num.end :]):
            return num
    return None


def read_amounts(
    clause: str, offset: int, previous: str, cue: re.Pattern[str] | None, other_kind: Callable[[str], bool]
) -> list[Candidate]:
    """Labelled-example candidates from the amounts of past material in `clause`: `AMOUNT`, weighed
    below every number and rubric phrase, or the number that restates one (a stated count), in
    `clause` or restating an amount that ends `previous` ("five years of coded lines | call it 50,000")."""
    out: list[Candidate] = []
    if cue is None:
        return out  # a rubric without labelled-example cues asks no such count
    for a in find_amounts(clause):
        if not past_material(a, clause, cue, other_kind):
            continue
        out.append(Candidate(LABELLED, AMOUNT, offset + a.start, 0, clause[a.start : a.end], priority=1))
        count = restated_count(a, clause)  # "years of audit workpapers (about 8k)"
        if count is not None:
            snippet = clause[a.start : count.end]
            out.append(Candidate(LABELLED, as_number(count.value), offset + a.start, len(snippet), snippet, 2))
    for a in find_amounts(previous):
        count = restated_count(a, previous, clause)
        if count is not None and past_material(a, previous, cue, other_kind):
            snippet = clause[: count.end]
            out.append(Candidate(LABELLED, as_number(count.value), offset, len(snippet), snippet, 2))
    return out
