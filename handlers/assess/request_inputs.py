"""What changes with each request rather than in what the model must know: the spans of a text
where a pace of change is the task's input or its set of customers, not facts to look up.

A pace read as `facts_change` puts retrieval in the verdict. But what is new each time is often
what the user hands over with the request, or who and what the work is for:

- the input supplied with each request: "I paste that week's figures into the chat ... the figures
  are new each week", "written from the attribute sheet we pass in with each product ... half a
  million new products arrive per month", "draft the commentary from the numbers. The numbers change
  every month": what is supplied (or written from) is in the prompt already, nothing to retrieve.
  The things supplied are named in the supplying clause (`supplied_words`); a later pace whose
  subject is one of them is input (`input_spans`). What a text answers or looks up from ("answers
  from our docs") stays knowledge, and so does a store of knowledge written from ("from our wiki").
- the set of customers, tenants or hires: "new customers onboard every month", "new firms sign up
  every few weeks", "every patient is different": people and organisations that arrive are new
  users or new task variants, not facts.
- what copy is written about, where the task is writing copy and nobody asks the model anything:
  "writes a blurb for the chalkboard ... every monday the specials change" - the owner says what the
  specials are each time; a store of knowledge named ("the regulations we cover") stays facts.
- a spending period: "a fixed monthly API budget" says how the money is counted, not that anything
  changes.

The spans feed `selection.best_readings`, which drops a `facts_change` reading that starts inside
one (as it does for the per-item work of `changes.ChangeReader.inputs`).
"""

from __future__ import annotations

import re

from handlers.assess.text_cues import SENTENCE

