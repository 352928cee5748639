"""The forms a statement of change takes that no rubric word list names (pure): a passive
participle ("get reshuffled", "are knocked down"), a difference from one time to the next ("the
layout is different with every request"), and a publication ("funders publish new calls", "alerts
come out weekly", "we push a balance patch every week").

The rubric lists the change verbs teams use most; these are the grammar around them, so a verb the
list lacks still states a change when its form does. Each form also has the look-alikes that state
none: a participle of use ("the docs are read daily", "the manual is consulted every day": a pace of
use), and a difference among the items handled ("every release we get looks different", "each
request is different": the input varying is the task, not something that changes).
`handlers.assess.changes.ChangeReader` reads these forms.
"""

from __future__ import annotations

import re

# "is redone", "get reworked", "was rewritten": a change said by a participle no verb list names
# (the endings also close words that are no participles: "is one contractor", "is often late"),
# but not a participle of use, storage or need ("are used daily", "is read every morning", "gets
# checked weekly", "is based on", "are kept in", "support gets hammered nonstop"): how often
# something is used, or how busy it is, is no change of it
_USE = (
    r"used|read|seen|viewed|accessed|opened|searched|queried|consulted|checked|asked|requested|needed|required|"
    r"handled|processed|answered|run|stored|kept|hosted|based|given|called|known|owned|managed|looked|visited|"
    r"printed|monitored|tracked|logged|billed|paid|charged|spent|"
    r"hammered|flooded|swamped|overwhelmed|spammed|pinged|contacted|emailed|messaged|booked|staffed|covered"
)
_NOT_PARTICIPLE = (
    r"(?!(?:one|none|alone|someone|anyone|everyone|online|nine|seven|ten|eleven|often|even|open|fine|mine|"
    + _USE
    + r")\b)"
)
# the copula of a participle of use is no change word either ("the manuals are consulted every day")
_USE_PASSIVE = re.compile(
    r"(?<![\w-])(?:is|are|was|were|gets?|got|been|being)\s+(?:(?:also|often|mostly|usually|only|just)\s+)?"
    r"(?:" + _USE + r")(?![\w-])"
)
PASSIVE = re.compile(
    r"(?<![\w-])(?:is|are|was|were|gets?|got|been|being)\s+" + _NOT_PARTICIPLE
    + r"(?:re)?[a-z]+(?:ed|en|ne|wn)(?![\w-])"
)
# a difference between one time and the next states a change as a verb does: "the layout they ask
# for is different with every request", "drafts that look different every time", "the templates
# vary from week to week" (a bare "different" before a noun states none: "three different regions"),
# but not a difference between things or people ("quality varies a lot between analysts")
_DIFFERS = re.compile(
    r"(?<![\w-])(?:(?:(?:is|are|was|were|looks?|looked|seems?|reads?|comes?\s+out)\s+"
    r"(?:(?:so|very|quite|completely|totally|entirely|always|often|usually|a\s+bit|slightly)\s+)?different)"
    r"|differs?|differed|var(?:y|ies|ied))(?![\w-])"
    r"(?!\s+(?:(?:a\s+lot|a\s+bit|a\s+great\s+deal|widely|greatly|hugely|wildly|much|so\s+much)\s+)?"
    r"(?:between|across|among|amongst)\b)"
)
# ... nor one whose subject is each item itself: "every release we get looks different", "each
# request is different", "no two tickets are alike": the items handled differ from one another
_EACH_ITEM = re.compile(
    r"(?:^|[,;:(]\s*|\b(?:and|but|so|because|since|as|while|though|although)\s+)"
    r"(?:every|each|no\s+two)\s+(?:single\s+)?(?:[\w'-]+\s+){1,5}$"
)
# a publication: new items come out ("funders publish new calls", "alerts come out weekly",
# "emergency authorisations appear mid-season", "recalls are announced most weeks"), or a release
# of the product whose content moves ("we push a balance patch every week", "a new firmware build
# goes out every ten days"): what is published is knowledge to look up, and what a release changes
# is what the product is, the facts about it. A verb that only moves items along names no
# publication ("we push eighty thousand notes through it daily"): a release needs its noun.
_PUBLISHED = re.compile(
    r"(?<![\w-])(?:publish(?:es|ed|ing)?|issu(?:e|es|ed|ing)|announc(?:e|es|ed|ing)|releas(?:e|es|ed|ing)|"
    r"post(?:s|ed|ing)|(?:put(?:s|ting)?|roll(?:s|ed|ing)?|com(?:e|es|ing)|came|go(?:es|ing)?|went|gone)\s+out|"
    r"put(?:s|ting)?\s+up|appear(?:s|ed|ing)?|withdr(?:aw|aws|awn|ew|awing)|recall(?:s|ed|ing)?|"
    r"(?:patch|hotfix)(?:es)?|updates?|builds?|versions?|editions?|firmware)(?![\w-])",
    re.IGNORECASE,
)


def passives(text: str) -> list[re.Match[str]]:
    """The passive participles that state a change in `text` ("get reshuffled")."""
    return list(PASSIVE.finditer(text))


def without_use(text: str) -> str:
    """`text` with each participle of use and its copula blanked (same length): what is left
    states a change only if something else does ("the manuals are consulted every day": nothing)."""
    return _USE_PASSIVE.sub(lambda m: " " * len(m.group(0)), text)


def differences(text: str) -> list[re.Match[str]]:
    """The differences from one time to the next in `text` ("is different with every request"),
    leaving out those between the items handled ("every release we get looks different")."""
    return [m for m in _DIFFERS.finditer(text) if _EACH_ITEM.search(text, 0, m.start()) is None]


def published(text: str) -> bool:
    """A publication or a release in `text` (`_PUBLISHED`)."""
    return _PUBLISHED.search(text) is not None
