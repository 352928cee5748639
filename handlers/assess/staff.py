"""Team capacity told as people (pure): "IT can give us one developer", "a part-time analyst and one
contractor developer", "the only person free is an intern", "there's no developer".

A team that names who will work on the project and names only people whose trade is not machine
learning (developers, analysts, interns, contractors, software engineers) has no one who trains
models: the rubric's "None (software engineers only)". This reading is a fallback: the extractor
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
    r"in-house|lone|solo|single|spare|free|shared|borrowed|overworked|busy)\s+)*"
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
    r"should|must|we|i|it|they|as|so|too|also|only|left|assigned|part[- ]time|full[- ]time)\b))"
)
NON_ML_STAFF = re.compile(r"\b" + _COUNT + _TRADE + r"(?![\w-])" + _HEAD_END)


def non_ml_staff(text: str) -> re.Match[str] | None:
    """The first mention of people whose trade is not machine learning, if any."""
    return NON_ML_STAFF.search(text)