# the user or their system hands the material over with the request
_SUPPLY = re.compile(
    r"\b(?:past(?:e|es|ed|ing)|(?:type|types|typed|typing)(?: [\w'-]+){0,4}? in(?:to)?|"
    r"enter(?:s|ed|ing)?|pass(?:es|ed|ing)?(?: [\w'-]+){0,4}? (?:in|along|over)|"
    r"(?:send|sends|sending|sent)(?: [\w'-]+){0,4}? (?:in |along |over )?with|attach(?:es|ed|ing)?|"
    r"hand(?:s|ed|ing)? (?:me|us|over|it|them)|give(?:s)? (?:me|us|it)|feed(?:s|ing)? (?:in|it|them)|"
    r"upload(?:s|ed|ing)?|drop(?:s|ped)? in|suppl(?:y|ies|ied)|provid(?:e|es|ed) (?:with|along))\b",
    re.IGNORECASE,
)
# writing from a thing: "draft the first version from the numbers", "written from the attribute sheet"
_WRITE_FROM = re.compile(
    r"\b(?:writ(?:e|es|ten|ing)|wrote|draft(?:s|ed|ing)?|generat(?:e|es|ed|ing)|compos(?:e|es|ed|ing)|"
    r"turn(?:s|ed|ing)?|produc(?:e|es|ed|ing)|creat(?:e|es|ed|ing))\b(?:\s+[\w'-]+){0,5}?\s+"
    r"(?:from|out of|based on)\s+(?P<thing>(?:[\w'-]+\s+){0,3}[\w'-]+)",
    re.IGNORECASE,
)
# a store of knowledge is looked up even when written from: "generate answers from our knowledge base"
_STORE = re.compile(
    r"\b(?:knowledge|facts?|information|info|data|docs?|documents?|documentation|wiki|manuals?|handbooks?|"
    r"catalog(?:ue)?s?|database|"
    r"policies|policy|regulations?|laws?|articles?|faqs?|guidelines?|prices?|pricing|intranet|website|"
    r"sources?|library|archive|crm|records)\b",
    re.IGNORECASE,
)
# people and organisations that arrive or differ: the users or the task's variants
_PEOPLE = (
    r"(?:customers?|clients?|tenants?|firms?|companies|businesses|brands?|accounts?|merchants?|sellers?|"
    r"vendors?|partners?|users?|hires?|employees?|starters?|joiners?|patients?|students?|members?|"
    r"subscribers?|teams?)"
)
_ARRIVE = (
    r"(?:onboard(?:s|ed)?|(?:are |get |being )?onboarded|sign(?:s|ed)? (?:up|on)|join(?:s|ed)?|"
    r"come (?:on ?board|aboard)|(?:are |get )?added|start(?:s|ed)?)"
)
_NEW_PEOPLE = re.compile(
    r"\bnew\s+(?:[\w-]+\s+)?" + _PEOPLE + r"\s+(?:\w+\s+)?" + _ARRIVE + r"\b"
    r"|\b(?:every|each)\s+(?:[\w-]+\s+)?" + _PEOPLE + r"\s+(?:is|are)\s+(?:\w+\s+)?different\b",
    re.IGNORECASE,
)
# the task is writing copy: "writes a cheery two-line blurb", "write our instagram posts"
_COPY = re.compile(
    r"\b(?:writ(?:e|es|ing|ten)|draft(?:s|ed|ing)?|compos(?:e|es|ing))\b(?:\s+[\w'-]+){0,5}?\s+"
    r"(?:posts?|captions?|blurbs?|descriptions?|newsletters?|ads?|adverts?|copy|announcements?|listings?|"
    r"tweets?|flyers?|commentary|recaps?)\b",
    re.IGNORECASE,
)
# readers ask and the model answers: what changes is then what it must know
_ASKED = re.compile(
    r"\b(?:ask(?:s|ed|ing)?|answer(?:s|ed|ing)?|questions?|quer(?:y|ies)|look(?:s|ed)? up|lookups?|chat ?bot|"
    r"bot|assistant|faqs?|search(?:es)?|support|help ?desk|cite|current)\b",
    re.IGNORECASE,
)
# a spending period: "a fixed monthly API budget", "our weekly spend"
_SPEND_PERIOD = re.compile(
    r"\b(?:fixed\s+)?(?:daily|weekly|monthly|quarterly|yearly|annual)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:budget|spend|bill|allowance|licen[cs]e|subscription|cap|quota)\b",
    re.IGNORECASE,
)
# where a clause of its own starts: the pace of one clause is not the next one's
_CLAUSE_BREAK = re.compile(r"[,;:()]|\s(?:and|but|so|while|whereas|because|then)\s", re.IGNORECASE)
# where the supplying clause ends: "and" starts a clause only with a subject of its own ("I type the
# details into a form and the bot ..."), else it joins two things supplied ("the list and steps")
_SUPPLY_BREAK = re.compile(
    r"[,;:()]|\s(?:but|so|while|whereas|because|then)\s"
    r"|\sand\s+(?=(?:the|our|their|its|this|these|those|we|they|it|i|he|she|you)\b)"
    r"|\sand\s+[\w-]+\s+(?=(?:the|a|an|our|their|its|this|that|some|back)\b)",  # "... and get the rate"
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z][a-z'-]+")
# words before a pace's subject that name none of it: "several thousand new claims arrive daily"
_LEAD = frozenset(
    "and but so the our their its this that these those his her my your a an some any all of new more "
    "several few many hundreds hundred thousands thousand millions million dozens dozen half each every "
    "latest fresh of course obviously naturally".split()
)
_NOT_THINGS = frozenset(
    "the our their its this that these those his her my your a an some any all of with each every per "
    "and or from want wants need needs like get gets in into to for me us it them we they i new "
    "week's day's month's that week day month time request "
    "requests chat form system tool model prompt".split()
)
SUBJECT_WORDS = 3  # most words of a pace's subject compared with the things supplied
# where a pace's subject ends: its verb ("the figures are new", "new recipes come in") or a second noun
# phrase ("duty rates and tariff lines")
_SUBJECT_END = frozenset(
    "is are was were be been being has have had will can may keep keeps change changes changed changing "
    "come comes came arrive arrives arrived differ differs differed vary varies get gets got land lands "
    "update updates updated move moves moving roll rolls pour pours turn turns show shows and or of".split()
)


def _stem(word: str) -> str:
    """A noun without its plural ending: "figures" -> "figure", "claims" -> "claim"."""
    word = word.lower().strip("'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _clause_around(text: str, start: int, end: int, cut: re.Pattern[str] = _CLAUSE_BREAK) -> tuple[int, int]:
    """The clause that holds text[start:end], its leading conjunction included."""
    breaks = [m for m in cut.finditer(text) if m.end() <= start or m.start() >= end]
    lo = max((m.start() for m in breaks if m.end() <= start), default=0)
    hi = min((m.start() for m in breaks if m.start() >= end), default=len(text))
    return lo, hi


def supplied_words(text: str) -> set[str]:
    """Stems of the things a text says are handed over with each request, or written from."""
    words: set[str] = set()
    for sentence in SENTENCE.finditer(text):
        s = sentence.group(0)
        for m in _SUPPLY.finditer(s):
            lo, hi = _clause_around(s, m.start(), m.end(), _SUPPLY_BREAK)
            words |= {_stem(w) for w in _WORD.findall(s[lo:hi].lower()) if w not in _NOT_THINGS}
            verb = _WORD.findall(m.group(0).lower())  # the verb and its particle, not its object
            words -= {_stem(verb[0]), _stem(verb[-1])}
        for m in _WRITE_FROM.finditer(s):
            thing = m.group("thing")
            if _STORE.search(thing) is None:
                words |= {_stem(w) for w in _WORD.findall(thing.lower()) if w not in _NOT_THINGS}
    return words


def _subject(clause: str) -> list[str]:
    """Stems of the words of a clause's subject, past its determiners and quantities and up to its
    verb; none when that is longer than `SUBJECT_WORDS` (no subject this reads)."""
    words = [w for w in _WORD.findall(clause.lower()) if not w.isdigit()]
    while words and words[0] in _LEAD:
        words.pop(0)
    ends = [i for i, w in enumerate(words[: SUBJECT_WORDS + 1]) if w in _SUBJECT_END]
    return [_stem(w) for w in words[: ends[0]]] if ends else []


def _written_about(text: str) -> list[tuple[int, int]]:
    """Where the task is writing copy and nobody asks the model anything, what changes ("the
    specials change every day") is what the copy is about, handed over each time: the clauses of
    such a text, but those whose subject is a store of knowledge ("our regulations")."""
    if _COPY.search(text) is None or _ASKED.search(text) is not None:
        return []
    spans: list[tuple[int, int]] = []
    for sentence in SENTENCE.finditer(text):
        s, base = sentence.group(0), sentence.start()
        cuts = [0, *(b.end() for b in _CLAUSE_BREAK.finditer(s))]
        for i, lo in enumerate(cuts):
            hi = cuts[i + 1] if i + 1 < len(cuts) else len(s)
            if _STORE.search(s[lo:hi]) is None:
                spans.append((base + max(lo - 5, 0), base + hi))
    return spans


def input_spans(text: str) -> list[tuple[int, int]]:
    """Spans of `text` whose pace of change is the task's input, its customers or a spending
    period: a `facts_change` reading that starts inside one states no change of facts."""
    spans: list[tuple[int, int]] = []
    supplied = supplied_words(text)
    for sentence in SENTENCE.finditer(text):
        s, base = sentence.group(0), sentence.start()
        for m in _SUPPLY.finditer(s):
            lo, hi = _clause_around(s, m.start(), m.end())
            spans.append((base + lo, base + hi))
        if supplied:
            cuts = [0, *(b.end() for b in _CLAUSE_BREAK.finditer(s))]
            for i, lo in enumerate(cuts):
                hi = cuts[i + 1] if i + 1 < len(cuts) else len(s)
                subject = _subject(s[lo:hi])
                if subject and all(w in supplied for w in subject):
                    start = max(lo - 5, 0)  # a reading may start at its clause's conjunction
                    spans.append((base + start, base + hi))
        for m in _NEW_PEOPLE.finditer(s):
            lo, hi = _clause_around(s, m.start(), m.end())
            spans.append((base + lo, base + hi))
    spans.extend((m.start(), m.end()) for m in _SPEND_PERIOD.finditer(text))
    spans.extend(_written_about(text))
    return spans
