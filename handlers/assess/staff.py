"""Team capacity told as people (pure): "IT can give us one developer", "a part-time analyst and one
contractor developer", "the only person free is an intern", "there's no developer"; or as people who write no code at
all: "nobody here codes", "none of us are technical", "we're educators, not coders", "there are no
engineers on staff", "nobody here knows anything about computers", "we can barely use a computer".

A team that names who will work on the project and names only people whose trade is not machine
learning (developers, analysts, interns, contractors, software engineers) has no one who trains
models: the rubric's "None (software engineers only)"; a team where no one writes code, or that has
no engineers of any kind, has no one who trains models either (a denied "engineer" denies the ML
one too). Coding in a named language is not denied ("nobody here codes in Rust, we're a Python
shop" says which language the team writes, not that it writes none). This reading is a fallback: the extractor
uses it only when nothing else in the text reads the team's ML expertise, so "one ML engineer and
two developers" stays "some" and "our data scientists" stays "strong".
"""

from __future__ import annotations

import re

ML_EXPERTISE = "ml_expertise"
NO_ML = "none"

# who is counted: a quantifier or determiner, then optional words of how they work
_COUNT = (
    r"(?:a|an|one|two|three|four|five|six|a couple of|a few|a single|some|\d+|our|my|the|no|only|just)\s+"
    r"(?:(?:part[- ]time|full[- ]time|junior|senior|contract|contractor|freelance|external|outsourced|"
    r"in-house|lone|solo|single|sole|one|only|spare|free|shared|borrowed|overworked|busy)\s+)*"
)
# trades that build software or read data but do not train models; an engineer only when the
# kind of engineering is said (an unqualified "engineer" may well be an ML one)
# ("a couple of web developers", "a single full-stack dev": the kind of software may qualify any of them)
_SOFTWARE = r"(?:software|web|backend|back-end|frontend|front-end|full[- ]?stack|mobile|app|it|devops|platform|qa)"
_TRADE = (
    rf"(?:(?:{_SOFTWARE}\s+)?(?:developers?|devs?|programmers?|coders?)|analysts?|interns?|contractors?|freelancers?|"
    rf"{_SOFTWARE}\s+(?:engineers?|people|folks|guys?|person))"
)
# the trade noun heads its phrase: what follows is punctuation, the end, or a closed-class word
# ("one developer who...", "an intern."), not another noun ("our developer portal", "analyst reports")
_HEAD_END = (
    r"(?=\s*(?:[,.;:!?)]|\s-\s|$|(?:and|or|but|nor|plus|who|whom|that|which|to|for|on|in|with|at|from|of|"
    r"here|there|available|free|is|are|was|were|can|could|will|would|may|might|has|have|had|does|do|did|"
    r"should|must|we|i|it|they|as|so|too|also|only|left|assigned|part[- ]time|full[- ]time|"
    # a verb of its own after the noun: "our one developer builds our intranet pages", "our sole IT
    # person looks after the website" (what that person does is the software, not models)
    r"builds|maintains|looks after|keeps|runs|manages|handles|fixes|updates|codes|writes|does)\b))"
)
NON_ML_STAFF = re.compile(r"\b" + _COUNT + _TRADE + r"(?![\w-])" + _HEAD_END)

# no one writes code: a denied subject, where it works, and writing code (or being technical);
# "in / with / using" after it names a language or tool, which is no denial of coding
_NOBODY = (
    r"(?:nobody|no one|no-one|none of us|not one of us|neither of us|not a single (?:one of us|person)|"
    r"not one person)"
)
_WHERE = (
    r"(?:\s+(?:here|on (?:the|our|this) team|in (?:the|our) (?:team|office|company|firm|shop|practice)|"
    r"on staff|in-house|among us|at (?:the|our) (?:company|firm|office)))?"
)
# computers in general: who knows nothing of them writes no code ("nobody here knows computers
# beyond email", "not one person understands computers past Word")
_COMPUTERS = (
    r"(?:computers?|tech|technology|software|programming|coding)(?![\w-])(?!\s+(?:budget|team|department)\b)"
)
_CODER = r"(?:an? )?(?:coders?|programmers?|developers?|devs?|engineers?|techies?|techy|tech-savvy|technical)"
_CODES = (
    r"(?:(?:really |actually |even )?(?:codes?|programs?|can (?:code|program)|knows? how to (?:code|program)|"
    r"(?:can )?writes? (?:any )?(?:code|software|scripts?|programs?))|(?:is|are|was|were) (?:really |very )?"
    + _CODER
    + r"|(?:knows?|understands?|gets?)\s+(?:(?:anything|much|a thing|the first thing|a lot)\s+)?(?:about\s+)?"
    + _COMPUTERS
    + r")"
)
_WE = (
    r"(?:we(?:'re| are)|i(?:'m| am)|(?:the|our) (?:team|staff|office)(?: is|'s)|they(?:'re| are)|"
    r"everyone(?: here)? is)"
)
_NOT_CODERS = (
    rf"{_WE}\s+(?:[\w-]+,?\s+){{0,3}}?(?:all\s+)?not\s+(?:very\s+|really\s+|particularly\s+|at all\s+)?"
    + _CODER
    + r"|(?:we|they|(?:the|our) (?:team|staff|people|folks))\s+(?:is|are)(?:n't| not)\s+"
    r"(?:very\s+|really\s+|particularly\s+)?"
    + _CODER
)
# a denied engineer or technical person of any kind: "no engineers on staff", "we don't employ any
# engineers", "without any technical staff" (no trade named: none of any trade)
_NO_ENGINEERS = (
    r"(?:no|zero|not a single|not one|without(?: any)?|(?:do|does|did)n't (?:have|employ)(?: any| a single)?|"
    r"(?:do|does) not (?:have|employ)(?: any| a single)?)\s+(?:(?:in-house|full-time|internal|dedicated)\s+)?"
    r"(?:engineers?|engineering (?:staff|team|people)|tech(?:nical)? (?:staff|people|folks|team|person|"
    r"background|skills|expertise|know-how)|coding (?:skills|experience)|programming (?:skills|experience))"
)
# people who can hardly work a computer: "our receptionists can barely use a computer"
_BARELY = (
    r"(?:can|could)\s+(?:barely|hardly|scarcely|only just)\s+(?:use|work|turn on|switch on|operate)\s+"
    r"(?:an?\s+|the\s+)?computers?"
)
NO_CODERS = re.compile(
    rf"\b(?:{_NOBODY}{_WHERE}\s+{_CODES}|{_NOT_CODERS}|{_NO_ENGINEERS}|{_BARELY})(?![\w-])"
    r"(?!\s+(?:in|with|using)\b)"
)


def non_ml_staff(text: str) -> re.Match[str] | None:
    """The first mention of people whose trade is not machine learning, or of a team that writes
    no code at all, if any."""
    found = [m for m in (NON_ML_STAFF.search(text), NO_CODERS.search(text)) if m is not None]
    return min(found, key=lambda m: m.start()) if found else None
