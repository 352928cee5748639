"""The way the output is worded, redone for each occasion (pure): "friendly wording that our comms
team rewrites for every storm", "a voice our marketing people adjust for each disruption", "the tone
gets reworked for every campaign" -> `variant_style: changing`.

Occasions (storms, campaigns, launches, incidents, seasons) each get their own wording, and that
wording is revised each time: the per-variant requirements keep changing, which SkillWisor leaves to
prompts ("prompt engineering to handle variations, edge cases and dynamic requirements") while a
trained model could not follow each revision (`handlers.assess.variant_style` reads the same situation
told as "each brand has its own tone, and they change it").

The grammar: a noun of style (wording, tone, voice, phrasing, style, register, messaging, copy,
templates, framing), then within the sentence a verb of revision (rewrite, rework, redo, reword, adjust,
tweak, revise, adapt, tailor, change, update), then "for / with / after each|every <occasion>", where
the occasion is an event noun (storm, campaign, launch, incident, season...) or
a "new" one ("for each new product"). Not this reading:
- a standing unit that keeps one style ("we adapt the tone for each client"): a per-variant style,
  read by `handlers.assess.variant_style` when the team says whether it changes;
- what is revised is knowledge or a document ("we rewrite the FAQ for every release", "the price list is
  updated for each season"): no noun of style;
- the occasion is one input, output or a time unit (`variants.NOT_A_UNIT`: "the tone is adjusted for
  each message" is per input; "we tweak the wording every week" is a pace, read by the change readers);
- "every time" alone ("the tone changes every time we run it" is inconsistent output, not a revision);
- no revision ("the tone is the same for every customer") or a denied one ("we never reword it for each
  campaign").
"""

from __future__ import annotations

import re

from handlers.assess.patterns import Candidate
from handlers.assess.text_cues import SENTENCE
from handlers.assess.variants import NOT_A_UNIT

VARIANT_STYLE = "variant_style"
CHANGING = "changing"
GAP = 60  # characters between the style noun and its verb of revision ("... that our comms team rewrites")

_STYLE = (
    r"(?:wording|words|tone|tones|voice|phrasing|style|styles|register|messaging|copy|templates?|framing|"
    r"language|tone\s+of\s+voice|house\s+style)"
)
_REVISE = (
    r"(?:re-?writ(?:e|es|ing|ten)|rewrote|re-?work(?:s|ed|ing)?|re-?do(?:es|ne|ing)?|redid|re-?word(?:s|ed|ing)?|"
    r"adjust(?:s|ed|ing)?|tweak(?:s|ed|ing)?|revis(?:e|es|ed|ing)|adapt(?:s|ed|ing)?|tailor(?:s|ed|ing)?|"
    r"chang(?:e|es|ed|ing)|updat(?:e|es|ed|ing)|refresh(?:es|ed|ing)?|re-?tun(?:e|es|ed|ing))"
)
_OCCASION = re.compile(
    rf"\b{_STYLE}\b(?P<gap>[^.;!?]{{0,{GAP}}}?)\b(?P<verb>{_REVISE})\b"
    r"(?:\s+(?:it|them|that|this|again|slightly|a\s+bit|completely|from\s+scratch))*"
    r"\s+(?:(?:for|with|after|before|around|on|during)\s+(?:each|every)(?:\s+(?P<new>new|single|individual))?"
    r"\s+(?P<unit>[a-z][\w-]*(?:\s+[a-z][\w-]*)?))\b"
)
# occasions: things that happen and recur, each one new (a storm, a campaign, a launch), as opposed to
# standing units that keep one style each (a client, a brand, a country: `handlers.assess.variant_style`)
_EVENT = re.compile(
    r"(?:storm|campaign|disruption|incident|outage|launch|event|season|promotion|promo|holiday|crisis|emergency|"
    r"announcement|sale|drop|election|match|game|fixture|tournament|issue|edition|occasion|cycle|round|"
    r"closure|recall|strike|weather|alert|appeal|drive|festival|show|exhibition|flood|fire|breach|story)$"
)
_NOT_UNIT = re.compile(rf"(?:{NOT_A_UNIT})s?$")
_DENIED = re.compile(r"\b(?:never|not|n't|no\s+longer|rarely|seldom|hardly)\s+(?:\w+\s+){0,2}$")


def _occasion(words: list[str], new: bool) -> bool:
    """The one or two words after "each/every" name an occasion: not one input or a time unit first
    ("every message", "every week"), and an event noun among them ("every storm", "each summer sale")
    or said to be new ("each new product")."""
    if _NOT_UNIT.fullmatch(words[0]):
        return False
    return new or any(_EVENT.match(w.removesuffix("s")) for w in words)


def reworded_per_occasion(text: str) -> list[Candidate]:
    """`variant_style: changing` where a style noun is revised for each occasion (module docstring)."""
    out: list[Candidate] = []
    for sentence in SENTENCE.finditer(text):
        s = sentence.group(0)
        for m in _OCCASION.finditer(s):
            if not _occasion(m.group("unit").split(), bool(m.group("new"))):
                continue  # "for each message": one input; "for every week": a pace; "for each client": a variant
            if _DENIED.search(s[: m.start("verb")]):
                continue  # "the wording is never changed for each campaign"
            start = sentence.start() + m.start()
            out.append(Candidate(VARIANT_STYLE, CHANGING, start, len(m.group(0)), m.group(0), 1))
    return out
