"""What kind of question is it? Decides how the answer is composed (offline, no language model).

Kinds: `concept` (what is X, explain X), `list` (risks, pitfalls, metrics/KPIs, tools, examples,
runtime parameters, methods), `comparison` (X vs Y, when X beats Y), `figure` (how many / how
much / how long), `decision` (should we ... given our situation), `howto` (how do we ...), and
`general` when nothing fits.

Rules decide first (they are precise and cheap); a question no rule recognises is labelled like
its most similar exemplar under the shipped sentence-embedding model, when it is similar enough.
What a list asks to be listed (its topic, its plural head noun) is read in `handlers.ask.list_asks`.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Literal

import numpy as np

from handlers.ask.asking import CHOOSING, CONSTRAINT, asks_how, opens_with
from handlers.ask.focus import sides_named
from handlers.ask.list_asks import ListTopic, list_topic, plural_head, requests_list
from handlers.ports import TextEncoder

Kind = Literal["concept", "list", "comparison", "figure", "decision", "howto", "general"]
KINDS: tuple[Kind, ...] = ("concept", "list", "comparison", "figure", "decision", "howto", "general")


@dataclass(frozen=True)
class QuestionKind:
    kind: Kind
    topic: ListTopic = ""  # for lists: what is listed
    head: str = ""  # for lists: the plural noun asked for ("which trends ..." -> "trends")
    by: Literal["rule", "exemplar", "default"] = "rule"


_I = re.IGNORECASE
_DECISION_ASK = re.compile(
    r"\b(should (we|i|our|my|the model|it)|shall we|do (we|i) (need|have) to|is it worth|worth it|"
    r"would you (recommend|suggest)|what (would|do) you (recommend|suggest)|which (approach|option|one|way|path|"
    r"method)|what (approach|option|should)|what do we do|(what|which) are (our|my) (options|choices|alternatives)|"
    r"best (approach|option|way) for (us|our)|"
    r"(fine[- ]?tune|train) (it|them|the model|our model|a model) on|is (rag|fine[- ]?tuning|prompting|lora|"
    r"peft)\b.{0,30}\b(right|enough|overkill|good fit|the way to go)|make sense for (us|our)|"
    r"\bor (just |simply )?(prompt|use rag|rag|fine[- ]?tune|retriev))",
    _I,
)
_HOW_SHOULD = re.compile(r"\bhow (should|shall) (we|i|our|my)\b", _I)
#: "what do we need to do to ..." asks for the actions, not whether to act (a decision).
_DO_WHAT = re.compile(r"\bwhat (do|would|will|must) (we|i|you) (need|have) to do\b", _I)
_SITUATION = re.compile(
    r"\b(our|we|we're|we've|us|my|i have|i've got|i'm building|i am building)\b|\d", _I
)
_GENERAL_WHEN = re.compile(r"^\s*(when|in what cases|under what|why)\b", _I)
_COMPARISON = re.compile(
    r"\bvs\.?\b|\bversus\b|\bdifference(s)? between\b|\bcompar\w*|\bbetter than\b|\bbeats?\b|"
    r"\binstead of\b|\brather than\b|\btrade-?offs?\b|\bpros and cons\b|\b(differ|different) from\b|"
    r"\bwhen (does|do|is|would|should).{0,40}\b(over|instead|rather|beat|win)\b|\bwhich is (better|cheaper|faster)|"
    r"\bdiffer(s|ed|ing|ence|ences|ently)?\b|\bhow different\b|\b(are|is) (they|it|\w+) \w*\s?different\b|"
    r"\bsame (thing )?as\b|\bstacks? up\b|\bgap between\b|\bwho wins\b|\bhead[- ]to[- ]head\b|"
    r"\bwhich (one )?(\w+ )?(better|worse|cheaper|faster|slower|easier|harder|more|less)\b|"
    # "what does X give us that Y can't?", "is X just Y with a fancier name?", "the same trick?"
    r"\b(give|offer|buy|get)s? (us|you|me|them)? ?.{0,25}\bthat .{0,30}\b(can't|cannot|doesn't|does not|don't|"
    r"won't|gives? up|lacks?)\b|\b(fancier|another|different|new) name\b|"
    r"\bthe same (thing|trick|idea|method|technique|approach)\b",
    _I,
)
#: "which one is more work?", "which needs less?", "which one eats more data?": the question asks which
#: side wins on an aspect (a comparison), even when it names the team ("training our own model or ...");
#: advice words ("should", "for us", "recommend", "makes more sense") keep it a decision. Any verb in the
#: third person may say what is weighed ("eats", "burns", "drifts"), not only the common ones.
_ASPECT_WINNER = re.compile(
    r"\bwhich (one |of (the|them|these|those) (two )?)?(is|are|needs?|gets?|costs?|takes?|gives?|scales?|"
    r"copes?|does|[a-z]+s)? ?(more|less|better|worse|cheaper|faster|slower|easier|harder|lighter|heavier)\b",
    _I,
)
#: "is X slower to respond than Y?", "is X as good as Y?": a comparative, which compares the two
#: things a question names ("more than 1000 examples" compares a number, not them).
_COMPARATIVE = re.compile(r"\b(?<!rather )(?<!other )than\b(?!\s+\d)|\bas \w+ as\b", _I)
_ADVICE = re.compile(r"\bshould\b|\bfor (us|our)\b|\brecommend\w*|\bsuggest\w*|\b(more|most) sense\b", _I)
#: A question naming two of the domain's concepts joined by one of these compares them
#: ("RAG or prompt tuning - what is each good for?", "adapters and prefix tuning: how do they differ?"),
#: also when it sets them against each other in two clauses ("if we go the prompt route ..., and if we
#: train our own model instead, ...?", "where does X pull ahead of Y, and where is Y the stronger one?").
_BETWEEN_TWO = re.compile(
    r"\bor\b|\beach\b|\bversus\b|\bvs\b|\bagainst\b|\binstead\b|\bwhereas\b|\bon the other hand\b|"
    r"\bahead of\b|\b(stronger|weaker)\b|\bthe other (one|side|way)\b", _I)
_FIGURE = re.compile(
    r"\bhow (much|many|long|fast|big|large|expensive|cheap)\b|\bwhat (percentage|share|fraction|portion)\b|"
    r"\bpercent\w*|%|\bnumber of\b|\bhow close\b|\bwhat does .{0,30}\bcost\b|\bcost of\b|\btime to\b|"
    r"\bcosts? (us|you|me|them)\b|\bset (us|you|me) back\b|"
    r"\b(what|which) (accuracy|score|latency|throughput|error rate|success rate|speed-?up)\b",
    _I,
)
_CONCEPT = re.compile(
    r"^\s*(what( exactly| really| actually)?('s| is| are)|what does .{1,40} (mean|stand for|do|control)|define|"
    r"definition of|explain|describe|"
    r"tell me about|meaning of|how does .{1,40} work|who (is|are)|in (a nutshell|plain)|eli5)\b",
    _I,
)
_HOWTO = re.compile(r"^\s*how (do|can|should|would|to)\b|\bsteps to\b|\bhow to\b|\bwhere (do|should) (we|i) start",
                    _I)
#: Words that ask for a procedure whatever the rest of the sentence says ("what's the process to...").
_PROCEDURE = re.compile(
    r"\b(process|procedure|playbook|steps?|workflow|walk (me|us) through|put in place|prerequisites?|"
    r"game ?plan|step[- ]by[- ]step guide|go about)\b",
    _I,
)
#: Common verbs in the third person that end in "s": in a how-to request, "... - what actually goes in
#: it?" or "what comes out of it?" asks about the procedure, not for a list of "goes".
_S_VERBS = frozenset("goes comes helps works matters means takes gets fits belongs counts".split())
_CHOICE_NOUNS = frozenset("approaches options methods ways paths choices alternatives".split())


def names_two_concepts(question: str) -> bool:
    """The question names two different concepts of the domain (a child and its parent count once; the
    main approaches count also when named in everyday words, "a custom-trained model")."""
    return len(sides_named(question)) >= 2


#: A stated sentence (ends with "." or "!") of a question that asks elsewhere, or a condition ("if we train
#: a model on our domain, ..."): what the asker assumes or plans, not what they ask.
_STATED = re.compile(r"[^.?!]*[.!](\s+|$)")
_CONDITION = re.compile(r"(^|[.?!]\s+)\s*(if|once|after|assuming|suppose|say) [^,?.!]{3,120},", _I)


#: An aside in brackets ("the assistant (prompted or fine-tuned)") says what something may be; it asks nothing.
_ASIDE = re.compile(r"\([^()]*\)")


def _asked_part(question: str) -> str:
    """The part of the question that asks: without its stated sentences, its leading conditions (a
    question with no "?" keeps every sentence: each may ask) and its asides in brackets."""
    asked = _STATED.sub(" ", question) if "?" in question else question
    return _ASIDE.sub(" ", _CONDITION.sub(" ", asked))


def classify_by_rules(question: str) -> QuestionKind | None:
    q = question.strip()
    head = plural_head(q)
    how = asks_how(q)
    # in a how-to request, "instead of X" / "rather than X" / "differently" constrain the procedure
    compared = q if not how else CONSTRAINT.sub(" ", q)
    if _PROCEDURE.search(q) and not _COMPARISON.search(compared):
        return QuestionKind("howto")
    choice = head in _CHOICE_NOUNS and not requests_list(q)
    asks_many = bool(head) and not choice and not (how and head in _S_VERBS)
    aspect_winner = bool(_ASPECT_WINNER.search(q) and _BETWEEN_TWO.search(q)) and not _ADVICE.search(q)
    # "how should we prepare our data?" asks for a procedure; "should we fine-tune?" asks for a verdict
    # "what do we need to do to ...?" asks for the actions, not whether to act
    asked = _HOW_SHOULD.sub(" ", _DO_WHAT.sub(" ", _asked_part(q)))
    if (_DECISION_ASK.search(asked) and _SITUATION.search(q) and not _GENERAL_WHEN.search(q)
            and not asks_many and not aspect_winner):
        return QuestionKind("decision")
    advice = re.search(r"\bshould\b", q, _I)  # "where should a new project start, prompting or fine-tuning?"
    # "how do we keep it from overfitting or amplifying bias?" joins two problems, not two options
    two_sides = _BETWEEN_TWO.search(q) and not advice and names_two_concepts(q) and (not how or CHOOSING.search(q))
    compares_two = bool(_COMPARATIVE.search(compared)) and names_two_concepts(q)
    if _COMPARISON.search(compared) or two_sides or compares_two:
        return QuestionKind("comparison")
    if _FIGURE.search(q) and not how:  # "how do we bring down what it costs us?" asks how
        return QuestionKind("figure")
    # "what kinds of projects ..." lists projects, not methods
    topic = list_topic(re.sub(r"\b(kinds?|types?|sorts?) of\b", "", q, flags=_I))
    # "how do we choose between the options?" asks how, unless it names the plural it wants listed
    howto = how
    listing = re.search(r"\b(what|which|list|name|any|give|show|some|main|key|common|typical)\b", q, _I)
    if topic and listing and not howto:
        return QuestionKind("list", topic, head)
    if asks_many:
        return QuestionKind("list", topic, head)
    if opens_with(_CONCEPT, q) and not how:  # "what's the approach to get ..." asks how
        return QuestionKind("concept")
    if howto or _HOWTO.search(q) or opens_with(_HOWTO, q):
        return QuestionKind("howto")
    return None


#: Labelled exemplars (written for the classifier, not taken from any evaluation set).
EXEMPLARS: tuple[tuple[str, Kind], ...] = (
    ("What is parameter-efficient fine-tuning?", "concept"),
    ("Explain soft prompts in simple words", "concept"),
    ("What does it mean to freeze the base model?", "concept"),
    ("Give me a one-line definition of retrieval-augmented generation", "concept"),
    ("What are the main dangers of training our own model?", "list"),
    ("Which numbers should we watch once the model is live?", "list"),
    ("Name some libraries for customizing models", "list"),
    ("Where is this used in the real world?", "list"),
    ("Which settings can be changed when calling the model?", "list"),
    ("Prompting or fine-tuning: how do they differ on cost?", "comparison"),
    ("When does retrieval win over training?", "comparison"),
    ("Is LoRA as good as full training?", "comparison"),
    ("How much does one training run cost?", "figure"),
    ("How many examples are enough?", "figure"),
    ("How long until a prompt-based prototype is live?", "figure"),
    ("Our catalogue changes daily and we have no ML staff. What should we build?", "decision"),
    ("We have 10k labelled tickets and a big budget; train or prompt?", "decision"),
    ("Our lawyers need answers citing the current rules. Fine-tune on them?", "decision"),
    ("How do we get started with prompt engineering?", "howto"),
    ("How can we keep prompts maintainable across products?", "howto"),
    ("Steps to set up a fine-tuning run", "howto"),
    ("What do companies typically use it for?", "list"),
    ("What is this applied to in industry?", "list"),
    ("What's the procedure for doing this?", "howto"),
    ("What do we need to prepare before we begin?", "howto"),
    ("Are these two the same thing?", "comparison"),
    ("What is each of them good for?", "comparison"),
    # a figure asked in other words than "how much / how long"
    ("Roughly what share of the parameters gets updated?", "figure"),
    ("Ballpark, what would that cost?", "figure"),
    ("How quickly can it be ready?", "figure"),
)
EXEMPLAR_MIN_SIMILARITY = 0.55


class QuestionClassifier:
    """Rules, then the nearest labelled exemplar (cosine similarity with the shipped encoder)."""

    def __init__(self, encoder: TextEncoder | None = None) -> None:
        self.encoder = encoder
        self._matrix: np.ndarray | None = None
        self._lock = threading.Lock()

    def _exemplar_vectors(self, encoder: TextEncoder) -> np.ndarray:
        with self._lock:
            if self._matrix is None:
                self._matrix = np.asarray(encoder.embed_documents([t for t, _ in EXEMPLARS]), dtype=np.float32)
            return self._matrix

    def classify(self, question: str) -> QuestionKind:
        by_rule = classify_by_rules(question)
        if by_rule is not None:
            return by_rule
        if self.encoder is not None:
            q = np.asarray(self.encoder.embed_query(question), dtype=np.float32)
            sims = self._exemplar_vectors(self.encoder) @ q
            best = int(np.argmax(sims))
            if float(sims[best]) >= EXEMPLAR_MIN_SIMILARITY:
                kind = EXEMPLARS[best][1]
                if kind == "decision" and not _SITUATION.search(question):
                    kind = "general"
                if kind != "list":
                    return QuestionKind(kind, by="exemplar")
                return QuestionKind(kind, list_topic(question), plural_head(question), by="exemplar")
        return QuestionKind("general", by="default")
