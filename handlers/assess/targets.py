"""A measured score of prompting against the team's own target (pure): "prompting gets ~70%, we
need 90+", "it labelled 31 out of 50 correctly; our lawyers won't accept fewer than 45",
"a few-shot prompt scores 93%, and 90% is all we need" -> prompt_results.

A score is a quantity ("78%", "82 per cent", "31 out of 50", "9/10", "an F1 of 0.71") in a statement
about prompting or a prompted model; a target is a quantity the team needs, wants or will not go
below ("we need 90+", "operations wants 95%", "nothing under 97 percent", "a 95% target", "85%
would be acceptable"). A score short of its
target is prompting that has plateaued below what the task needs (SkillWisor: when prompting
plateaus, fine-tuning pushes past it); a score that meets it is prompting that works well enough.
The two are read in one clause or in two clauses in a row, in either order ("prompting gets ~70%,
we need 90+", "we need 95% accuracy, prompting gets 80%"). A bare target ("fewer than 45", "90+",
"0.9") is on the score's scale: per cent for a percentage, "out of M" for a count out of M, a
fraction for a fraction. A score the clause itself declares enough ("9 out of 10 right, which is
all we need") works too.
"""

from __future__ import annotations

import re

from handlers.assess.patterns import Candidate
from handlers.assess.verdicts import PLATEAUED, PROMPT_RESULTS, about_prompting

WORKING = "working"

_PERCENT = r"(?: ?%| ?per ?cent| percent)"
# a score: a percentage, a count out of a total, or a metric's fraction ("an F1 of 0.71")
SCORE = re.compile(
    r"(?<![\w.])(?P<pct>\d{1,3}(?:\.\d+)?)" + _PERCENT + r"(?!\w)"
    r"|(?<![\w.])(?P<num>\d+) ?(?:out of|/) ?(?P<den>\d+)(?![\w.])"
    r"|\b(?:f1|f-score|score|accuracy|precision|recall|auc|bleu|rouge(?:-\w+)?|exact[- ]match)\b(?: [\w'-]+){0,3}?"
    r"(?: (?:of|is|at|around|about|=))* ?(?P<frac>0?\.\d+|1\.0)(?![\w.%])"
)
# what the team needs: "we need", "operations wants", "the bar is", "at least", "no fewer than"
_WANT = (
    r"(?<!n't )(?<!not )(?<!no )\b(?:needs?|needed|wants?|wanted|requires?|required|expects?|demands?|"
    r"targets?|targeting|aim(?:s|ing)? (?:for|at)|goal|bar|threshold|cut-?off|minimum|at least)\b"
)
_FLOOR = (
    r"\b(?:no|not|nothing|anything|accept(?:s|ed)?)"
    r" (?:fewer|less|lower|worse|under|below|short of)(?: than)?\b"
)
# a share of something other than quality ("99.9% uptime", "10% savings") is no target for a score
_OTHER = (
    r"(?! (?:uptime|availability|sla|savings?|cost|costs|cheaper|faster|slower|latency|reduction|discount|margin|"
    r"growth|off|less|more|fewer|increase|decrease|of (?:the |our )?(?:budget|cost|spend|time saved))\b)"
)
# a target quantity: with its unit, or bare at the end of the clause or before "or more" / "+"
_QUANTITY = (
    r"(?<![\w.])(?P<tnum>\d{1,3}(?:\.\d+)?)(?:(?P<tpct>" + _PERCENT + r")(?!\w)" + _OTHER
    + r"| ?(?:out of|/) ?(?P<tden>\d+)(?![\w.])"
    r"|\+|(?= ?(?:$|[,;:)!?]| or (?:more|better|higher|above)\b)))"
)
TARGET_AFTER = re.compile(r"(?:" + _WANT + r"|" + _FLOOR + r")(?:[^\d;]{0,30}?)" + _QUANTITY)
# "90% is all we need", "a 95% target", "95% is the bar"
TARGET_BEFORE = re.compile(
    _QUANTITY + r" (?:(?:is|would be) (?:all |just |exactly |what )?(?:we|they|you|the \w+) (?:need|want|require)"
    r"|(?:is |would be )?(?:the |our |their )?(?:target|bar|goal|minimum|threshold|requirement)\b"
    r"|(?:is|would be) (?:acceptable|enough|sufficient|fine|ok(?:ay)?|good enough)\b)"
)

