"""Prompting tried in vain, told by a concession or a word of futility (pure): "the models misread
them badly no matter how we phrase the prompt", "even with few-shot examples, the stock model still
misunderstands them", "despite weeks of prompt tweaking the outputs still drift", "the general
models don't understand our terms however we explain it in the prompt", "prompting gets us nowhere"
-> prompt_results plateaued.

A concession ("no matter how", "however we", "whatever we", "despite", "even with", "even after")
grants the effort and says it did not help: said of prompting, with an outcome that fails (a word of
failure, or a negated outcome: "don't understand", "still not usable"), it is prompting that has
plateaued (SkillWisor: when prompting plateaus, fine-tuning pushes past it). The rubric's
examples say so in one wording ("no matter how we phrase the prompt the answers are still not
good enough"); the embedding matcher reads its polarity from negation words, which a verb of
failure ("misread") does not carry, so the construction is told here.

The concession may stand in the clause before the outcome ("even with few-shot prompts, the model
still misreads them"). The same concession with an outcome that works ("prompting works fine no
matter who asks", "our prompts do well even with long calls") reads nothing here, nor does an
effort on a model the team trained itself ("even after fine-tuning it still drifts").

Futility says the same without a concession: prompting that "gets us nowhere", "leads nowhere",
"doesn't get us anywhere", "is a dead end" or "a waste of time" - said of prompting in the same
clause, and not of its absence ("without prompts we get nowhere").
"""

from __future__ import annotations

import re

from handlers.assess.clause_words import FAILURE, denied, negative
from handlers.assess.patterns import Candidate
from handlers.assess.verdicts import PLATEAUED, PROMPT_RESULTS, PROMPTING, TRAINED, about_prompting

CONCESSION = re.compile(
    r"\b(?:no matter (?:how|what|which|the)|regardless of (?:how|what|which|the)|"
    r"however (?:(?:much|hard|carefully|well|often|many|long|cleverly|clearly)\b )?(?:we|i|you|they|it|the|our)|"
    r"whatever (?:we|i|you|they|prompts?|wording|examples?|instructions?)|despite|in spite of|for all (?:our|the|my)|"
    r"even (?:with|after|when|if|though|using|adding|giving|including|feeding|providing))\b"
)

# the effort a concession grants must be prompting: "despite our tight budget" grants none
PROMPT_EFFORT = re.compile(
    r"\b(?:prompt\w*|few[- ]shot|zero[- ]shot|instructions?|examples?|wording|phrasing|phrase|rephras\w*|"
    r"system message)\b"
)


def _fails(outcome: str) -> bool:
    """The outcome fails: a word of failure that nothing denies ("still misreads" but not "never
    gets it wrong"), or, with none, a negation ("don't understand", "not usable")."""
    lowered = outcome.lower()
    found = FAILURE.search(lowered)
    if found is not None:
        return not denied(lowered, found.start())
    return negative(lowered)


# "we've rewritten the instructions a dozen times and the bot still mixes up our names": an effort
# on the prompt, then "still" and what it still gets wrong
STILL = re.compile(r"\b(?:still|yet still|continues? to|keeps? on)\b")
# what "still" fails must be the model or what it gives: "our instructions are still not final" is no verdict
OUTPUT = re.compile(
    r"\b(?:models?|llms?|bots?|chatbots?|assistants?|ai|gpt[\w.-]*|chatgpt|claude|gemini|outputs?|answers?|"
    r"results?|responses?|replies|drafts?|summaries|accuracy|quality)\b"
)


def _still_after_effort(clause: str) -> re.Match[str] | None:
    found = STILL.search(clause)
    if found is None or not PROMPT_EFFORT.search(clause[: found.start()]) or not OUTPUT.search(clause):
        return None
    return found


# "prompting gets us nowhere", "few-shot doesn't get us anywhere", "prompt tweaking is a dead end"
FUTILE = re.compile(
    r"\b(?:(?:gets?|got|getting|goes|going|gone|went|leads?|led|leading)(?: (?:us|me|them|you))? nowhere"
    r"|(?:doesn.t|don.t|didn.t|won.t|does not|do not|did not|will not|never|can.t|cannot) (?:really )?"
    r"(?:gets?|got|take|takes|lead|leads) (?:us|me|them|you) (?:anywhere|very far|far)"
    r"|(?:is|are|was|were|been|proved|proving|turned out to be) (?:(?:just|basically|a bit of|pretty much) )?"
    r"(?:a dead end|a waste of time|no use|no good|useless|pointless|fruitless|futile))\b"
)
# prompting named as what was not done: "without prompts", "before any prompting"
_ABSENT = re.compile(r"\b(?:without|before|no|not|never|instead of)\s+(?:\w+\s+)?$")


def _futile(clause: str) -> bool:
    """`clause` says prompting, which it names before the word of futility, got nowhere."""
    lowered = clause.lower()
    found = FUTILE.search(lowered)
    if found is None:
        return False
    effort = PROMPTING.search(lowered, 0, found.start()) or PROMPT_EFFORT.search(lowered, 0, found.start())
    return effort is not None and not _ABSENT.search(lowered[: effort.start()]) and not TRAINED.search(lowered)


def _outcome(clause: str, concession: re.Match[str]) -> str:
    """`clause` without the concession's own words ("no matter how", "even with")."""
    return clause[: concession.start()] + " " + clause[concession.end() :]


def prompting_in_vain(clause: str, offset: int, previous: str = "") -> list[Candidate]:
    """prompt_results plateaued from a concession of prompting effort and a failed outcome in
    `clause` (at `offset`), whose concession may stand in the `previous` clause."""
    if _futile(clause):
        return [Candidate(PROMPT_RESULTS, PLATEAUED, offset, len(clause), clause)]
    granted = CONCESSION.search(clause)
    still = None if granted is not None else _still_after_effort(clause)
    if granted is not None or still is not None:
        if granted is not None:  # the effort follows the concession: "no matter how we phrase the prompt"
            conceded, outcome = clause[granted.start() :], _outcome(clause, granted)
        elif still is not None:  # the effort precedes "still": "we reworded the prompt and it still fails"
            conceded, outcome = clause[: still.start()], clause[still.start() :]
        if about_prompting(conceded, PROMPT_EFFORT) and not TRAINED.search(clause) and _fails(outcome):
            return [Candidate(PROMPT_RESULTS, PLATEAUED, offset, len(clause), clause)]
        return []
    before = CONCESSION.search(previous)
    if before is None or before.start() > 0 or not about_prompting(previous, PROMPT_EFFORT) or TRAINED.search(clause):
        return []
    if _fails(_outcome(previous, before)):  # the concession already closed on its own outcome
        return []
    if _fails(clause):
        return [Candidate(PROMPT_RESULTS, PLATEAUED, offset, len(clause), f"{previous}, {clause}")]
    return []
