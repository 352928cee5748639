"""Prompting named as what falls short (pure): "marking consistency the prompt alone can't give",
"prompting alone keeps misreading them", "prompting gives a generic Wikipedia tone", "no prompt we
write gets the layout right" -> prompt_results plateaued.

The rubric's plateaued choice is "Plateaued / not good enough"; SkillWisor: when prompt engineering
plateaus, fine-tuning pushes past it, and fine-tuned models adhere more reliably to guidelines. Other
modules read a named failure (`verdicts`: "hit or miss"; `shortfalls`: output that drifts or reads
like a press release); this one reads the grammar of prompting as the agent of a shortfall, with no
list of tasks or outputs:
- prompting (a prompt, prompts, few-shot, a prompted or off-the-shelf model, `verdicts.PROMPTING`)
  with a denied verb of achieving after it ("can't give", "doesn't get", "fails to capture", "is
  unable to match"), or quantified to none ("no prompt we write gets ...", "no amount of prompting");
- prompting with a repeated failure ("keeps misreading", "still gets the codes wrong", "always
  ignores our conventions");
- prompting giving output of the general kind rather than the team's own ("gives a generic tone",
  "writes bland, textbook procedures");
- prompting as the one the team's material defeats ("our shorthand is unreadable for off-the-shelf
  models", "the notation is lost on general models").
Prompting must come first in its clause (it is the agent), and the statement must not be a wish, a
question or a condition ("if prompting can't give it, we'll train"; "can prompting alone get us
there?"), nor about a model the team trained (`verdicts.TRAINED`). The reading fills only a
criterion nothing else read (`handlers.assess.selection.fill_fallbacks`).
"""

from __future__ import annotations

import re

from handlers.assess.clause_words import negative
from handlers.assess.text_cues import split_clauses
from handlers.assess.verdicts import PLATEAUED, PROMPT_RESULTS, PROMPTING, TRAINED

__all__ = ["PLATEAUED", "PROMPT_RESULTS", "prompting_short"]

_GAP = r"(?:[\w'/-]+\s+){0,6}?"  # the words between the agent and its verb ("alone", "by itself", "we wrote")
_ACHIEVE = (
    r"(?:give|deliver|get|reach|achieve|produce|provide|manage|match|capture|hit|hold|keep|nail|handle|"
    r"follow|fix|read|understand|parse|cope with|guarantee|ensure)(?!\s+\w+ed\b)"
)
_DENIED = (
    r"(?:can't|cannot|couldn't|doesn't|don't|didn't|won't|wouldn't|never|fail(?:s|ed)? to|"
    rf"(?:is|are|was|were) unable to|(?:isn't|aren't|wasn't|weren't) able to)\s+(?:\w+\s+)?{_ACHIEVE}"
)
_REPEATED = (
    r"(?:keeps?|kept|still|always|constantly|repeatedly|regularly|routinely)\s+"
    r"(?:mis\w+|getting\s+(?:[\w'-]+\s+){0,4}?wrong|gets?\s+(?:[\w'-]+\s+){0,4}?wrong|ignor\w+|dropp\w+|"
    r"miss(?:es|ing)|forget\w*|confus\w+|mangl\w+|break\w*|garbl\w+|botch\w+)"
)
_GENERIC = (
    r"(?:gives?|giving|produces?|producing|writes?|writing|yields?|returns?|comes? out|turns? out|"
    r"sounds?|reads?|spits? out|churns? out)\s+(?:\w+\s+){0,2}?"
    # words that only judge ("stock", "textbook", "boilerplate" also name things: "writes stock reports")
    r"(?:generic|bland|flat|wooden|cookie[- ]cutter|robotic|one[- ]size[- ]fits[- ]all|run[- ]of[- ]the[- ]mill|"
    r"soulless|samey|lifeless)(?![\w-])"
)
SHORTFALL = re.compile(rf"(?<![\w'-])(?:{_DENIED}|{_REPEATED}|{_GENERIC})")
# prompting quantified to none: "no prompt we write gets it right", "no amount of prompting fixes it"
NONE_WORKS = re.compile(
    r"(?<![\w-])no (?:amount of |number of |kind of |)(?:\w+ )?(?:prompt(?:s|ing)?|few[- ]shot|instructions?|"
    r"rewording|wording)\s+(?:[\w']+\s+){0,4}?(?:gets?|gives?|fix(?:es)?|helps?|works?|makes?|solves?)(?![\w-])"
)
# prompting as the one the team's material defeats: "our shorthand is unreadable for off-the-shelf
# models", "the notation is lost on general models"
DEFEATS = re.compile(
    r"(?<![\w-])(?:unreadable|incomprehensible|illegible|opaque|impenetrable|gibberish|meaningless|"
    r"lost|too (?:dense|obscure|cryptic|specialised|specialized))\s+(?:for|to|on)\s+(?:the\s+|a\s+|most\s+|any\s+)?"
)
# a wish, a question, a condition or a plan: not a statement of what prompting did
_NOT_STATED = re.compile(r"(?<![\w-])(?:if|unless|whether|want|wants|need|needs|hope|should|would like)(?![\w-])")


def prompting_short(text: str) -> tuple[int, str] | None:
    """The offset and words of the first statement of prompting falling short (module docstring)."""
    for offset, clause in split_clauses(text):
        if "?" in text[offset + len(clause) : offset + len(clause) + 2] or TRAINED.search(clause):
            continue
        found = NONE_WORKS.search(clause)
        if found is not None and not _NOT_STATED.search(clause[: found.start()]):
            return offset + found.start(), found.group(0)
        for agent in PROMPTING.finditer(clause):
            defeated = [m for m in DEFEATS.finditer(clause, 0, agent.start() + 1) if m.end() >= agent.start() - 1]
            if defeated and not negative(clause[: defeated[0].start()]):
                return offset + defeated[0].start(), clause[defeated[0].start() : agent.end()]
            tail = clause[agent.end() :]
            for m in SHORTFALL.finditer(tail):
                if re.fullmatch(_GAP, tail[: m.start()].lstrip()) is None:
                    break
                if _NOT_STATED.search(" ".join(clause[: agent.start()].split()[-3:])):
                    break
                return offset + agent.start(), clause[agent.start() : agent.end() + m.end()]
    return None
