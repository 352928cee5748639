"""Budgets told by a word of size or sufficiency (pure): "a decent budget", "a reasonable but not
lavish cloud budget", "budget's fine", "the budget is middling", "spending is modest", "our budget
for this is paltry", "money is no object", "budget is not a constraint" -> `budget` low, medium or
high.

The rubric's synonyms name a few adjectives; a team describes its means with many more, and the
same scale holds for all of them: a word of scarcity (paltry, meagre, slim) is the rubric's low
budget, a word of sufficiency (decent, adequate, fine, sensible, middling) its medium one - enough
for some training on rented GPUs, no more - and a word of abundance (substantial, lavish, hefty) its
high one (AndData: "organizations with the budget for high-performance computing ... can invest in
fine-tuning"; "limited computational resources or budgets can rely on prompt engineering").
A denied word of abundance ("not lavish", "sensible rather than huge") is a middling budget; a
denied word of scarcity ("the budget isn't tight") is at least enough, so medium too; money that
is "no object" or "not a constraint" is plenty. A budget "for large multi-week training runs" or
"in the millions" is sized by what it pays for, which is high-performance compute. Money the team
says it lacks ("we don't have a big budget", "no budget for multi-week runs") states none here;
money of a size the team turns down right after naming it ("a six-figure training budget is not [fine]",
"a huge budget is out of the question") denies the abundance, not the money: medium, as for "not lavish".

The adjective must qualify a word of money: it stands before the budget noun ("a decent cloud
budget") or is its complement ("the budget is fine", "funding for this is generous"); "a fine
model" or "a decent team" states no budget.
"""

from __future__ import annotations

import re

from handlers.assess.patterns import BUDGET, Candidate
from handlers.assess.text_cues import negated
from handlers.assess.variants import unaffordable

_LOW = (
    r"paltry|meagre|meager|measly|slim|scant|skimpy|puny|tiny|small|tight|limited|minimal|minuscule|"
    r"negligible|shoestring|lean|thin|modest|restricted|constrained|capped|low|nonexistent|non-existent"
)
_MEDIUM = (
    r"reasonable|decent|fair|adequate|sufficient|ok|okay|ok-?ish|okay-?ish|fine|acceptable|sensible|moderate|"
    r"middling|medium|mid-?sized|mid-?range|workable|respectable|solid|mid-?level|"
    r"not bad"
)
_HIGH = (
    r"large|big|huge|generous|lavish|ample|healthy|sizeable|sizable|substantial|hefty|massive|serious|"
    r"significant|considerable|unlimited|enormous|plentiful|abundant|vast|bottomless|"
    r"six-figure|seven-figure|eight-figure|very large|really big"
)
_SIZE = rf"(?:{_LOW}|{_MEDIUM}|{_HIGH})"
_LEVEL = [("low", re.compile(rf"^(?:{_LOW})$")), ("medium", re.compile(rf"^(?:{_MEDIUM})$")),
          ("high", re.compile(rf"^(?:{_HIGH})$"))]
# a money noun, with what the money is for before it ("a cloud budget", "our GPU spend")
_KIND = r"(?:compute|gpu|training|cloud|infrastructure|infra|ml|ai|it|project|hardware|r&d|tech|tooling|engineering)"
_MONEY = rf"(?:(?:{_KIND}\s+)?(?:budgets?|funding|funds|spend|spending|money|cash|finances))"
# a denial of the next adjective: "not", "isn't", "rather than", "far from", "anything but"
_NOT = r"(?:not|n't|never|rather than|instead of|far from|hardly|by no means|no longer)"
_DEGREE = (
    r"(?:(?:very|quite|really|pretty|fairly|rather|reasonably|relatively|comparatively|super|so|too|"
    r"particularly|exactly|at all|all that|that)\s+)"
)
# one adjective, maybe denied, and those coordinated with it: "reasonable but not lavish"
_ADJ = rf"(?:(?:{_NOT}\s+)?{_DEGREE}*(?:{_SIZE})(?:-ish)?)"
_ADJS = rf"{_ADJ}(?:\s*,?\s*(?:and|but|or|yet|if|though|,)?\s*{_ADJ}){{0,2}}"
_BE = r"(?:\s+(?:is|are|was|were|remains?|stays?|looks?|seems?|feels?)|'s|'re)"
# the verb's own denial: "the budget isn't tight", "funding is not lavish"
_BE_NOT = rf"{_BE}(?P<neg>n't|\s+not)?"
# "budget for this", "spending on the project": a short complement between the noun and its verb
_FOR = (
    r"(?:\s+(?:for|on)\s+(?:(?:this|it|the|our|that|[\w-]+)\s+){0,2}?(?:this|it|project|work|[\w-]+))?"
    r"(?:\s+(?:that|which))?"  # "a budget that is sensible rather than huge"
)

