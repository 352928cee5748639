"""Whether a rule-like thing that changes is a requirement or a fact, by its role in the text (pure).

"rules", "guidelines", "lists", "criteria", "checklists" name either kind: "the scoring criteria the
assistant has to apply are reworked every month", "every hiring manager hands us their own must-have
list and deal-breakers, and they redo those lists every few weeks" are what the output must follow,
the task's requirements (a prompt edit answers them); "members message us about class timetables,
fees and the cancellation rules, and all of those change weekly", "hours, stock and return rules
change every day" are what the answers must state, facts (retrieval answers them). The rubric's
subject lists give each noun one kind, so the statement of change read from a clause
(`handlers.assess.changes`) is placed again here, by what the text does with its noun:

- followed: an obligation to apply it hangs on the noun ("the criteria the assistant has to apply",
  "the list of points every summary has to cover"): requirements, unless a content modifier names
  knowledge ("the treatment guidelines it has to follow" stay facts);
- asked about: the same noun is what people ask about ("employees keep asking what the expense rules
  allow ... finance updates those rules"), or it is one item of a list of facts ("hours, stock and
  return rules"), or the answers cite it ("coders need to see which guideline line supports each
  code"): facts;
- a bare noun or a pronoun ("those lists", "updated guidelines", "they redo those") takes the kind of
  what its sentence or the one before said: the parts of an output's form or prescriptions (voice,
  wording, do's and don'ts, must-haves, section order) make it requirements; and a modifier naming the
  task's own work ("annotation guidelines", "house rules") does so too.

A noun the text gives no such role keeps its list's kind.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from handlers.assess.patterns import Candidate
from handlers.assess.text_cues import SENTENCE
from handlers.assess.things import FACTS, REQUIREMENTS

Subjects = Callable[[str], list[tuple[str, re.Match[str]]]]

# the nouns that name either kind, and the pronouns that take one up ("they redo those")
_PRESCRIBING = r"checklists?|criteria|do'?s and don'?ts|must-haves?|deal-?breakers?"
_NOUN = r"rules?|guidelines?|lists?|standards|points|requirements|" + _PRESCRIBING
_HEAD = re.compile(rf"(?<![\w'-])(?:{_NOUN})(?![\w'-])")
# a pronoun standing for what changes, not a determiner ("those drug details") nor a relative "that" ("a
# formulary that pharmacy revises"): "they redo those every few weeks", "and that changes with every contract"
_PRONOUN = re.compile(
    r"(?:(?<![\w'-])(?:those|these|them)|(?:^|(?<=[,;:] )|(?<=\band )|(?<=\bbut )|(?<=\bso ))(?:that|this))"
    r"(?=\s*(?:$|[,.;:!?)]|(?:every|each|with|whenever|when|after|all|often|regularly|again|constantly|changes?|"
    r"changed|gets?|got|are|is|were|was|keeps?|daily|weekly|monthly|quarterly|yearly|nearly|almost|roughly|about|"
    r"around|twice|once|[\w-]+ly)\b))"
)
# a noun that is a prescription whatever it lists: "each client's checklist", "fresh do's and don'ts"
_PRESCRIBING_NOUN = re.compile(_PRESCRIBING)
# an obligation to apply the noun, right after it: "(the criteria) the assistant has to apply"
_FOLLOWED = re.compile(
    r"^(?:\s+(?:that|which))?(?:\s+(?!(?:and|but|so|because|while)\b)[\w'-]+){0,4}?\s+"
    r"(?:must|has to|have to|should|needs? to|is to|are to|(?:is|are) supposed to)\s+"
    r"(?:(?:always|strictly|all|also)\s+)?(?:follow|apply|cover|contain|include|obey|respect|meet|stick to|"
    r"hit|satisfy)\b"
)
# someone asks about what follows: "keep asking hr what", "message us about", "questions on"
_ASKED = re.compile(
    r"\b(?:ask(?:s|ed|ing)?|questions?|enquir\w*|inquir\w*|messages?|messaging|wonder(?:s|ing)?|want(?:s)? to know)"
    r"(?:\s+[\w'-]+){0,2}?\s+(?:about|on|regarding|what|whether|which|if|how|when)\b[^.!?]{0,100}$"
)
# what the answers cite: "see which guideline line supports", "quote the current guideline"
_CITE = re.compile(
    r"\b(?:cite[sd]?|citing|quot(?:e|es|ed|ing)|referenc(?:e|es|ed|ing)|(?:see|show|shows|tell)s? which|"
    r"points? to|link(?:s|ing)? to)\s+(?:(?:the|a|which|current|latest|relevant|exact)\s+)*([\w'-]+)"
)
# between one item of a list and the next: "stock and return (rules)", "fees and the cancellation (rules)"
_COORDINATED = re.compile(
    r"^\s*(?:,\s*(?:(?:and|or)\s+)?|(?:and|or|&)\s+)(?:(?:the|our|their|its)\s+)?(?:[\w'-]+\s+){0,2}$"
)
# what may stand before a bare noun: determiners and words of change ("those", "updated", "fresh")
_BARE = re.compile(
    r"(?<![\w'-])(?:(?:the|those|these|their|its|our|his|her|your|my|own|each|every|new|updated|fresh|revised|"
    r"latest|amended|changed|reworked|current|[\w-]+'s)\s+)+$"
)
# a modifier naming the task's own work: "annotation guidelines", "house rules", "scoring criteria"
_TASK_MODIFIER = re.compile(
    r"(?<![\w'-])(?:annotation|labell?ing|tagging|coding|scoring|grading|marking|review|editorial|house|style|"
    r"writing|formatting|brand|screening|evaluation|submission|listing)\s+$"
)
# prescriptions and the parts of an output's form
_PRESCRIPTIVE = re.compile(
    r"(?<![\w'-])(?:do'?s and don'?ts|must-haves?|must-have|deal-?breakers?|voice|tone|style|wording|phrasing|"
    r"checklists?|criteria|formats?|formatting|templates?|layouts?|section order|sign-?offs?|greetings?|"
    r"disclaimers?|instructions?|briefs?)(?![\w'-])"
)
# a compound the clause split cut after its modifier: "its listing | requirements - title length, ..."
_HEAD_AFTER = re.compile(r"\s*(?:requirements?|specs?|specifications?|formats?|templates?)\b")
CONTEXT_CHARS = 100  # how far back in a sentence an "ask" reaches its noun


def placed_by_role(text: str, candidates: list[Candidate], subjects: Subjects) -> list[Candidate]:
    """`candidates` with each facts or requirements reading placed again by its noun's role in
    `text` (see the module docstring); other readings as they are."""
    return [_placed(text, c, subjects) for c in candidates]


def _placed(text: str, c: Candidate, subjects: Subjects) -> Candidate:
    if c.criterion not in (FACTS, REQUIREMENTS):
        return c
    kind = role_kind(text, c.start, c.snippet, subjects)
    return c if kind is None or kind == c.criterion else replace(c, criterion=kind)


def role_kind(text: str, start: int, snippet: str, subjects: Subjects) -> str | None:
    """The kind of the thing the statement of change `snippet` (read at `start` of `text`) names,
    by its role; None when the text gives its noun none."""
    head = _head(text, start, snippet)
    if head is None:
        end = start + len(snippet)
        return REQUIREMENTS if text[start:end] == snippet and _HEAD_AFTER.match(text, end) else None
    sentence_start, previous = _sentences(text, head.start())
    before = text[sentence_start : head.start()]
    noun = head.group(0)
    pronoun = _PRONOUN.fullmatch(noun) is not None
    if not pronoun and _cited(text, noun):
        return FACTS
    bare = _BARE.search(before) is not None
    task = _TASK_MODIFIER.search(before) is not None or _PRESCRIBING_NOUN.fullmatch(noun) is not None
    # a content modifier keeps its kind: "the treatment guidelines it has to follow" are knowledge
    if (bare or task) and _FOLLOWED.match(text[head.end() : _sentence_end(text, head.end())]):
        return REQUIREMENTS
    if not pronoun and (_coordinated_with_facts(before, subjects) or _asked_about(before, previous, noun)):
        return FACTS
    if task:
        return REQUIREMENTS
    if (pronoun or bare) and _prescribed(before + " " + previous, subjects):
        return REQUIREMENTS
    return None


def _head(text: str, start: int, snippet: str) -> re.Match[str] | None:
    """The rule-like noun (else a pronoun) the statement names, found in `text`: where the snippet
    is read when it stands there, else (a clause joined with its context) the noun's last mention
    up to the snippet's end."""
    end = start + len(snippet)
    if text[start:end] == snippet:
        return _HEAD.search(text, start, end) or _PRONOUN.search(text, start, end)
    named = _HEAD.search(snippet)
    if named is None:
        return None
    same = re.compile(rf"(?<![\w'-]){re.escape(named.group(0))}(?![\w'-])")
    found = list(same.finditer(text, 0, min(len(text), end + len(snippet))))
    return found[-1] if found else None


