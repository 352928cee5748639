"""How a question asks (pure; no models): its clauses, what a clause opens with, whether a clause's
sentence asks at all, and whether the question requests a procedure.

Kept apart from `handlers.ask.kinds` (which decides the kind from these readings and from exemplars)
because `handlers.ask.choice` reads clauses the same way: one reading of a question's form for both.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

#: Where a clause of the question may open: after a sentence end, a colon, a dash or a comma. Slack
#: users put the context first ("prompts don't get our jargon. how do we ..."; "quick one: what is ...").
_CLAUSE_BREAK = re.compile(r"[.?!;:]\s+|\s[-\u2013\u2014]+\s|,\s+")


def clauses(question: str) -> list[str]:
    """The question and every clause of it, each from where it opens to the end."""
    return [question, *(question[m.end() :] for m in _CLAUSE_BREAK.finditer(question))]


def opens_with(pattern: re.Pattern[str], question: str) -> bool:
    """A clause of the question opens with `pattern` (a pattern anchored with ^)."""
    return any(pattern.match(c) for c in clauses(question))


#: A clause's own sentence: up to its first sentence end (which it includes).
_OWN_SENTENCE = re.compile(r"[^.?!]*[.?!]?")


def asks_in(clause: str, question: str) -> bool:
    """The clause's sentence may ask something: in a question with a "?", a sentence that ends with
    "." or "!" states ("..., which needs deep domain knowledge." opens with "which" but asks
    nothing); one that ends with "?" or with nothing ("... give me the scenarios") may ask."""
    own = _OWN_SENTENCE.match(clause)
    ending = own.group().rstrip()[-1:] if own and own.group().strip() else ""
    return "?" not in question or ending not in (".", "!")


#: A clause that opens by asking how ("ok so how do we ...").
HOWTO_OPENING = re.compile(
    r"^\s*((ok(ay)?|so|and|but|hey|hi|quick q(uestion)?|right|well)\W+)*how (do|can|should|would|could) "
    r"(we|i|you|people|teams|one)\b", _I
)
#: A request for a procedure, wherever it sits in the question: "walk me through ...", "the best way /
#: the approach / the playbook to <do something>", "what do we need to do ...", "where do we start".
#: The thing asked for is a course of action, so a contrast inside it ("... instead of hand-writing
#: it", "... rather than in the cloud") states a constraint on the procedure, not a second option.
_HOW_REQUEST = re.compile(
    r"\b(walk|talk|take) (me|us) th(rough|ru)\b|"
    r"\b(way|(the|our|your|a) approach|process|playbook|procedure|recipe|game ?plan|workflow|steps?) (to|for) "
    r"(still |actually |really |just |best |reliably )?(?!(the|a|an|our|us|me|you|them|this|that|it|each|both|"
    r"prompt\w*|fine[- ]?tun\w*|rag|peft|lora)\b)[a-z]+|"
    r"\bwhat (do|would|should|must|will) (we|i|you) (need|have) to do\b|\bwhat does it take to\b|"
    r"\bwhere (do|should|would|can) (we|i|you) (even )?(start|begin)\b",
    _I,
)
#: In a how-to request these mark the constraint the procedure must meet, not a comparison.
CONSTRAINT = re.compile(r"\b(instead of|rather than)\b.*$|\bdifferently\b", _I)
#: Asking to pick between options: a how-to request that names two options and asks this compares them.
#: "Better" or "worse" after a verb of becoming says how one thing changes over time ("how do we stop a
#: bot (prompts or a tuned model) from getting worse?"), not which of two is better.
_BECOMING = "".join(f"(?<!{verb} )" for verb in (
    "get", "gets", "got", "getting", "grow", "grows", "growing", "become", "becomes", "becoming", "go", "goes",
    "going", "went", "turn", "turns", "turning", "any", "no"))
CHOOSING = re.compile(r"\b(choose|choosing|pick|decide|deciding|between|which|" + _BECOMING + r"(better|worse))\b", _I)


def asks_how(question: str) -> bool:
    """The question asks for a way of doing something: a clause opens "how do we / can I ...", or it
    requests a procedure in other words (`_HOW_REQUEST`), not an alternative way to weigh."""
    if opens_with(HOWTO_OPENING, question):
        return True
    return any(not _ALTERNATIVE.search(question[: m.start()]) for m in _HOW_REQUEST.finditer(question))


#: "is there a cheaper way / another way to ...": proposes an alternative to weigh, not a procedure.
_ALTERNATIVE = re.compile(r"\b(\w+er|other|another|different|alternative)\s+$", _I)
