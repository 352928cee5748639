"""A pace of the team's own output, or of a tool it works in, is no pace of facts (pure).

"We publish a daily newsletter", "we post twice a week", "our team ships a new release every
Friday", "the monthly report goes out to clients", "the drafting app we use gets updated weekly by
its vendor": each tells how often the team puts out what it makes (or how often someone else's tool
changes), not how often the knowledge the model answers from changes. Gupta: RAG is for "knowledge
that needs frequent updates"; a newsletter that goes out daily on evergreen advice needs none. The
frequency readers read the pace of any clause whose thing they cannot place, so this pass drops a
`facts_change` reading whose statement is such an output act:

- the team (we, I, our team/editors/staff...) publishing, sending, posting, shipping, releasing,
  airing or putting out something ("we release two podcast episodes a week");
- an output (newsletter, digest, episode, post, report, release, version, build...) going out,
  being published, sent or shipped, or dropping ("the newsletter goes out weekly", "gets a new
  release");
- a tool the team works in (app, software, editor, plugin...) updated by its vendor or described as
  one "we use" ("the drafting app we use gets updated weekly by its vendor").

Kept, because the facts do change: a clause that also names knowledge (prices, rates, catalogue,
stock, policies, regulations, documents, schedules...: "we publish updated prices daily", "our
catalogue is updated weekly", "40,000 pages of policy wordings, new versions come out every
quarter"); a clause right after it in the same sentence saying that something changes with it ("we
ship a new version every week, so the features it has to explain keep changing"); or an output that
the text elsewhere names as what the answers draw on ("a bot over our release notes ... we release
twice a week"). A contrast ("..., but the clauses haven't changed in years") ends a clause, and a
negated change ("haven't changed") is no change.
"""

from __future__ import annotations

import re

from handlers.assess.patterns import Candidate

FACTS = "facts_change"

_TEAM = (
    r"(?:we|i|our (?:[\w-]+ )?(?:team|editors?|staff|writers?|newsroom|studio|company|agency|shop|firm|"
    r"marketing|comms|developers?|engineers?))"
)
_PUT_OUT = (
    r"(?:publish(?:es|ed|ing)?|send(?:s|ing)?|sent|post(?:s|ed|ing)?|ship(?:s|ped|ping)?|release[sd]?|releasing|"
    r"air(?:s|ed|ing)?|broadcast(?:s|ing)?|put(?:s|ting)? out|push(?:es|ed|ing)? out|mail(?:s|ed|ing)? out|"
    r"roll(?:s|ed|ing)? out|upload(?:s|ed|ing)?|record(?:s|ed|ing)?|produce[sd]?|producing|deploy(?:s|ed|ing)?)"
)
_OUTPUT = (
    r"(?:newsletters?|digests?|bulletins?|magazines?|zines?|editions?|issues?|episodes?|podcasts?|shows?|"
    r"posts?|blogs?|columns?|videos?|reels?|stories|emails?|mailings?|campaigns?|reports?|release notes|"
    r"releases?|versions?|builds?|patch(?:es)?|sprints?)"
)
_TOOL = r"(?:apps?|application|tools?|software|editor|plugins?|add-?ons?|extensions?|program|ide|crm|cms|suite)"
_ACTS = re.compile(
    # "we publish a daily newsletter", "our software team ships a new release every friday"
    rf"(?<![\w-]){_TEAM}(?: (?:also|now|usually|still|already|currently|typically|normally|then))? {_PUT_OUT}(?![\w-])"
    # "the newsletter goes out weekly", "the report is sent every monday", "gets a new release"
    rf"|(?<![\w-]){_OUTPUT}(?: [\w-]+){{0,3}} (?:goes|go|went|is|are|gets?|got) (?:out|published|sent|shipped|"
    r"released|posted|aired|mailed)(?![\w-])"
    rf"|(?<![\w-])(?:new |an? |one )(?:new )?(?:[\w-]+ )?{_OUTPUT} (?:drops?|lands?|comes? out|is out)(?![\w-])"
    rf"|(?<![\w-])(?:gets?|got|getting) (?:a |an )?(?:new |fresh )?(?:release|version|build|update)s?(?![\w-])"
    # "the drafting app we use gets updated weekly by its vendor"
    rf"|(?<![\w-]){_TOOL}(?: [\w-]+){{0,2}} (?:we|i|they|our team) (?:use|work in|draft in|write in)(?![\w-])"
    rf"|(?<![\w-])(?:by|from) (?:its|the|their) (?:vendor|supplier|provider|maker|developer)s?(?![\w-])"
)
_OUTPUT_WORD = re.compile(rf"(?<![\w-])(?:{_OUTPUT}|{_TOOL}|{_PUT_OUT})(?![\w-])")
# a thing the answers are drawn from: "a bot over our release notes", "questions about our app"
_SOURCE = r"(?<![\w-])(?:over|about|from|across|through|search(?:es|ing)?|based on|grounded in) (?:[\w'+-]+ ){0,3}"
# what the answers draw on: a statement that names it keeps its pace
_KNOWLEDGE = re.compile(
    r"(?<![\w-])(?:prices?|pricing|rates?|fees?|tariffs?|quotes?|catalog(?:ue)?s?|stock|inventory|availability|"
    r"polic(?:y|ies)|regulations?|laws?|rulings?|documents?|documentation|docs|manuals?|knowledge base|faqs?|"
    r"records?|data|figures|statistics|schedules?|timetables?|opening hours|listings?|menus?|terms|specs?|"
    r"specifications?|news|headlines|sources?|facts|information|info|contents?)(?![\w-])"
)
_CHANGE = re.compile(
    r"(?<![\w-])(?:change[sd]?|changing|updated|updates|revised|differs?|differ(?:ent|ing)|shifts?|shifting|"
    r"moves?|moving|evolves?|evolving|new features?|goes? stale|out of date|outdated)(?![\w-])"
)
_NEGATED = re.compile(
    r"(?<![\w-])(?:not|never|no|hasn't|haven't|hadn't|don't|doesn't|didn't|isn't|aren't|won't)(?![\w-])"
)
_CONTRAST = re.compile(r"(?<![\w-])(?:but|though|although|while|whereas|yet|however)(?![\w-])|[;:]")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")


