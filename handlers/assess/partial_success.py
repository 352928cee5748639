"""A partial success of prompting taken back by a failure (pure): "prompting with examples gets the
vibe but gets the grammar of the dialect wrong", "the model catches the friendly tone but mangles the
word order", "prompting copes with simple claims but mangles the dependent ones", "we tried pasting the
protocols into a chat window but they don't all fit and it makes stuff up" -> prompt_results plateaued.

A concession names what prompting does get right, then a contrast ("but", "though", "yet", "except")
and what it gets wrong. What a careful reader takes from it is the failure: prompting works only
partly, the rubric's "Plateaued / not good enough" (SkillWisor: when prompting reaches its limits,
fine-tuning lets the model internalise the patterns; Gupta: prompting cannot go beyond what the
model already does; the expert analysis: context window limits constrain prompt length). The
embedding matcher reads the granted part ("gets the vibe") as success and misses the contrast, and
`fair_but` only reads a fair word ("okay", "decent") taken back by a varying output; here the
failure is a verb of getting the task wrong: getting something wrong, mangling, misreading,
ignoring the team's rules, making things up, slipping into another register, not fitting.

The left side must speak of prompting or a general model used as is (not a model the team trained,
`verdicts.TRAINED`); the failure must open what follows the contrast (its subject elided, or a
pronoun or the output as subject). Read nothing for a contrast about something else ("prompting
works but the budget is tight"), a denied failure ("but it never gets the format wrong"), or a
failure before the contrast ("gets the odd hashtag wrong but the posts are good": the success
has the last word there, read elsewhere).
"""

from __future__ import annotations

import re

from handlers.assess.clause_words import denied, negative
from handlers.assess.fair_but import LINKING, OUTPUT, contrasted
from handlers.assess.patterns import Candidate
from handlers.assess.verdicts import PROMPTING, about_prompting

# prompting, a general model used as is, or a chat window the team pastes into
PROMPTED = re.compile(PROMPTING.pattern + r"|(?<![\w-])(?:chat ?bots?|chat windows?|chat ?gpt|the chat)(?![\w-])")

# a verb of getting the task wrong; the negated ones ("doesn't fit") are failures by themselves
_NOT = r"(?:don't|doesn't|do not|does not|won't|will not|can't|cannot|can not|never)"
FAILURE = re.compile(
    r"(?<![\w-])(?:gets? (?:[\w'-]+ ){1,5}?wrong|got (?:[\w'-]+ ){1,5}?wrong|getting (?:[\w'-]+ ){1,5}?wrong"
    r"|(?:mangl|botch|butcher|garbl|fumbl|misread|misinterpret|misunderst|misus)\w*"
    r"|(?:confus|mix)(?:es|ed|ing|e)? up|ignor(?:e|es|ed|ing) (?:our|their|my)\b"
    r"|mak(?:e|es|ing) (?:stuff|things|facts|answers|details|numbers|it all|things) up|invent(?:s|ed|ing)?\b"
    r"|hallucinat\w*|(?:slip|slips|slipping|slipped|lapses?|lapsing|falls? back|falling back) (?:back )?into"
    # "they don't all fit" (in the prompt), not "doesn't fit on one screen" (a matter of display)
    rf"|{_NOT}(?: all| always| quite| really)? "
    rf"(?:fit(?! on(?:to)?\b)|follow|respect|stick to|match|get (?:[\w'-]+ ){{0,3}}right))"
)
_NEGATED_FORM = re.compile(_NOT)
# words that may stand before the failure in place of a subject ("but keeps slipping into", "but then
# it constantly mangles")
OPENERS = LINKING | frozenset(
    "keep keeps kept always constantly regularly then also usually often frequently and".split()
)


def _fails(right: str) -> bool:
    """`right` (what follows the contrast) opens with a failure of the task, not denied."""
    found = FAILURE.search(right)
    if found is None:
        return False
    if _NEGATED_FORM.match(found.group()) is None and denied(right, found.start()):
        return False
    before = right[: found.start()]
    return OUTPUT.search(before) is not None or all(w in OPENERS for w in before.split())


def _granted(left: str) -> bool:
    """`left` speaks of prompting (not of a trained model) and denies nothing of it."""
    return about_prompting(left, PROMPTED) and not negative(left)


def partly_failed(clause: str, offset: int, previous: str = "", gap: str = "") -> list[Candidate]:
    """prompt_results plateaued from prompting granted something and then failing ("gets the vibe but
    gets the grammar wrong"), within `clause` or across `previous` (`fair_but.contrasted`)."""
    return contrasted(_granted, _fails, clause, offset, previous, gap)
