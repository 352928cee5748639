"""What a clause's own words say that its embedding does not: polarity, limits, people, consequence,
money, failure. The embedding matcher (`handlers.assess.semantic`) compares a clause with examples by
meaning, and meaning barely sees "not", "small" or who is talking; these word classes decide, for each
criterion, whether a clause can state it at all, and the phrase readers use the same negation tests.
"""

from __future__ import annotations

import re

# A clause that states a limit ("our GPUs are small and shared with three teams") is about the
# resource, so it lies close to the examples of having plenty of it ("our own GPUs"); embeddings do
# not see the limit. Such a clause cannot take the plenty end of a resource the team has: it may
# still read as the low or middle choices, and the phrase rules ("ML team") still read the top.
SCARCITY = re.compile(
    r"\b(?:small|smaller|tiny|limited|tight|scarce|modest|shared|constrained|stretched|meagre|meager|"
    r"little|few|short on|not much|not many|only)\b"
)
RESOURCES = ("budget", "ml_expertise")

# Expertise belongs to people. A clause about what a model does ("off-the-shelf models already do
# a decent job", "jargon that general-purpose models fail to reproduce") lies close to the examples
# of an ML team ("people who have fine-tuned models before") because both talk of models; with a
# model and no person in it, it states nothing about the team.
PEOPLE_CRITERIA = ("ml_expertise",)
MODEL_TALK = re.compile(r"\b(?:models?|llms?|gpt[\w.-]*|chatgpt|claude|gemini|copilot)\b")
PEOPLE = re.compile(
    r"\b(?:we|us|our|i|me|my|you|he|she|they|them|their|his|her|neither|either|none|both|who|team|teams|"
    r"nobody|no one|someone|somebody|anyone|everyone|people|person|"
    r"folks|staff|engineers?|devs?|developers?|scientists?|researchers?|analysts?|guys?|colleagues?|"
    r"interns?|hires?|consultants?|contractors?|phds?|experts?|expertise|experience|skills?|background)\b"
)

# Stakes are what a wrong answer costs. A statement with no word of error, correctness, checking or
# consequence in it ("we'd like a drafting assistant that writes like us") names the task, whose
# topic lies close to some example of stakes ("drafts that someone edits anyway"); it states none.
CONSEQUENCE_CRITERIA = ("accuracy_stakes",)
CONSEQUENCE = re.compile(
    r"\b(?:mistakes?|errors?|erroneous|wrong|right|correct\w*|incorrect|accura\w*|inaccura\w*|precis\w*|exact\w*|"
    r"stakes|risk\w*|reviews?|reviewed|reviewing|checks?|checked|checking|edits?|edited|editing|approv\w*|"
    r"proofread\w*|sign(?:s|ed)? off|vet(?:s|ted|ting)?|oversight|human|person|someone|somebody|"
    r"harm\w*|danger\w*|safe\w*|injur\w*|hurt|cost\w*|cheap|expensive|fines?|lawsuits?|sued|liab\w*|"
    r"critical|crucial|vital|matters?|deal|fine|ok|okay|off|forgiv\w*|tolera\w*|acceptable|unacceptable|"
    r"annoy\w*|sloppy|typos?|perfect\w*|flawless\w*|reliab\w*|trust\w*|regulat\w*|audit\w*|legal\w*|"
    r"patients?|lives|life|consequences?|damage\w*|blame|embarrass\w*|reputation\w*|failures?|fail\w*)\b"
)

# A budget is money or compute. A clause with no word of either ("we have a quant dev team who can
# train models", "our partner's team can train models for us") lies close to the examples of a budget
# because both talk of training and of what the team has; it states none.
MONEY_CRITERIA = ("budget",)
MONEY = re.compile(
    r"\b(?:budgets?|money|funds?|funding|funded|cash|spend\w*|spent|costs?|costly|pay\w*|paid|afford\w*|cheap\w*|"
    r"expensive|pric\w*|dollars?|euros?|pounds?|usd|eur|gbp|credits?|gpus?|tpus?|[ahvlt]\d{2,3}s?|cards?|compute|"
    r"hardware|servers?|clusters?|cloud|infra\w*|machines?|laptops?|resources?|shoestring|bootstrap\w*|invest\w*|"
    r"grants?|financ\w*|capex|opex|rent\w*|leas\w*|subscriptions?|seed|series|raised?|bills?|fees?|"
    r"plenty|generous|deep pockets)\b|[$\u20ac\u00a3]"
)

# A clause that reports a failure ("the stock models misread them badly no matter how we phrase the
# prompt") lies close to the examples of success as much as to those of failure: both talk of the
# prompted model and its answers, and its polarity is carried by a verb of failure, not by a
# negation. Such a clause never takes the success choice of a criterion that judges an outcome;
# a failure that is itself denied ("it never gets them wrong") is no failure.
FAILURE = re.compile(
    r"\b(?:wrong|mistakes?|errors?|mis(?:read|reads|reading|understands?|understood|understanding|interpret\w*|"
    r"labels?|labell?ed|classif\w*|take|takes|took|handl\w*|s|sed|ses|sing|judge\w*)|confus\w*|"
    r"mix(?:es|ed|ing)? up|mangl\w*|garbl\w*|botch\w*|butcher\w*|fail\w*|struggl\w*|badly|poorly|garbage|"
    r"nonsense|useless|unusable|drift\w*|hallucinat\w*|inconsistent|unreliable|inaccurate|incorrect|broken|"
    r"breaks?|broke|stuck|worse|terrible|awful|flaky)\b"
)
DENIAL_WORDS = 3  # how far before a word of failure a negation denies it
SUCCESS = {"prompt_results": "working"}  # criteria that judge an outcome -> their choice of success

NEGATIVE = re.compile(
    r"\b(?:no|not|never|without|nobody|none|neither|nor|lacks?|lacking|cannot|nothing|zero|"
    r"hardly|barely|anything but|far from|by no means)\b|n't\b|n.t\b"
)
# idioms with a negative word that negate nothing ("no matter how we phrase it", "not only")
NOT_NEGATING = re.compile(r"\b(?:no matter|no doubt|not only|not just|no wonder|nothing but)\b")


def negative(text: str) -> bool:
    return bool(NEGATIVE.search(NOT_NEGATING.sub(" ", text.lower())))


def reports_failure(text: str) -> bool:
    """`text` reports that something went wrong: a word of failure ("misread", "drifts") that no
    negation before it denies ("it never gets them wrong" reports none)."""
    lowered = text.lower()
    found = FAILURE.search(lowered)
    return found is not None and not denied(lowered, found.start())


def denied(text: str, at: int) -> bool:
    """A negation among the few words before `at` in `text` ("never gets it wrong")."""
    return negative(" ".join(text[:at].split()[-DENIAL_WORDS:]))