def _sentences(text: str, at: int) -> tuple[int, str]:
    """Where the sentence holding offset `at` starts, and the text of the sentence before it."""
    spans = [(m.start(), m.end()) for m in SENTENCE.finditer(text)]
    index = next((i for i, (s, e) in enumerate(spans) if s <= at < e), len(spans) - 1)
    previous = text[spans[index - 1][0] : spans[index - 1][1]] if index > 0 else ""
    return (spans[index][0] if spans else 0), previous


def _sentence_end(text: str, at: int) -> int:
    m = SENTENCE.match(text, at)
    return m.end() if m is not None else at


def _coordinated_with_facts(before: str, subjects: Subjects) -> bool:
    """The noun ends a list whose item just before it names facts: "hours, stock and return rules"."""
    return any(
        crit == FACTS and not _HEAD.fullmatch(m.group(0)) and _COORDINATED.match(before[m.end() :])
        for crit, m in subjects(before)
    )


def _asked_about(before: str, previous: str, noun: str) -> bool:
    """People ask about the noun in its sentence, or about the same noun in the sentence before
    ("employees keep asking what the travel rules allow. finance updates those rules monthly")."""
    if _ASKED.search(before[-CONTEXT_CHARS:]):
        return True
    same = re.compile(rf"(?<![\w'-]){re.escape(noun.rstrip('s'))}s?(?![\w'-])")
    return any(_ASKED.search(previous[: m.start()][-CONTEXT_CHARS:]) for m in same.finditer(previous))


def _cited(text: str, noun: str) -> bool:
    """The answers cite or quote the noun somewhere in `text` ("coders need to see which guideline
    line supports each code", "the answers have to quote the current guideline"): what is cited is
    knowledge looked up, the facts."""
    return any(m.group(1).startswith(noun.rstrip("s")) for m in _CITE.finditer(text))


def _prescribed(context: str, subjects: Subjects) -> bool:
    """More prescriptions and parts of an output's form than facts in `context`: what a bare noun
    or pronoun there takes up is what the output must follow."""
    prescriptions = len(_PRESCRIPTIVE.findall(context))
    facts = sum(1 for crit, m in subjects(context) if crit == FACTS and not _HEAD.fullmatch(m.group(0)))
    return prescriptions > facts
