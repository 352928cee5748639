"""Counted things the team calls the output it wants (pure): "15 years of published items, over 200k,
which are exactly what a good result looks like", "around 90k intros, and every one of them is the
kind of output we want".

A collection said to be what a good result looks like is a set of gold outputs, the "specialized
dataset" of desired responses a model is fine-tuned on (SkillWisor; the G table's "labelled
examples"), whatever its noun: the team itself vouches for each item, which is what labelling is.
The encoder-backed classifier (`handlers.assess.counted`) places a counted phrase by its noun
("published items" is near neither past outputs nor reference material) and barely weighs the
clause that follows; this reads that clause's grammar instead: a word that refers back to the
counted things ("which", "they", "every one of them") and a predicate that equates them with the
wanted output ("are exactly what a good answer looks like", "is the kind of copy we want").

Left alone: a wish that is no equation ("which is what we want to avoid", "what we want to
automate"), and a clause about something else than the counted things (no referring word).
"""

from __future__ import annotations

import re

LEAD_WORDS = 4  # words between the count and the word that refers back to it ("listings, and ...")

# a word that refers back to the counted things
_REFER = (
    r"(?:which|that|these|those|they|all of (?:them|which|these|those)|each(?: one)?(?: of (?:them|these|those))?|"
    r"every (?:one|single one)(?: of (?:them|these|those))?)"
)
_BE = r"(?:(?:are|is|'re|was|were)\s+(?:all\s+|each\s+)?|(?:show|shows|represent|represents)\s+)"
_DEGREE = r"(?:(?:exactly|precisely|just|basically|essentially|really)\s+)?"
_OUTPUT = r"(?:outputs?|results?|answers?|responses?|drafts?|items?|pieces?|versions?|copy|writing|texts?|work)"
_WANT = r"(?:want|need|are after|'re after|would want|expect|aim for|look for|are looking for)"
_GOLD = (
    rf"what\s+(?:an?\s+|the\s+)?(?:(?:good|great|ideal|right|correct|perfect|finished)\s+)?{_OUTPUT}\s+"
    r"(?:looks|look|should look)\s+like"
    rf"|what\s+(?:we|you|they|the editors|our \w+)\s+{_WANT}(?!\s+to\b)"
    rf"|the\s+(?:kind|sort|type|standard|quality)\s+of\s+{_OUTPUT}\s+(?:we|you|they)\s+{_WANT}"
)
_GOLD_SAID = re.compile(
    rf"^[\s,;:-]*(?:(?:and|so|but)\s+)?(?:[\w'-]+[\s,;:]+){{0,{LEAD_WORDS}}}?{_REFER}\s+{_BE}{_DEGREE}(?:{_GOLD})\b",
    re.IGNORECASE,
)


def said_to_be_gold(after: str) -> bool:
    """Whether the clause after a count says the counted things are the output the team wants."""
    return _GOLD_SAID.match(after) is not None
