"""A fair word on prompting taken back by a shortfall (pure): "prompting gives okay text but the
style drifts", "prompting gets the messages okay but quality is uneven", "the model writes decent
replies, but the voice drifts", "listings that are okay but not quite in our house format" ->
prompt_results plateaued.

"Okay", "fine", "decent" or "alright" alone say prompting works; a contrast ("but", "though",
"yet", "except") followed by a shortfall of what it gives (drifts, uneven, inconsistent, varies,
hit and miss, not quite, needs heavy editing) says it works only partly: the rubric's "Plateaued /
not good enough", where SkillWisor has fine-tuning push past prompting (consistency of style and
format). The embedding matcher reads the fair word as success and misses the contrast, so the
construction is told here.

The fair word and the shortfall may share a clause or stand in two clauses (the clause splitter
may or may not keep the "but"); the shortfall must be said of the output (its style, tone, voice,
quality, format, or "it"), or open its clause. Read nothing for a fair word with no contrast
("prompting works okay and that's fine for us"), a contrast about something else ("okay, but the
budget is tight", "okay, but our prices drift every day"), a denied shortfall ("but the tone never
drifts"), or a fair word on a model the team trained ("our fine-tuned model is fine but drifts").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from handlers.assess.clause_words import denied, negative
from handlers.assess.patterns import Candidate
from handlers.assess.verdicts import PLATEAUED, PROMPT_RESULTS, about_prompting

# a fair word: works, with no praise
FAIR = re.compile(
    r"(?<![\w-])(?:ok|okay|fine|decent|alright|all right|reasonabl[ey]|passabl[ey]|acceptabl[ey]|adequate(?:ly)?|"
    r"not bad|fair(?:ly well)?)(?![\w-])"
)
CONTRAST = re.compile(r"(?<![\w-])(?:but|though|although|yet|except)(?![\w-])")
# what prompting gives falling short: varies, drifts, partly right
SHORTFALL = re.compile(
    r"(?<![\w-])(?:drift\w*|wander\w*|uneven(?:ly)?|inconsistent(?:ly)?|varies|vary|varying|variable|patchy|"
    r"spotty|wobbl\w*|hit[- ](?:or|and)[- ]miss|all over the place|not quite|not (?:always|consistently|reliably)|"
    r"off[- ](?:brand|tone|style)|generic|bland|unreliable|(?:needs?|needing) (?:heavy |a lot of |lots of |"
    r"constant |manual )?(?:edit\w*|rewrit\w*|fix\w*|cleanup|clean-up)|rewrite \w+ (?:of|half))(?![\w-])"
)
# what the shortfall may be said of: the output and its qualities
OUTPUT = re.compile(
    r"(?<![\w-])(?:it|it's|its|they|they're|them|style|tone|voice|quality|format|formatting|structure|layout|"
    r"wording|phrasing|output|outputs|results?|text|texts|answers|replies|drafts|copy|messages|descriptions|"
    r"consistency|accuracy|sections|headings|length)(?![\w-])"
)

# the words a shortfall opening its clause may follow ("but is still uneven", "though often generic")
LINKING = frozenset("is are was were still often sometimes a bit little quite very rather just can be gets get".split())


def _short(right: str) -> bool:
    """`right` (what follows the contrast) names a shortfall of the output, not denied."""
    found = SHORTFALL.search(right)
    if found is None:
        return False
    if not found.group().startswith("not ") and denied(right, found.start()):
        return False
    before = right[: found.start()]
    return OUTPUT.search(before) is not None or all(w in LINKING for w in before.split())


def _fair(left: str) -> bool:
    """`left` grants prompting a fair word, not negated ("not fine")."""
    found = FAIR.search(left)
    if found is None or not about_prompting(left):
        return False
    rest = left[: found.start()] + " " + left[found.end() :]
    return not negative(rest)


def contrasted(
    granted: Callable[[str], bool],
    falls_short: Callable[[str], bool],
    clause: str,
    offset: int,
    previous: str = "",
    gap: str = "",
) -> list[Candidate]:
    """prompt_results plateaued from something granted to prompting and a contrasted shortfall: in
    `clause` (at `offset`), or in `previous` with `clause` after the contrast (in `gap`, the text
    between them, or opening `clause`). `granted` judges the side before the contrast, `falls_short`
    the side after it; fair_but_short and partial_success.partly_failed differ only in those two."""
    m = CONTRAST.search(clause)
    if m is not None and granted(clause[: m.start()]) and falls_short(clause[m.end() :]):
        return [Candidate(PROMPT_RESULTS, PLATEAUED, offset, len(clause), clause)]
    opening = CONTRAST.match(clause.lstrip())
    is_contrasted = CONTRAST.search(gap) is not None or opening is not None
    right = clause.lstrip()[opening.end() :] if opening is not None else clause
    if previous and is_contrasted and granted(previous) and falls_short(right):
        return [Candidate(PROMPT_RESULTS, PLATEAUED, offset, len(clause), clause)]
    return []


def fair_but_short(clause: str, offset: int, previous: str = "", gap: str = "") -> list[Candidate]:
    """prompt_results plateaued from a fair word on prompting and a contrasted shortfall of the
    output ("okay, but the style drifts")."""
    return contrasted(_fair, _short, clause, offset, previous, gap)
