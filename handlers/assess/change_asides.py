"""A parenthesis of examples inside a statement of change: read past it, and read from it what kind
of thing changes (pure).

"the editors rework that template (sections, headings, word limits) almost every issue", "funders
amend eligibility (deadlines, budget caps, who may apply) every week or two": a parenthesis that lists
examples of what changes stands between the change verb and its pace, and its commas cut the
statement into clauses none of which holds both ("word limits) almost every issue"). `without_asides`
joins the clauses a parenthesis spans and leaves the parenthesis out, so the frequency pass reads "the
editors rework that template ... almost every issue" as one statement. Only a list of examples is
left out: a parenthesis that states a pace ("prices (updated daily, sometimes hourly)") is the
statement's pace, and a remark ("(we have 20k call notes)") is kept as it stands.

What the parenthesis lists names what changes better than the noun before it: "a label gets revised
almost every week (new interactions, dosing in renal impairment)" is about what the label says, the
facts; "the intake form is revised monthly (new fields, a different order)" is about its shape, a
requirement of the task. The left-out parentheses travel with their clause (`AsideClause.asides`) and
`aside_kind` places them: a list of at least two examples, most of them parts of a document's or an
output's form or of the task's rules (sections, headings, fields, word limits, order, tone,
categories, themes, how to apply them) is a requirement; a list of contents (amounts, thresholds,
dosages, deadlines, who may apply) is facts. A parenthesis that is no list of examples ("(we
think)", "(see below)", one item) says nothing of the kind, nor one that lists the events a change
is tied to ("rewritten for every campaign (flu season, a new diabetes programme)").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from handlers.assess.frequency import recurring_events
from handlers.assess.things import FACTS, REQUIREMENTS

_ASIDE = re.compile(r"\([^()]*\)")
# the parts of a document's or an output's form, and of the task's rules: what the output must look
# like or follow, never what it says ("word limits" is form, "claim limits" a content)
_FORM_PART = re.compile(
    r"(?<![\w-])(?:sections?|headings?|headers?|footers?|fields?|columns?|rows? order|order(?:ing)?|sequence|"
    r"length|words?|word ?count|characters?|bullets?|bullet points?|paragraphs?|fonts?|colou?rs?|logos?|"
    r"layouts?|formats?|formatting|templates?|structure|styles?|tone|voice|wording|phrasing|naming|renamed|"
    r"greetings?|sign-?offs?|disclaimers?|slides?|placeholders?|criteria|criterion|categor(?:y|ies)|"
    r"labels?|classes|tags?|queues?|themes?|topics?|intents?|instructions?|steps?|how\s+to|rubrics?|scoring|weights?|"
    r"schemas?|prompts?)(?![\w-])",
    re.IGNORECASE,
)
# what an aside that lists no contents says: who speaks or acts ("(we think)", "(they say)"), a
# pointer ("(see below)"), a question
_NO_LIST = re.compile(r"(?<![\w-])(?:we|i|you|they|he|she|see|cf|ie|i\.e)(?![\w-])|\?", re.IGNORECASE)
_ITEM_SPLIT = re.compile(r"\s*(?:,|;|/|\band\b|\bor\b|\bplus\b)\s*", re.IGNORECASE)
_LEAD = re.compile(
    r"^(?:e\.?\s?g\.?|for example|for instance|such as|like|mostly|mainly|incl(?:uding|\.)?)[\s,:]*", re.IGNORECASE
)
_ETC = re.compile(r"(?<![\w-])(?:etc\.?|and so on|and the like|and more)", re.IGNORECASE)
MIN_ITEMS = 2  # a list of examples: one item is a remark, not a list
MAX_ITEM_WORDS = 6  # "which symptoms need same-day referral"


class AsideClause(str):
    """A clause with the parentheses of examples `without_asides` left out of it."""

    asides: tuple[str, ...] = ()


def with_asides(clause: str, asides: tuple[str, ...]) -> str:
    """`clause`, carrying `asides` when there are any."""
    if not asides:
        return clause
    out = AsideClause(clause)
    out.asides = asides
    return out


def without_asides(
    clauses: list[tuple[int, str]], states_pace: Callable[[str], bool]
) -> list[tuple[int, str, tuple[str, ...]]]:
    """`clauses` ((offset, text) pairs) with the clauses an open parenthesis spans joined (", ", as
    the clause split cut them) and each list of examples that states no pace (`states_pace`) left
    out; with each clause the lists left out of it that name what changes (not events)."""
    joined: list[tuple[int, str]] = []
    open_aside = False
    for offset, clause in clauses:
        if open_aside and joined:
            joined[-1] = (joined[-1][0], f"{joined[-1][1]}, {clause}")
        else:
            joined.append((offset, clause))
        text = joined[-1][1]
        open_aside = text.count("(") > text.count(")")
    out: list[tuple[int, str, tuple[str, ...]]] = []
    for offset, clause in joined:
        lists = [m for m in _ASIDE.finditer(clause) if examples(m.group(0)[1:-1]) and not states_pace(m.group(0))]
        # the examples of a recurring event name the events, not what changes ("for every campaign (flu
        # season, a new programme)")
        events = {end for _, end in recurring_events(clause)}
        left_out = tuple(m.group(0)[1:-1] for m in lists if len(clause[: m.start()].rstrip()) not in events)
        out.append((offset, _blanked(clause, lists), left_out))
    return out


def _blanked(clause: str, lists: list[re.Match[str]]) -> str:
    """`clause` with the parentheses `lists` left out (one space stands for each)."""
    for m in reversed(lists):
        clause = clause[: m.start()] + " " + clause[m.end() :]
    return re.sub(r"\s+(?= )", "", clause).rstrip()


def examples(aside: str) -> list[str]:
    """The items an aside lists ("new fields, a different order" -> two), or none when it is no
    list of examples: fewer than `MIN_ITEMS`, an item too long to be a noun phrase, or a remark."""
    if _NO_LIST.search(aside):
        return []
    items = [i.strip(" .:-") for i in _ITEM_SPLIT.split(_LEAD.sub("", _ETC.sub("", aside).strip()))]
    items = [i for i in items if i]
    if len(items) < MIN_ITEMS or any(len(i.split()) > MAX_ITEM_WORDS for i in items):
        return []
    return items


def aside_kind(clause: str) -> str | None:
    """The criterion the examples left out of `clause` say its change is: requirements when most
    of the items are parts of a form or of the task's rules (`_FORM_PART`), facts when most are
    contents; None with no list of examples, or a tie."""
    items = [i for aside in getattr(clause, "asides", ()) for i in examples(aside)]
    if not items:
        return None
    form = sum(1 for i in items if _FORM_PART.search(i))
    if 2 * form > len(items):
        return REQUIREMENTS
    if 2 * form < len(items):
        return FACTS
    return None
