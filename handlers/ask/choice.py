"""Does a question ask the advisor to choose? Decides which questions the rubric answers.

The question classifier (`handlers.ask.kinds`) labels a question by its surface form, so a
situation that ends in "is it time to train our own model?" reads as a figure ("time to"), "the
whole thing runs offline - does that change prompt vs training?" as a comparison and "what now?" as
nothing at all. Whatever the label, a question that asks for a choice or a course of action, in
the advisor's field, about a situation the rubric can read, is a decision: `handlers.ask.service`
sends it to the rubric (the same engine as `assess`).

The forms recognised here are the ways people ask for advice, whatever the subject:
- a modal ask: "should we ...", "do we have to ...", a clause opening "do we bake ...?";
- an evaluation of a course of action: "is it worth it", "realistic to ...", "overkill",
  "enough to ...", "is it time to ...", "the right call / the fix / the sane setup", "a bad idea",
  "would a tuned model keep up?", "what's the move?";
- a next step: "what now?", "next step?", "what do we do?", "where do we go from here?";
- a fact weighed against the choice: "does that change / tilt / rule out ...";
- a lighter or middle option: "is there something lighter / cheaper", "the middle option";
- two courses of action set against each other: "train or prompt?", "one approach or a mix?".

`handlers.ask.focus.FINE_TUNING_PLAIN` holds the plain-language names of fine-tuning ("train our own model", "teach it
ourselves", "bake it into the weights", "a custom model"): they name an action the rubric weighs.
"""

from __future__ import annotations

import re

from handlers.ask.asking import clauses
from handlers.ask.focus import FINE_TUNING_PLAIN, concepts_in
from handlers.ask.kinds import QuestionKind

_I = re.IGNORECASE

#: Fine-tuning abbreviated, in capitals only ("10 ft" measures a length).
_ABBREVIATED = re.compile(r"\bFT\b")

#: A course of action one side of "X or Y?" may name (besides the domain's concepts).
_ACTION = re.compile(
    r"\b(train\w*|teach\w*|bak(e|ing)|tun(e|ing)|retrain\w*|prompt\w*|retriev\w*|instructions?|"
    r"approach(es)?|mix|blend|both|combination|hybrid|something (else|lighter|cheaper|simpler)|"
    r"custom\w*|model|weights)\b",
    _I,
)

_MODAL = re.compile(
    r"\b(should|shall|ought to)\s+(we|i|you|they|our|my|a|an|the|it|this|that)\b|"
    r"\b(do|does|would|will)\s+(we|i|you|they)\s+(really\s+)?(need|have)\s+to\b|"
    r"\bwould you (recommend|suggest|go|pick|choose|do)\b|\bwhat would you (do|pick|choose|recommend)\b",
    _I,
)
#: "do we bake ...?", "so do we train?", "fine-tune it on them?": a clause that opens on the ask itself.
_CLAUSE_ASK = re.compile(
    r"^\s*((so|then|and|or|ok|okay)\s+)?(do|can|could|shall|must)\s+(we|i)\s+(?!know|mean|say|call|see)\w+|"
    r"^\s*(is|would|will)\s+(it|that|this)\s+(be\s+)?(worth|realistic|feasible|viable|overkill|enough|time|"
    r"smart|wise|sensible|sane|justified|possible|a (good|bad) idea)\b|"
    r"^\s*(realistic|worth|feasible|viable|enough|time|possible|sensible)\s+to\b|"
    r"^\s*(go|stick|keep|stay|switch|move|jump|skip)\s+((straight|right|directly)\s+)?"
    r"(for|with|to|on|going|fiddling|prompting|tweaking)\b.*\?\s*$|"
    # an elliptical proposal: "Fine-tune it on the regulations?", "Just retrain on them?"
    r"^\s*(just\s+|so\s+|then\s+)?(fine[- ]?tune|finetune|retrain|train)\b[^.?!]*\?\s*$",
    _I,
)
_EVALUATION = re.compile(
    r"\bworth (it|the (money|effort|cost|investment)|[\w-]+ing)\b|\bis it time to\b|\boverkill\b|"
    r"\b(realistic|feasible|viable|sensible|justified) (to|for us|option|choice|plan)\b|"
    r"\b(is|are) [\w-]+(\s[\w-]+){0,3} (even )?(realistic|feasible|viable|overkill|enough)\b|"
    r"\b(a|any|good|the) reasons? (to|for)\b|\bthe (right )?(moment|time) to\b|"
    r"\b(would|will|could) [\w'-]+(\s[\w'-]+){0,6} work\?|"
    r"\bthe (right|best|better|smart|sane|sensible|wise|correct) (call|move|choice|option|route|path|way|fix|"
    r"answer|tool|bet|setup|pick|approach|plan|fit)\b|"
    r"\b(is|are) [\w-]+(\s[\w-]+){0,3} the (fix|answer|solution|cure)\b|"
    r"\bwhat('s| is| would be) (the|our|a) (sane|right|best|smart|sensible|better|good|recommended|cheapest|"
    r"safest|quickest) (setup|move|call|option|route|path|way|approach|plan|bet|pick|choice)\b|"
    r"\b(going to|gonna|will it|would it|can it) (keep up|cope|scale|hold up|cut it|be enough|get us there)\b|"
    # the same doubt about a named thing: "would a fine-tuned model even keep up?"
    r"\b(would|will|could|can|does|is) [\w'-]+(\s[\w'-]+){0,4} (even |really |still )?(keep up|cope|scale|hold up|"
    r"cut it|be enough|get us there)\b|"
    r"\b(a|an) (good|bad|dumb|stupid|terrible|smart|sensible|reasonable|crazy) idea\b|"
    r"\bwhat('s| is| would be) (the|our|your) (move|call|play|plan|fix|verdict)\b|"
    r"\bcan \w+(\s\w+)? get (us|me) there\b",
    _I,
)
_NEXT_STEP = re.compile(
    r"\bwhat (now|next)\b|\bnext (step|move)s?\b|\bwhat (do|should|can) (we|i) do\b|"
    r"\bwhere do (we|i) go (from here|next)\b|\bany (advice|recommendations?|suggestions?)\b|"
    r"\b(which|what) (route|path|way|direction|option|approach) (do|should|would) (we|i|you)\b",
    _I,
)
#: "which approach fits?", "which way ends up cheaper?": one choice asked for (not a list of things).
ASKS_FOR_ONE = re.compile(
    r"\b(which|what) (single |one )?(approach|way|option|route|path|method|setup|one)\b(?!s)",
    _I,
)
_WEIGHED = re.compile(
    r"\bdoes (that|this|it|any of (that|this)) (change|tilt|push|shift|favou?r|rule|tip|decide|settle|"
    r"matter|affect|mean)\b",
    _I,
)
_LIGHTER = re.compile(
    r"\b(is there|are there|anything|something|any) (a |an )?(lighter|cheaper|simpler|smaller|quicker|"
    r"middle|in-between|halfway|better)\b|\bmiddle (option|ground|road|way|path)\b",
    _I,
)
_OR = re.compile(r"\bor\b", _I)
#: An aside in brackets: "how do we stop a bot (prompts or a tuned model) from getting worse?" says what the
#: bot may be, it does not set two courses of action against each other.
_ASIDE = re.compile(r"\([^()]*\)")