# the score itself declared enough: "gets 9 out of 10 right, which is all we need"
ENOUGH = re.compile(
    r"\b(?:which|that|and that)(?:'s| is| was| would be) (?:all|just|exactly|plenty|enough|good enough|what)\b"
    r"(?: (?:what )?(?:we|they|you|the \w+) (?:need|want|require)\w*)?"
)


def _share(m: re.Match[str]) -> float | None:
    """A score as a percentage: a count out of a total, a fraction, or a percentage as itself."""
    if m.group("frac") is not None:
        return 100.0 * float(m.group("frac"))
    if m.group("den") is not None:
        total = float(m.group("den"))
        return 100.0 * float(m.group("num")) / total if total > 0 else None
    return float(m.group("pct"))


def _target(m: re.Match[str], score: re.Match[str]) -> float | None:
    """The target `m` reads, as a percentage on the scale of `score` when it names none."""
    value = float(m.group("tnum"))
    if m.group("tden") is not None:
        total = float(m.group("tden"))
        return 100.0 * value / total if total > 0 else None
    if m.group("tpct") is None and score.group("frac") is not None:
        return 100.0 * value if value <= 1 else None
    if m.group("tpct") is None and score.group("den") is not None:
        total = float(score.group("den"))
        return 100.0 * value / total if value <= total else None
    return value if value <= 100 else None


def _targets(text: str) -> list[re.Match[str]]:
    return [*TARGET_AFTER.finditer(text), *TARGET_BEFORE.finditer(text)]


def _score(text: str, targets: list[re.Match[str]]) -> re.Match[str] | None:
    """The first score in `text` that is no target itself."""
    for m in SCORE.finditer(text):
        if not any(t.start() <= m.start() < t.end() or m.start() <= t.start() < m.end() for t in targets):
            return m
    return None


def _pair(clause: str, previous: str) -> tuple[re.Match[str], re.Match[str], str, bool] | None:
    """The score, its target, the text of the score (`clause` or `previous`) and whether the
    pair leans on `previous`: both in `clause`, or one of them in the clause before."""
    targets = _targets(clause)
    if targets:
        target = min(targets, key=lambda t: t.start())
        score = _score(clause, targets)
        if score is not None:
            return score, target, clause, False
        score = _score(previous, _targets(previous))
        return (score, target, previous, True) if score is not None else None
    before = _targets(previous)
    score = _score(clause, [])
    if before and score is not None:
        return score, min(before, key=lambda t: t.start()), clause, True
    return None


def score_against_target(clause: str, offset: int, previous: str = "") -> list[Candidate]:
    """prompt_results from a score of prompting and the target it is held to, read in `clause`
    (at `offset`) and the `previous` clause; a score declared enough works (`ENOUGH`)."""
    pair = _pair(clause, previous)
    if pair is None:
        return _enough(clause, offset)
    score, target, source, leans = pair
    if not about_prompting(source):
        return []
    have, need = _share(score), _target(target, score)
    if have is None or need is None:
        return []
    value = PLATEAUED if have < need else WORKING
    return [Candidate(PROMPT_RESULTS, value, offset, len(clause), f"{previous}, {clause}" if leans else clause)]

def _enough(clause: str, offset: int) -> list[Candidate]:
    """prompt_results working from a score of prompting that `clause` declares enough."""
    enough = ENOUGH.search(clause)
    if enough is None or not about_prompting(clause) or _score(clause[: enough.start()], []) is None:
        return []
    return [Candidate(PROMPT_RESULTS, WORKING, offset, len(clause), clause)]
