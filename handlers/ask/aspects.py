"""What a comparison asks the sides to be compared on (pure; no models).

"RAG vs fine-tuning on cost", "which one makes stuff up less?", "what stays frozen in each?": the
sentences speaking to the asked aspect weigh more, so both sides are compared on that and not on
anything. A plain "what's the difference between X and Y?" names no aspect: the sentences saying
what each side is or does weigh more, so the answer opens with each side's definition. A comparison
asking for a figure ("how many parameters does each update?") weighs the sentences stating one, so
each side answers with its figure rather than with words about it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

from handlers.ask.focus import Concept
from handlers.ask.picks import figure_unit, is_definition
from handlers.ask.scored import Scored

_I = re.IGNORECASE


class Aspect(NamedTuple):
    """An aspect a comparison may ask about: how a question asks it, how a sentence speaks to it,
    and what the articles call it (their headings' words: "long-term maintenance", "complexity",
    "use cases"), added to the comparison's search so that the passage comparing both sides on it
    is found even when the question names the aspect in other words ("keep it alive", "who to hire")."""

    asks: re.Pattern[str]
    says: re.Pattern[str]
    words: str = ""
    #: How a question names the aspect itself, where `asks` also reads words that may be about
    #: something else ("wording changes" asks about changing inputs, not about flexibility).
    names: re.Pattern[str] | None = None


def _a(asks: str, says: str, words: str = "", names: str = "") -> Aspect:
    return Aspect(re.compile(asks, _I), re.compile(says, _I), words, re.compile(names, _I) if names else None)


#: The aspects a comparison asks about.
ASPECTS: tuple[Aspect, ...] = (
    _a(r"^\W*when\b|\b(good|best|right|used?|better) (for|pick|choice|fit)\b|\bwhich (situations|cases)\b|"
       r"\b(we|i|you|they|to|should|would) go with\b|\bpick\b|\bchoose\b",
       r"\b(suits?|fits?|recommend\w*|ideal|valuable|preferable|essential|best for|better fit)\b"),
    _a(r"\b(cost\w*|cheap\w*|expensive|budget|pay\w*|spend\w*|price\w*|money|compute|bills?|invoices?)\b",
       r"\b(costs?|costly|cheap\w*|expensive|budgets?|dollars|economical|fees|resources|compute|"
       r"tokens|savings|invest\w*|front-loaded|per-request)\b", "cost"),
    _a(r"\b(quick\w*|fast\w*|how long|time to|speed|sooner)\b",
       r"\b(instant\w*|hours?|days?|weeks?|quick\w*|fast\w*|rapid\w*|time)\b", "time to implement"),
    # latency and serving: "is a fine-tuned model slower to respond?"
    _a(r"\b(latency|slow\w*|respon(d|ds|se time)|serv(e|es|ing)|host\w*)\b",
       r"\b(latency|serving|inference|infrastructure)\b", "serving infrastructure"),
    _a(r"\b(data|examples|dataset\w*|label\w*)\b", r"\b(data|datasets?|(?<!for )examples?(?! use case)|label\w*)\b",
       "data requirements",
       r"\bdata[- ]?wise\b|\b(how much|what|which|enough|more|less|no|any) (training |labell?ed )?"
       r"(data|examples|datasets?)\b|\blabell?ed\b|\bdata requirements?\b"),
    _a(r"\b(flexib\w*|adjust\w*|chang\w*|updat\w*|shift\w*|adapt(?!er)\w*|maintain\w*|tweak\w*)\b",
       r"\b(flexib\w*|adjust\w*|updat\w*|chang\w*|retrain\w*|adapt\w*|fixed|agile)\b", "flexibility",
       r"\b(flexib\w*|adjust\w*|tweak\w*)\b|\b(easy|easier|hard|harder) to (change|update|adjust|edit)\b|"
       r"\bon the fly\b"),
    # upkeep over time: "which is more work to keep alive two years out?"
    _a(r"\b(maint\w*|upkeep|long[- ]term|look(ing)? after)\b|"
       r"\bkeep\w*( it| them| \w+)? (alive|current|up to date|running|going)\b",
       r"\b(maint\w*|retrain\w*|updat\w*|versioned|drift)\b", "long-term maintenance"),
    # the people it takes: "skills-wise, who do we hire?"
    _a(r"\b(skill\w*|expertise|experien\w*|hir(e|es|ed|ing)|staff\w*|talent|know-how)\b|"
       r"\bwhat (kind|sort|type) of (people|engineers|team)\b|\bwho (do|would|should) we need\b|"
       r"\bhow (hard|difficult|complex|tricky)\b",
       r"\b(skill\w*|expertise|capabilit\w*|complexity)\b", "skills expertise complexity"),
    # what each is for: "what sort of jobs is each meant for?"
    _a(r"\buse[- ]?cases?\b|\b(what|which) (sort|kind|type)s? of (jobs?|tasks?|work|projects?)\b|"
       r"\bmeant for\b|\bsuited (to|for)\b",
       r"\b(suits?|use cases?|ideal|ad-hoc|prototyp\w*|production)\b", "use cases"),
    _a(r"\b(consisten\w*|reliab\w*|predictab\w*|stead\w*|every (single )?time|run to run|vary|variance)\b",
       r"\b(consisten\w*|reliab\w*|predictab\w*|vary|variable|variance|stable)\b", "consistent"),
    # accuracy and quality, "which one makes stuff up less?"
    _a(r"\b(accura\w*|precis\w*|hallucinat\w*|quality|mistakes|errors)\b|\bmakes? (stuff|things) up\b",
       r"\b(accura\w*|precis\w*|hallucinat\w*|quality|performance|vary|variable|consisten\w*)\b",
       "accuracy performance"),
    # where each one wins: "where does X beat Y, and where does Y come out ahead?"
    _a(r"\bwhere (does|do|is|are|would)\b.{0,60}\b(beats?|wins?|ahead|better|shines?|excels?|stronger)\b|"
       r"\bstrengths?\b|\bstrong (suit|points?)\b",
       r"\b(strengths?|excel\w*|strong at|shines?)\b", "strengths excel"),
    # how each works: what is trained, updated or frozen, and where it sits in the model
    _a(r"\b(frozen|freez\w*|trainable|under the hood|mechanics?)\b|\bwhere does (each|it|either)\b|"
       r"\bwhat (stays|gets|is|are) (frozen|updated|trained|changed|learned)\b|"
       r"\bhow does each\b.{0,30}\bwork",
       r"\b(weights?|parameters|layers|vectors|matrices|freez\w*|frozen|updat\w*|insert\w*|placed|"
       r"in front of|input)\b"),
    # taking it to more tasks or domains
    _a(r"\bnew (kinds? of )?(tasks?|domains?|use cases?)\b|\bscal\w*|\bstretch\w*|"
       r"\bmany (tasks|domains|use cases)\b|\bone more (task|domain|use case)\b",
       r"\b(scal\w*|every new task|multiple use cases|across|retrain\w*)\b", "scalability"),
    _a(r"\bcontrol\b|\bhow much say\b|\bsay (over|in)\b", r"\bcontrol\b", "control"),
    # what can go wrong: "which is riskier when it comes to bias?"
    _a(r"\b(risk\w*|pitfalls?|downsides?|dangers?|bias(es|ed)?)\b|\bgo(es)? wrong\b",
       r"\b(risks?|pitfalls?|bias\w*|overfit\w*|drift|fragile|inconsistent|sprawl)\b", "risks pitfalls"),
    # the machines it takes: "do we need GPUs for prompting like for fine-tuning?"
    _a(r"\b(hardware|gpus?|tpus?|infra\w*|machines?|servers?)\b",
       r"\b(gpus?|tpus?|infrastructure|compute|hardware|resources|read-only)\b", "infrastructure compute"),
    # "is X just Y with a fancier name?", "the same trick?": what sets them apart
    _a(r"\bsame\b|\bname\b|\bbasically\b|\bjust\b.{0,40}\b(with|under)\b",
       r"\b(does not|do not|doesn't|without|instead of|whereas|unlike|rather than|only)\b"),
)
ASPECT_BOOST = 2.0
_NUMBER = re.compile(r"\d")
_HOW_MANY = re.compile(r"\bhow many\b", _I)
#: A question asking how two things differ, with no aspect named.
_DIFFERENCE = re.compile(r"\bdiff(erence|erences|er|ers|erent|erently)?\b|\bdistinguish\w*|\bsame (thing|as)\b", _I)


#: After a side's name opening a sentence: what it is or does ("RAG retrieves ...", "LoRA (Low-Rank
#: Adaptation) is ...").
_WHAT_IT_DOES = re.compile(r"\s*(\([^)]{0,60}\)\s*)?(is|are|refers to|means|[a-z]+s)\b")


#: Words that stress what is asked without changing it ("what ACTUALLY gets trained?").
_FILLER = re.compile(r"\b(actually|really|exactly|even|honestly|literally|truly)\s+", _I)


def plain(question: str) -> str:
    """The question without filler words, for reading the asked aspect ("what actually gets trained"
    asks what gets trained)."""
    return _FILLER.sub("", question)


def says_what(sentence: str, side: Concept) -> bool:
    """The sentence defines `side` or opens with it as the subject of what it does."""
    if is_definition(sentence, [side]):
        return True
    m = side.pattern.match(sentence)
    return m is not None and _WHAT_IT_DOES.match(sentence[m.end():]) is not None


def asked_aspects(question: str) -> list[re.Pattern[str]]:
    """How sentences speak to what the comparison asks about (ASPECTS; the figure asked for, see
    `figures_boosted`); empty when it names no aspect."""
    wanted = [a.says for a in ASPECTS if a.asks.search(plain(question))]
    unit = figure_unit(question)
    return [*wanted, unit] if unit is not None else wanted


def aspect_words(question: str) -> str:
    """What the articles call the aspects the question asks about ("long-term maintenance" for
    "which is more work to keep alive?"), for the comparison's search; empty when it names none."""
    asked = plain(question)
    return " ".join(dict.fromkeys(a.words for a in ASPECTS if a.words and (a.names or a.asks).search(asked)))


