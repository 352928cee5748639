"""An output whose form is set afresh per request, recipient or conversation (pure): a reading of
`requirements_change` for the varying part of a two-part task.

"The formatting has to change per downstream consumer", "each report has to be written up
differently depending on which authority receives it", "drafted to whatever structure the partner
asks for that day", "no two of those requests want the same layout", "every carrier expects the
output laid out its own way", "the vet decides on the spot how it should be phrased": the layout,
wording or structure of what the system hands over is not one fixed target but chosen by whoever
receives it, one request at a time. That is what SkillWisor leaves to prompts in a two-part task
("fine-tuning models on core domain knowledge and fundamental task patterns, then use prompt
engineering to handle variations, edge cases and dynamic requirements"; "prompt-engineered models
for preprocessing, validation, or output formatting"; "prompts to focus on specific variations or
requirements for individual requests"). A trained model learns one target; a target that moves
with each recipient is a requirement that keeps changing, read at the pace the rubric gives a
change tied to a recurring event (`frequency.EVENT_PERIOD_DAYS`: weekly).

Read by grammar, never by a list of situations: a word for the output's form (a noun such as
"layout", "wording", "structure", or a participle of making it, "laid out", "worded", "written up")
and, in the same clause, what ties it to the recipient:
- a distributive after the form ("per consumer", "depending on which agency", "for each client");
- the recipient's choice ("whatever structure the partner asks for", "however the broker wants it",
  "decides how it should be phrased");
- "no two <requests> want the same <layout>";
- "each <recipient> wants a different <length>" / "its own <layout>" / "it set out its own way".
Look-alikes that state no such thing: the inputs differing ("every supplier sends invoices in a
different layout": sent, not wanted), one form for all ("every department gets the same layout"), a
form said to stay put ("each client has its own layout, which never changes"), a rate ("tokens per
day"), and a denial ("no client wants a different format"). Tone, voice and style per variant are
`handlers.assess.variant_style`'s reading, not this one's.
"""

from __future__ import annotations

import re

from handlers.assess.patterns import Candidate
from handlers.assess.text_cues import negated

REQUIREMENTS = "requirements_change"
PACE = "weekly"  # a change tied to a recurring event whose pace is not stated (frequency.EVENT_PERIOD_DAYS)

_W = r"(?:[\w'-]+\s+)"  # one word and the space after it
# the output's form: what it looks like, not what it says
_FORM_NOUN = (
    r"(?:layouts?|format(?:s|ting)?|structures?|wording|phrasing|shape|lengths?|(?:field|column|section)\s+order|"
    r"templates?|arrangement|presentation|write-?ups?)"
)
# making the output take a form: "laid out", "worded", "written up", "set out"
_FORM_VERB = (
    r"(?:laid\s+out|lay\s+out|set\s+out|written\s+up|write\s+up|worded|word|phrased|phrase|drafted|formatted|"
    r"shaped|structured|arranged|presented)"
)
_FORM = re.compile(rf"(?<![\w-])(?:{_FORM_NOUN}|{_FORM_VERB})(?![\w-])")
_WANT = (
    r"(?:wants?|wanted|needs?|expects?|asks?\s+for|requests?|requires?|demands?|prefers?|likes?|specif(?:y|ies)|"
    r"dictates?|chooses?|picks?)"
)
# a change or difference said of the form: "has to change per", "written up differently depending on"
_VARYING = re.compile(
    rf"(?<![\w-])(?:chang\w*|differ\w*|var(?:y|ies|ied)|adapt\w*|tailor\w*|customi[sz]\w*|{_FORM_VERB})(?![\w-])"
)
# the distributive that ties the form to a recipient or request (a time unit makes it a rate)
_PER = re.compile(
    r"(?<![\w-])(?:per|for\s+(?:each|every)|depending\s+on\s+(?:which|who|whom|what)|according\s+to\s+(?:which|who))"
    r"\s+(?!(?:second|minute|hour|day|night|week|month|quarter|year|cent)s?\b)[a-z][\w-]*"
)
# the recipient chooses: "whatever structure the partner asks for", "however that broker happens to want it"
_CHOICE = re.compile(
    rf"(?<![\w-])(?:(?:whatever|however|whichever)\s+{_W}{{0,5}}?{_WANT}"
    r"|(?:decides?|decided|chooses?|dictates?|picks?)\s+(?:on\s+the\s+spot\s+|each\s+time\s+|every\s+time\s+)?how)"
    r"(?![\w-])"
)
# "no two of those requests want the same layout"
_NO_TWO = re.compile(
    rf"(?<![\w-])no\s+two\s+{_W}{{1,4}}?{_WANT}\s+(?:{_W}{{0,2}})?(?:the\s+)?same\s+{_W}{{0,2}}?{_FORM_NOUN}"
)
# "each channel wants a different length", "every carrier expects the output laid out its own way"
_EACH_OWN = re.compile(
    rf"(?<![\w-])(?:each|every)\s+{_W}{{0,3}}?{_WANT}\s+{_W}{{0,4}}?"
    rf"(?:(?:a\s+)?(?:(?:slightly|completely|totally|very)\s+)?different|(?:its|their)\s+own)\s+"
    rf"(?:{_W}{{0,2}}?{_FORM_NOUN}|way)(?![\w-])"
)
# said to stay as it is: "which never changes", "the same layout", "stays fixed"
_STAYS = re.compile(
    r"(?<![\w-])(?:same|stable|fixed|frozen|settled|stays?|unchanged|identical|consistent)(?![\w-])"
    r"|(?:n't|\bnot|\bnever)\s+(?:\w+\s+)?chang"
)


def tailored_form(clause: str, offset: int) -> list[Candidate]:
    """`requirements_change` read from an output form set per recipient or request in `clause`
    (module docstring), at `offset` in the text; nothing when the clause states no such thing."""
    low = clause.lower()
    form = _FORM.search(low)
    if form is None:
        return []
    found = _NO_TWO.search(low)
    if found is None:
        found = _tie(low, form)
        if found is None or negated(low[: found.start()]) or _STAYS.search(low):
            return []
    snippet = clause[min(form.start(), found.start()) : max(form.end(), found.end())]
    return [Candidate(REQUIREMENTS, PACE, offset + min(form.start(), found.start()), len(snippet), snippet)]


def _tie(low: str, form: re.Match[str]) -> re.Match[str] | None:
    """What ties the output's form to its recipient in `low`, or None."""
    own = _EACH_OWN.search(low)
    if own is not None and _FORM.search(own.group(0)):
        return own
    choice = _CHOICE.search(low)
    if choice is not None:
        return choice
    per = _PER.search(low, form.end())
    if per is not None and _VARYING.search(low, form.start(), per.start()):
        return per
    return None
