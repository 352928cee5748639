"""Questions people ask about a body of knowledge, and the paces of what they ask about (pure).

Gupta's decision table puts retrieval (RAG) at knowledge-intensive applications that need frequent
updates: people asking questions whose answers come from documents, rules or records that are
revised. Teams rarely say "knowledge-intensive"; they say who asks what ("staff ask about store
procedures", "volunteers ask about the funders' eligibility rules", "answers employees' questions
from our handbook", "tells people what's actually sailing"). This module owns that one idea and
reads three things from it:

- `knowledge_questions: asked` - people ask the system about something, or its answers are drawn
  from something. A request to do work ("staff ask the assistant to turn notes into action lists")
  is no question, and neither is the team asking us about methods ("we'd like to ask about
  fine-tuning").
- the pace of what is asked about (`facts_change`): a statement whose subject is the thing asked
  about, with a change verb and a pace ("Sailings get cancelled several times a day" after "tells
  people what's actually sailing"; "... our procedures, which head office revises each month"), and
  what the answers must reflect ("always reflects the new trial readouts, which land every week or
  two"). Of several paces the fastest governs (`handlers.assess.selection.rank`). A pace another
  pass read as the task's requirements is, for the thing asked about, the facts' pace (`restated`):
  what people ask about is knowledge looked up, not what the model is told to do.
- records fetched at the moment of asking ("their own records, fetched at the moment they ask",
  "from that customer's account as it stands when they ask"): facts needed as they are now, daily.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from handlers.assess.patterns import FACTS, Candidate
from handlers.assess.things import REQUIREMENTS

QUESTIONS = "knowledge_questions"
ASKED = "asked"
Mentions = Callable[[str], list[tuple[str, int, int]]]

_OBJECT = r"(?P<obj>[^.;!?\n]{0,80})"
_QWORD = r"(?:about|which|what|whether|where|when|how|who)"
_PEOPLE = (
    r"(?:people|customers|users|staff|callers|visitors|travell?ers|passengers|patients|members|employees|them|"
    r"guests|clients|shoppers|drivers|students|parents|tenants|residents|agents|colleagues|volunteers|teachers)"
)
# who asks what; "ask(s) ... to <verb>" is a request for work, and "to" may not stand in between
_QUESTION_FORMS = [
    re.compile(p)
    for p in (
        rf"\bask(?:s|ed|ing)?\b(?:\s+(?!to\b)[\w'’-]+){{0,4}}?\s+(?:{_QWORD}|questions)\b{_OBJECT}",
        rf"\b(?:answer(?:s|ed|ing)?|field(?:s|ed|ing)?|handl(?:e|es|ed|ing))\s+(?:[\w'’-]+\s+){{0,3}}?questions\b{_OBJECT}",
        rf"\bquestions\s+(?:about|regarding)\b{_OBJECT}",  # "questions on the form" are the form's
        rf"\b(?:answered|answers?\s+(?:[\w'’-]+\s+){{0,2}}?(?:come|comes|are\s+taken|drawn|pulled))\s+(?:from|out\s+of)\b"
        rf"{_OBJECT}",
        rf"\btell(?:s|ing)?\s+{_PEOPLE}\s+(?:what|which|whether|where|when)\b{_OBJECT}",
    )
]
# the team asking us, or asking about methods, budgets, models: no knowledge of theirs
_WE_ASK = re.compile(
    r"\b(?:i|we)(?:'d|'ll|'re)?(?:\s+(?:would|will|want|wanted|to|like|just|also|can|could|might|may|should|then|"
    r"quickly|briefly|wanted|need))*\s+$"
)
_METHODS = re.compile(
    r"fine[- ]?tun|\btrain|retriev|\brag\b|prompt|\bmodels?\b|approach|\bllms?\b|budget|\bcosts?\b|options?\b|"
    r"\bml\b|machine learning|\bai\b|whether (?:to|we)|which (?:method|way)"
)
# what the answers must stay true to: "always reflects the current label and new trial readouts"
_REFLECTS = re.compile(
    r"\b(?:reflect(?:s|ing)?|mirror(?:s|ing)?|keep(?:s|ing)? up with|stay(?:s|ing)? (?:current|in line) with|"
    r"(?:is|are|stays?|be) up[- ]to[- ]date with)\s+(?P<obj>[^.;!?\n]{0,80})"
)
# records read at the moment of asking
_FETCHED = re.compile(
    r"\b(?:fetch|pull|look(?:s|ed|ing)? up|retriev|quer(?:y|ies|ied)|load)\w*\b|\b(?:come|comes|came) from\b"
    r"|\bas (?:it|they) (?:stands?|is|are)\b"
)
_ASKER = r"(?:they|he|she|someone|anyone|people|(?:the|a|an|each|every|our|that) [\w-]+)"
_ASK_VERB = r"(?:asks?|calls?|checks?|enquires?|inquires?|writes? in)"
_AT_ASKING = re.compile(
    rf"\b(?:at|by) (?:the|that) (?:very |exact )?(?:moment|time|instant|minute|second) "
    rf"(?:(?:when |that )?{_ASKER} {_ASK_VERB}|of (?:the |their |each |a )?(?:question|request|asking|query|enquiry|"
    rf"inquiry|call))\b|\b(?:when|whenever|as soon as) {_ASKER} {_ASK_VERB}\b"
)
MAX_FETCH_GAP = 80  # from the fetch verb to the moment of asking
MAX_STEMS = 4  # content words of what is asked about
MAX_PACE_CHARS = 70  # from the thing asked about to its pace ("procedures, which head office revises each month")
MAX_VERB_CHARS = 50  # from the thing asked about to its change verb
_STOP = frozenset(
    "about which what whether where when who how questions the a an our their its his her my your this that these "
    "those any some all each every and or of for to in on at with from by is are was were be been get gets it they "
    "them there here current latest newest new recent most actually really always only just also still whats "
    "what's it's thing things stuff like".split()
)
_BREAK = frozenset(
    "but which that who when where so because while is are was were has have can will on in at for by with from to "
    "during".split()
)
_WORD = re.compile(r"[a-z][a-z'’-]*")
# a requirement said in the statement: the task's instructions, format or style change, not the thing asked about
_FORM = re.compile(r"format|schema|template|layout|style|voice|tone|prompt|instruction|requirement|wording")


@dataclass(frozen=True)
class AskedThing:
    """What a question is about, as the stems of its first content words, and where it was said."""

    start: int
    stems: tuple[str, ...]
    question: bool  # asked about (a question), not only what answers must reflect


def stem(word: str) -> str:
    word = word.replace("’", "'").removesuffix("'s").rstrip("'")
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 4:
        return word[:-1]
    return word


def _stems(phrase: str) -> tuple[str, ...]:
    """Content words of `phrase` up to its first clause break (a comma, a relative, a verb), once one
    is found; "and" goes on ("sanctions lists and port-state rules")."""
    out: list[str] = []
    end = 0
    for m in _WORD.finditer(phrase):
        w = m.group(0)
        if out and (w in _BREAK or "," in phrase[end : m.start()]):
            break
        end = m.end()
        if w in _STOP or len(w) < 4 or w.endswith("ly"):
            continue
        out.append(stem(w))
        if len(out) == MAX_STEMS:
            break
    return tuple(out)


def asked_things(text: str) -> list[AskedThing]:
    """What people ask about (or the answers must reflect) in normalised `text`."""
    found: list[AskedThing] = []
    for m in (m for form in _QUESTION_FORMS for m in form.finditer(text)):
        obj = m.group("obj") or ""
        if _WE_ASK.search(text[: m.start()]) or _METHODS.search(obj[:40]):
            continue
        stems = _stems(obj)
        if stems:
            found.append(AskedThing(m.start(), stems, question=True))
    for m in _REFLECTS.finditer(text):
        stems = _stems(m.group("obj"))
        if stems and not _METHODS.search(m.group("obj")[:40]):
            found.append(AskedThing(m.start(), stems, question=False))
    return found


def _mentions_stem(sentence: str, stems: tuple[str, ...]) -> list[re.Match[str]]:
    return [m for m in _WORD.finditer(sentence) if stem(m.group(0)) in stems]


class AskedKnowledge:
    """Reads the module's three things with the rubric's change verb and pace mentions."""

    def __init__(self, change_verb: re.Pattern[str] | None, mentions: Mentions, criteria: set[str]) -> None:
        self.change_verb = change_verb
        self.mentions = mentions
        self.criteria = criteria

    def read(self, text: str) -> list[Candidate]:
        things = asked_things(text)
        live = self._live(text)
        asked = [Candidate(QUESTIONS, ASKED, t.start, 10, text[t.start : t.start + 60]) for t in things if t.question]
        # records fetched when someone asks are what the questions are answered from
        asked += [Candidate(QUESTIONS, ASKED, c.start, 10, c.snippet) for c in live[:1] if not asked]
        return [*(asked if QUESTIONS in self.criteria else []), *live, *self._paces(text, things)]

    def _live(self, text: str) -> list[Candidate]:
        """Records fetched at the moment of asking: facts as they are now (daily)."""
        out: list[Candidate] = []
        for at in _AT_ASKING.finditer(text):
            lead = text[max(0, at.start() - MAX_FETCH_GAP) : at.start()]
            if "." in lead:
                lead = lead[lead.rindex(".") + 1 :]
            if _FETCHED.search(lead):
                start = at.start() - len(lead)
                out.append(Candidate(FACTS, "daily", start, at.end() - start, text[start : at.end()]))
        return out

    def _paces(self, text: str, things: list[AskedThing]) -> list[Candidate]:
        """A change with a pace whose subject is a thing asked about."""
        if self.change_verb is None or not things:
            return []
        stems = tuple({s for t in things for s in t.stems})
        out: list[Candidate] = []
        for sm in re.finditer(r"[^.!?\n]+", text):
            sentence = sm.group(0)
            for w in _mentions_stem(sentence, stems):
                verb = self.change_verb.search(sentence, w.end(), w.end() + MAX_VERB_CHARS)
                if verb is None or _FORM.search(sentence, w.start(), verb.start()):
                    continue
                paces = [
                    (v, s, e)
                    for v, s, e in self.mentions(sentence)
                    if verb.end() <= s and e - w.start() <= MAX_PACE_CHARS
                ]
                if paces:
                    value, _, end = paces[0]
                    span = sentence[w.start() : end]
                    out.append(Candidate(FACTS, value, sm.start() + w.start(), len(span) + 10, span))
                    break
        return out

    def restated(self, text: str, candidates: list[Candidate]) -> list[Candidate]:
        """A requirements pace whose statement is about a thing asked about, or one the answers must
        reflect, is the facts' pace."""
        things = asked_things(text)
        if not things:
            return candidates
        stems = tuple({s for t in things for s in t.stems})
        out: list[Candidate] = []
        for c in candidates:
            if c.criterion == REQUIREMENTS and self._about_asked(c.snippet, stems):
                c = Candidate(FACTS, c.value, c.start, c.length, c.snippet, c.priority)
            out.append(c)
        return out

    def _about_asked(self, snippet: str, stems: tuple[str, ...]) -> bool:
        """The statement's change is said of a thing asked about (before its change verb or pace)."""
        if _FORM.search(snippet):
            return False
        words = _mentions_stem(snippet, stems)
        if not words:
            return False
        paces = self.mentions(snippet)
        limit = paces[0][1] if paces else len(snippet)
        return any(w.start() < limit for w in words)
