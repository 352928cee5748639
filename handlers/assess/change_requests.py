"""Requests to adjust the output that keep coming (pure): "teachers keep asking for the feedback to be
adjusted", "account managers are always asking us to tweak the wording", "we constantly get requests
for changes to the report layout" -> requirements_change weekly.

What a model must do changes when the people who use its output keep asking for it to be done
differently; the rubric reads "changing requirements" and "dynamic requirements" as weekly, and a
stream of adjustment requests is that state told by what happens rather than by its name. SkillWisor's
foundation plus specialization leaves such "variations, edge cases, and dynamic requirements" to
prompts; the rubric's hybrid policy makes requirements that change weekly a need of the prompt half.

Read by grammar, not by a list of requesters or outputs:
- a recurring request: a verb of asking in a repeated aspect ("keep asking", "are always asking",
  "constantly request", "keep coming back with") or requests that keep arriving ("we keep getting
  requests", "a steady stream of requests");
- what is asked is an adjustment of how the output is done: the object "to be" + a verb of
  adjustment ("for the summaries to be shortened"), "us to" + such a verb ("asking us to reword the
  letters"), or a noun of adjustment ("for changes / tweaks / adjustments to the template").
A request for something else ("customers keep asking for refunds", "students keep asking which
protocol is current"), a single request ("the board asked once for a shorter summary"), a denied one
("nobody asks for changes") and an adjustment of facts ("keep asking for the prices to be updated":
knowledge to look up, `knowledge` below) read nothing. The reading fills only a criterion nothing else
read (`handlers.assess.selection.fill_fallbacks`).
"""

from __future__ import annotations

import re

from handlers.assess.text_cues import SENTENCE, negated

REQUIREMENTS_CHANGE = "requirements_change"
WEEKLY = "weekly"  # the rubric's pace for requirements that keep changing with no pace stated

# a request that recurs: a repeated aspect of a verb of asking, or requests that keep arriving
_ASK = r"(?:ask(?:ing)?|request(?:ing)?|push(?:ing)?|beg(?:ging)?|com(?:e|ing) back (?:with|asking))"
_RECURRING = (
    rf"(?:keeps?|kept|keep on|are always|is always|were always|always|constantly|continually|"
    rf"repeatedly|regularly|forever)\s+{_ASK}"
    r"|(?:keeps?|kept)\s+(?:getting|receiving|fielding)\s+(?:\w+\s+)?requests"
    r"|(?:steady|constant|endless|never-ending|continuous)\s+(?:stream|flow|trickle)\s+of\s+(?:\w+\s+)?requests"
)
# verbs and nouns of adjusting how the output is done
_ADJUST_VERB = (
    r"(?:adjust|chang|tweak|modif|alter|rework|reword|rephras|rewrit|shorten|lengthen|simplif|restructur|"
    r"reorder|tailor|customi[sz]|soften|tone down|redo|revis)\w*"
)
_ADJUST_NOUN = r"(?:changes|adjustments|tweaks|modifications|alterations|revisions|variations|rewrites)"
_NP = r"(?:[\w'-]+\s+){0,4}?"
ADJUSTMENT_REQUEST = re.compile(
    rf"(?<![\w-])(?:{_RECURRING})\s+"
    rf"(?:"
    rf"(?:for\s+)?(?P<thing>{_NP}[\w'-]+)\s+to\s+be\s+(?:\w+\s+)?{_ADJUST_VERB}"  # for the feedback to be adjusted
    rf"|(?:us|me|them|the team|our team)\s+to\s+{_ADJUST_VERB}"  # asking us to reword the letters
    # for small tweaks to the template, request new adjustments (not "asking about changes": a question)
    rf"|(?:(?:for|with|to make)\s+)?(?!(?:about|whether|why|how|what|when|if|questions?)\b)"
    rf"(?:\w+\s+){{0,2}}?{_ADJUST_NOUN}(?![\w-])"
    rf")",
    re.I,
)

_OBJECT = re.compile(
    r"\s+(?:to|in|of|on)\s+((?:[\w'-]+\s+){0,3}?[\w'-]+)(?=\s*(?:[,;:()]|$|\s(?:for|so|and|but|because)\b))"
)


def adjustment_requests(text: str, knowledge: re.Pattern[str] | None = None) -> tuple[int, str] | None:
    """The offset and words of the first statement of adjustment requests that keep coming, if any
    (module docstring); `knowledge` names facts (prices, stock, records), whose adjustment is no change
    of requirements."""
    for sentence in SENTENCE.finditer(text):
        for m in ADJUSTMENT_REQUEST.finditer(sentence.group(0)):
            before = sentence.group(0)[max(0, m.start() - 40) : m.start()]
            if negated(before) or re.search(r"\b(?:no ?one|nobody|never|rarely|seldom)\s*$", before, re.I):
                continue
            # what is adjusted: the subject of "to be adjusted", or the object after the request
            # ("requests for changes to the price list"), up to the next punctuation
            after = _OBJECT.match(sentence.group(0), m.end())
            thing = m.group("thing") or (after.group(1) if after else "")
            if thing and knowledge is not None and knowledge.search(thing):
                continue
            return sentence.start() + m.start(), m.group(0)
    return None