_BEFORE = re.compile(rf"(?<![\w-])(?P<adj>{_ADJS})\s+(?:[\w&-]+\s+)?{_MONEY}(?![\w-])", re.I)
_AFTER = re.compile(
    rf"(?<![\w-]){_MONEY}{_FOR}{_BE_NOT}\s+(?:(?:also|still|now|currently|honestly|frankly|generally)\s+)?"
    rf"(?P<adj>{_ADJS})(?![\w-])",
    re.I,
)
# plenty: "money is no object", "budget is not a constraint", "cost isn't an issue"
_PLENTY = re.compile(
    rf"(?<![\w-])(?:{_MONEY}|costs?|price){_FOR}{_BE}(?:\s+(?:really|truly|honestly|frankly|basically|simply))?"
    r"(?:n't|\s+not|\s+no)\s+(?:(?:really|truly|much of|at all)\s+)?(?:(?:an?|the|our|any)\s+)?"
    r"(?:(?:real|big|major|main)\s+)?"
    r"(?:object|issue|problem|concern|constraint|limit|limitation|obstacle|worry|blocker|bottleneck|factor)s?"
    r"(?![\w-])",
    re.I,
)
# sized by what it buys: "the budget for large multi-week training runs", "funding in the millions"
_BUYS_BIG = re.compile(
    rf"(?<![\w-]){_MONEY}\s+(?:for|to (?:run|pay for|fund|cover))\s+(?:(?:large|big|long|massive|full|serious|"
    r"multi-(?:week|month|day|gpu|node)|weeks?-long|months?-long)\s*,?\s*)+(?:[\w-]+\s+){0,2}?"
    r"(?:training|fine-tuning|runs?|jobs?|experiments?|clusters?)(?![\w-])"
    rf"|(?<![\w-]){_MONEY}{_FOR}\s+(?:(?:runs?|goes|going|is|are)\s+)?(?:into|in)\s+the\s+(?:millions|"
    r"tens of millions|hundreds of thousands|seven figures|six figures)(?![\w-])",
    re.I,
)
# the sized money turned down right after it: "a couple of rented GPUs is fine, a six-figure training
# budget is not", "a huge budget is out of the question" (what is refused is the size named)
_REFUSED_AFTER = re.compile(
    r"^\s+(?:(?:is|are|was|would be|will be)(?:n't|\s+not)|'s\s+not|isn't)"
    r"(?:\s+(?:ok|okay|fine|an option|possible|realistic|on the table|happening|approved|available))?\s*(?:[.;,!)]|-|$)"
    r"|^\s+(?:is|are|would be|will be)\s+(?:(?:simply|just|completely|totally)\s+)?"
    r"(?:out of the question|off the table|a non-starter|not an option|not happening|"
    r"too (?:much|expensive|costly|big)|beyond us|out of reach)\b",
    re.I,
)
_ONE_ADJ = re.compile(rf"(?P<not>{_NOT}\s+)?{_DEGREE}*(?P<size>{_SIZE})(?:-ish)?", re.I)


def _level(size: str) -> str:
    return next(level for level, pattern in _LEVEL if pattern.match(size.lower()))


def _adjectives_level(adjs: str, denied_all: bool = False) -> str | None:
    """The budget the coordinated adjectives state: the plain ones' level, else what the denied
    ones leave (a denied abundance or scarcity is a middling budget); None if they disagree.
    `denied_all`: the verb before them denies them all ("the budget isn't tight or small")."""
    plain: set[str] = set()
    denied: set[str] = set()
    for m in _ONE_ADJ.finditer(adjs):
        (denied if m.group("not") or denied_all else plain).add(_level(m.group("size")))
    if len(plain) > 1:
        return None
    if plain:
        return plain.pop()
    if denied and "medium" not in denied:
        return "medium"
    return None


def _denied(clause: str, start: int) -> bool:
    """The money is what the team lacks: "we don't have a big budget", "we can't afford the
    budget for multi-week training runs"."""
    return negated(clause[:start]) or unaffordable(clause, start)


def sized_budget(clause: str, offset: int) -> list[Candidate]:
    """`budget` read from a word of size or sufficiency on money (module docstring)."""
    out: list[Candidate] = []
    for pattern in (_PLENTY, _BUYS_BIG):
        for m in pattern.finditer(clause):
            if _denied(clause, m.start()):
                continue
            out.append(Candidate(BUDGET, "high", offset + m.start(), len(m.group(0)), m.group(0)))
    for pattern in (_BEFORE, _AFTER):
        for m in pattern.finditer(clause):
            if _denied(clause, m.start()) or any(c.start <= offset + m.start() < c.start + c.length for c in out):
                continue
            level = _adjectives_level(m.group("adj"), bool(m.groupdict().get("neg")))
            if level is not None and _REFUSED_AFTER.match(clause[m.end() :]):
                level = "medium" if level == "high" else None  # a refused abundance: some money, not that much
            if level is not None:
                out.append(Candidate(BUDGET, level, offset + m.start(), len(m.group(0)), m.group(0)))
    return out
