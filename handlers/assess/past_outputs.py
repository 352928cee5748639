"""Counts of the task's own past outputs (pure): things the team already finished, and a bare count
that refers back to the outputs a sentence says must follow a form.

A labelled example is an input with its correct output (the rubric's "input -> correct output").
Two phrasings count such records without a word of labelling:

- a participle of finishing or processing before the counted noun: "90k finished entries", "100k
  parsed POs", "200k processed invoices", "60k issued letters" are the task done before, each an
  example of the output wanted (SkillWisor: a specialized dataset; AndData: task-specific data).
  Goods are no outputs of a language task: "9,000 finished products" stays unread (`done_count`);
- a count that refers back to outputs which "must use / follow / be in" a template, standard or
  format: "outage reports must use our rigid template (we have 3 years of them, ~25k)", "entries
  must follow the archival standard (we keep ~40k of those)": what the team has of them are past
  outputs in the wanted form (`referred_outputs`). "Our 4,000 farmers" or "customers must follow
  the returns format (we have 4,000 of them)" count people, not outputs.
"""

from __future__ import annotations

import re

from handlers.assess.count_heads import counts_people
from handlers.assess.made_counts import noun_phrase

# finishing or processing a thing, said as a participle before the counted noun
_DONE = (
    r"(?:finished|completed|parsed|processed|issued|submitted|delivered|sent|catalogued|cataloged|"
    r"extracted|formatted|answered|handled|signed[- ]off)"
)
# goods and stock are no outputs of a language task: "9,000 finished products", "500 processed parts"
_GOODS = (
    r"(?:products?|goods|items?|units?|parts?|materials?|foods?|meals?|crops?|batch(?:es)?|garments?|"
    r"vehicles?|devices?|components?|packages?|parcels?|shipments?)"
)
_DONE_THINGS = re.compile(rf"^(?:[a-z]+ly\s+)?{_DONE}\s+(?!.*\b{_GOODS}\b)[\w'-]+", re.IGNORECASE)
# outputs that must take a form, then an aside that has some of them: "reports must use our rigid
# template (we have 3 years of them, ~25k"; the aside is still open where the count stands
_FORM = r"(?:templates?|standards?|formats?|layouts?|schemas?|style(?:\s+guide)?|structure|conventions?)"
_MUST_FOLLOW = (
    r"\b(?P<noun>[a-z-]+s)\s+(?:must|should|need\s+to|have\s+to|are\s+to)\s+(?:always\s+|all\s+)?"
    r"(?:use|follow|match|be\s+in|be\s+written\s+(?:in|to)|adhere\s+to|conform\s+to|stick\s+to|comply\s+with|fit)\b"
    rf"[^()]{{0,80}}?\b{_FORM}\b[^()]{{0,40}}?\(\s*(?:we|i)(?:\s+(?:have|keep|kept|hold|archived|stored)|'ve(?:\s+got)?)\b"
)
_REFERRED_BEFORE = re.compile(rf"{_MUST_FOLLOW}[^()]*\bof\s+(?:them|those|these)\b[^()]*$", re.IGNORECASE)
_REFERRED_OPEN = re.compile(rf"{_MUST_FOLLOW}[^()]*$", re.IGNORECASE)
_OF_THEM = re.compile(r"^\s*(?:of\s+)?(?:them|those|these)\b", re.IGNORECASE)


def done_count(tail: str) -> bool:
    """Whether the counted phrase (`tail`, the words after the number) names things the team
    finished or processed ("90k finished entries", "100k parsed POs"), goods excepted."""
    phrase = noun_phrase(tail)
    return bool(phrase) and _DONE_THINGS.match(phrase) is not None and not counts_people(tail)


def referred_outputs(before: str, after: str) -> bool:
    """Whether a count refers back to outputs that must follow a form: `before` is the text before
    the number (the clause before included), `after` the text after it. The count is bare ("of them,
    ~25k)") or itself says "of them" ("~25k of them")."""
    match = _REFERRED_BEFORE.search(before)
    if match is None and _OF_THEM.match(after):
        match = _REFERRED_OPEN.search(before)
    if match is None:
        return False
    bare = not re.match(r"^\s*[a-z]", after, re.IGNORECASE) or _OF_THEM.match(after) is not None
    return bare and not counts_people(match.group("noun"))