def aspect_boosted(question: str, scored: Sequence[Scored], sides: Sequence[Concept] = ()) -> list[Scored]:
    """Sentences speaking to what the comparison asks about (when to use each, cost, speed, data,
    flexibility, consistency, what sets the two apart) weigh more: both sides are compared on that,
    not on anything. A plain "what's the difference" (no aspect asked) opens with what each side
    is: a sentence defining a side weighs more."""
    scored = figures_boosted(question, scored)
    wanted = [a.says for a in ASPECTS if a.asks.search(plain(question))]
    if wanted:
        return [replace(s, score=s.score * ASPECT_BOOST) if any(w.search(s.text) for w in wanted) else s
                for s in scored]
    if sides and _DIFFERENCE.search(question):
        return [replace(s, score=s.score * ASPECT_BOOST) if any(says_what(s.text, c) for c in sides) else s
                for s in scored]
    return list(scored)


def figures_boosted(question: str, scored: Sequence[Scored]) -> list[Scored]:
    """A comparison asking for a figure ("how many parameters does each update?", "how long does
    each take?") compares the sides' figures: a sentence stating one (of the kind asked for, or any
    number when the question only says "how many") weighs more than one saying it in words."""
    unit = figure_unit(question)
    if unit is None:
        return list(scored)
    count = _HOW_MANY.search(question) is not None
    return [replace(s, score=s.score * ASPECT_BOOST) if unit.search(s.text) or (count and _NUMBER.search(s.text))
            else s for s in scored]
