"""A verdict on prompting in everyday words (pure): "prompts tried, meh", "few-shot has been hit or
miss", "prompting is ok-ish, like 80% usable" -> prompt_results plateaued.

The rubric's plateaued choice is "Plateaued / not good enough": prompting that works only partly is
that choice, not "works well enough" (SkillWisor: when prompting plateaus, fine-tuning pushes past
it). The rubric's synonyms read the verdicts that name the failure ("keeps getting the format
wrong", "hit a ceiling"); a lukewarm word or a usable share well short of all is told here, where
the verdict needs the prompting it judges: in its own clause ("few-shot prompts have been hit or
miss"), or alone or said of "it" in the clause right after one that names prompting ("prompts tried, meh",
"prompting works, but it's hit or miss"). A
lukewarm word about something else ("our helpdesk tool is meh") reads nothing, nor one after a
clause that says prompting was never tried.
"""

from __future__ import annotations

import re

from handlers.assess.clause_words import negative
from handlers.assess.patterns import Candidate

PROMPT_RESULTS = "prompt_results"
PLATEAUED = "plateaued"
USABLE_BELOW = 90  # a usable share under this (per cent) is prompting that works only partly

# what a verdict on prompting judges: prompts, a prompted model, a hosted model tried as is
PROMPTING = re.compile(
    r"(?<![\w-])(?:prompt(?:s|ed|ing)?|prompt engineering|few[- ]shot|zero[- ]shot|gpt[\w.-]*|chatgpt|claude|"
    r"gemini|llama|copilot|(?:the |a |base |general |off[- ]the[- ]shelf )(?:model|llm)s?)(?![\w-])"
)
# a model of the team's own making is not prompting ("our fine-tuned model is so-so")
TRAINED = re.compile(r"\b(?:fine[- ]?tun\w*|trained|lora|adapters?|retrieval|rag)\b")

# lukewarm verdicts: works, but only partly
LUKEWARM = re.compile(
    r"(?<![\w-])(?:meh|so[- ]so|ok(?:ay)?[- ]?ish|mediocre|middling|underwhelming|lukewarm|patchy|spotty|"
    r"hit[- ](?:or|and)[- ]miss|a mixed bag|mixed results|not (?:quite|really|totally|entirely) there(?: yet)?|"
    r"not quite (?:right|good enough|usable)|half[- ](?:decent|usable|right|baked)|"
    r"(?:sort|kind) of works|kinda works|works (?:sometimes|some of the time|half the time|on and off))(?![\w-])"
)
# a usable share: "like 80% usable", "usable 70% of the time", "70% of the outputs are usable",
# "gets us 60% of the way"
SHARE = re.compile(
    r"(?<![\w.])(\d{1,3}) ?(?:%|per ?cent|percent)"
    r"(?: (?:of (?:the |its |their )?(?:time|outputs?|answers|drafts|results|replies|responses)(?: (?:is|are))? )?"
    r"(?:usable|right|correct|accurate|good|acceptable|useful|on target)| of the time| of the way)"
    r"|(?:usable|right|correct|accurate|good|acceptable) (?:about |around |roughly |maybe |only )?"
    r"(\d{1,3}) ?(?:%|per ?cent|percent) of the time"
)
# the words a clause holding only a verdict may add to it ("honestly pretty meh so far")
FILLER = frozenset(
    "honestly frankly tbh pretty rather quite very really kinda kind sort of so far at best overall results "
    "result outputs output answers it it's its is are was were been has have they they're the them "
    "maybe like about around roughly only usable without edits edit as out box just still a bit".split()
)
_WORD = re.compile(r"[\w'%-]+")
# a clause whose subject refers back to the clause before ("prompting works, but it's hit or miss")
BACK = re.compile(
    r"\s*(?:(?:and|but|so|though|honestly|frankly)\s+)?(?:it|it's|its|they|they're|that|that's|"
    r"(?:the )?(?:results?|outputs?|answers|drafts|replies|responses))(?![\w-])"
)


def _verdict(clause: str) -> re.Match[str] | None:
    """The lukewarm word or short usable share in `clause`, if any."""
    found = LUKEWARM.search(clause)
    if found is not None:
        return found
    for m in SHARE.finditer(clause):
        share = int(m.group(1) or m.group(2))
        if share < USABLE_BELOW:
            return m
    return None


def about_prompting(text: str, words: re.Pattern[str] = PROMPTING) -> bool:
    """Whether `text` speaks of prompting (`words`: PROMPTING, or a narrower list of prompting
    efforts) and not of a trained model or retrieval ("the fine-tuned model still drifts")."""
    return words.search(text) is not None and TRAINED.search(text) is None


def _verdict_only(clause: str, verdict: re.Match[str]) -> bool:
    """`clause` says nothing but the verdict: its other words are fillers."""
    rest = clause[: verdict.start()] + " " + clause[verdict.end() :]
    return all(w.strip("'") in FILLER for w in _WORD.findall(rest))


def prompting_verdicts(clause: str, offset: int, previous: str = "") -> list[Candidate]:
    """prompt_results plateaued from a lukewarm verdict on prompting in `clause` (at `offset`),
    which may lean on the `previous` clause for what it judges."""
    verdict = _verdict(clause)
    if verdict is None:
        return []
    if about_prompting(clause):  # "we haven't tried prompts and the budget is meh" judges no prompting
        judged = not negative(clause[: verdict.start()] + " " + clause[verdict.end() :])
    else:
        judged = (
            (_verdict_only(clause, verdict) or BACK.match(clause) is not None)
            and about_prompting(previous)
            and not negative(previous)
        )
    if not judged:
        return []
    return [Candidate(PROMPT_RESULTS, PLATEAUED, offset, len(clause), clause)]