def own_output(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """The candidates less each pace of facts whose statement is a pace of the team's own output
    or of a tool it works in, and names nothing the answers draw on (module docstring)."""
    return [c for c in candidates if not (c.criterion == FACTS and _output_pace(text, c))]


def _output_pace(text: str, pace: Candidate) -> bool:
    text, snippet = text.lower(), pace.snippet.lower()
    end = pace.start + len(pace.snippet)
    if not _ACTS.search(snippet) or _KNOWLEDGE.search(_clause(text, pace.start, end)):
        return False
    return not _changes_with_it(text, end) and not _answered_from(text, snippet)


def _clause(text: str, start: int, end: int) -> str:
    """The pace's sentence, cut at the contrasts on either side of it: "policy wordings ..., new
    versions come out every quarter" names what the versions are of."""
    before, after = text[:start], text[end:]
    ends = [m.end() for m in _SENTENCE_END.finditer(before)] + [m.end() for m in _CONTRAST.finditer(before)]
    stops = [m.start() for m in (_SENTENCE_END.search(after), _CONTRAST.search(after)) if m]
    return text[max(ends, default=0) : end + min(stops, default=len(after))]


def _answered_from(text: str, snippet: str) -> bool:
    """The output the pace is of is elsewhere what the answers draw on: "a bot over our release
    notes ... we release twice a week", "questions about our newsletter"."""
    for m in _OUTPUT_WORD.finditer(snippet):
        stem = re.sub(r"(?:es|s|ed|d|ing)$", "", m.group(0))
        if len(stem) >= 3 and re.search(_SOURCE + rf"{re.escape(stem)}", text):
            return True
    return False


def _changes_with_it(text: str, end: int) -> bool:
    """The rest of the pace's sentence, up to a contrast, says that something changes (not negated)."""
    rest = text[end:]
    stop = _SENTENCE_END.search(rest)
    rest = rest[: stop.start()] if stop else rest
    contrast = _CONTRAST.search(rest)
    rest = rest[: contrast.start()] if contrast else rest
    return bool(_CHANGE.search(rest)) and not _NEGATED.search(rest)