def sets_actions_apart(question: str) -> bool:
    """The last clause sets two courses of action against each other ("train or prompt?"), outside
    an aside in brackets."""
    last = clauses(_ASIDE.sub(" ", question).strip())[-1]
    parts = _OR.split(last, maxsplit=1)
    if len(parts) != 2 or not last.rstrip().endswith("?"):
        return False
    return all(_ACTION.search(p) or concepts_in(p) for p in parts)


def asks_for_advice(question: str) -> bool:
    """The question asks what to do ("should we", "do we have to", "what now?", "does that change
    anything?"), not only which of two things is better."""
    return any(p.search(question) for p in (_MODAL, _NEXT_STEP, _WEIGHED))


def asks_for_choice(question: str) -> bool:
    """The question asks which way to go, or whether to take a course of action."""
    if asks_for_advice(question) or any(p.search(question) for p in (_EVALUATION, _LIGHTER, ASKS_FOR_ONE)):
        return True
    if any(_CLAUSE_ASK.match(c) for c in clauses(question)):
        return True
    return sets_actions_apart(question)


#: First-person words: a sentence with one speaks about the asker's own situation.
_FIRST_PERSON = re.compile(r"\b(we|we're|we've|our|us|i|i'm|i've|my)\b", _I)
_SENTENCES = re.compile(r"(?<=[.!?])\s+")


def states_situation(question: str) -> bool:
    """Before its ask, the question states the asker's situation in a sentence of its own (a
    statement in the first person): "We run a radiology group. ... Do we train a model or prompt?"."""
    sentences = [s for s in _SENTENCES.split(question.strip()) if s]
    return any(_FIRST_PERSON.search(s) and not s.rstrip().endswith("?") for s in sentences[:-1])


def wants_verdict(question: str, kind: QuestionKind) -> bool:
    """Whatever the classifier said, the question wants the rubric's verdict: a decision; a
    comparison that asks what to do, or that asks for a choice after stating the asker's situation
    (`states_situation`); a list question only when it asks for one choice ("which approach
    fits?"); any other question that asks for a choice."""
    if kind.kind == "decision":
        return True
    if kind.kind == "comparison":
        return asks_for_advice(question) or (states_situation(question) and asks_for_choice(question))
    if kind.kind == "list" and kind.head:
        return bool(ASKS_FOR_ONE.search(question))
    return asks_for_choice(question)


def names_fine_tuning_plainly(text: str) -> bool:
    """`text` names fine-tuning in everyday words ("train our own model", "bake it into the weights"),
    or by its abbreviation ("is FT overkill for us?")."""
    return bool(FINE_TUNING_PLAIN.search(text) or _ABBREVIATED.search(text))
