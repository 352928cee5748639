"""What a list question asks to be listed, read from its words (pure; no models): the topic (risks,
metrics, tools, examples, parameters, methods) and the plural noun it asks for ("which trends ..."
-> "trends").

`handlers.ask.kinds` decides from these readings (and others) whether a question is a list at all;
`handlers.ask.lists` finds the passage that holds the list by the same topic patterns. Kept apart
from the classifier: these read what is listed, the classifier decides the kind.
"""

from __future__ import annotations

import re
from typing import Literal

from handlers.ask.asking import asks_in, clauses

ListTopic = Literal["risks", "metrics", "tools", "examples", "parameters", "methods", ""]

_I = re.IGNORECASE
LIST_TOPICS: dict[ListTopic, re.Pattern[str]] = {
    "risks": re.compile(r"\b(risks?|pitfalls?|dangers?|downsides?|drawbacks?|go wrong|goes wrong|failure modes?|"
                        r"challenges|limitations?|problems|issues|weaknesses|disadvantages)\b", _I),
    "metrics": re.compile(r"\b(kpis?|metrics?|measure\w*|success criteria|track)\b", _I),
    "tools": re.compile(r"\b(tools?|tooling|frameworks?|librar(y|ies)|platforms?|apis|software|ecosystem)\b", _I),
    "examples": re.compile(r"\b(examples?|use[- ]cases?|industr(y|ies)|real[- ]world|in practice|who uses)\b", _I),
    "parameters": re.compile(r"\b(knobs?|parameters|settings|hyperparameters|dials|levers)\b", _I),
    "methods": re.compile(r"\b(methods|techniques|patterns|types|kinds|variants|flavou?rs|options|approaches)\b",
                          _I),
}

#: "what/which <plural noun>" opens a question that asks for several things (trends, pipelines, signs);
#: up to three modifiers may come between ("what other hybrid setups", "what are the standard ... pipelines").
#: A request that names the collection it wants ("give me a rundown of ...", "shortlist of ... pls") opens a
#: list too, and then asks for several even of the choice nouns ("a rundown of the ways to ...").
_COLLECTION = r"rundown|run-down|overview|shortlist|short-list|round-?up|breakdown"
_LIST_OPENING = re.compile(
    r"^\s*(what|which|name|list|give me|enumerate|(a |the )?(quick |short )?(" + _COLLECTION + r"))\b"
    r"(?P<rest>[^?.!]*)", _I)
_LIST_REQUEST = re.compile(r"\b(name|list|enumerate|" + _COLLECTION + r")\b", _I)
_SKIP = frozenset(
    "are were other the some a an few main key common typical standard usual popular different kinds kind types "
    "type sorts sort of all top most specific known good important major biggest best".split()
)
_STOP_AT = frozenset(
    "is was does do did can could should would will has have had makes happens 's s it we i you they".split()
)
_NOT_PLURAL = frozenset(
    "this its is was has does us plus less unless across focus process bias gas lens analysis basis thesis".split()
)
_OBJECT_WORDS = frozenset("the a an our your their its me us them it more less better most any".split())


def plural_head(question: str) -> str:
    """The plural noun a "what/which ..." question (or clause of its) asks for ("trends"), or ""."""
    for clause in clauses(question):
        head = _clause_head(clause) if asks_in(clause, question) else ""
        if head:
            return head
    return ""


def _clause_head(question: str) -> str:
    m = _LIST_OPENING.match(question)
    if not m:
        return ""
    unknown = 0
    words = re.findall(r"[a-z0-9'-]+", m.group("rest").lower())
    for i, word in enumerate(words):
        if word in _STOP_AT or word.startswith("'"):
            return ""
        if word in _SKIP:
            continue
        if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us")) and word not in _NOT_PLURAL:
            following = words[i + 1] if i + 1 < len(words) else ""
            return "" if unknown and following in _OBJECT_WORDS else word  # "which approach gives the..."
        unknown += 1
        if unknown > 3:
            return ""
    return ""


#: "What is X used for?", "what do teams use prompting for?": the uses, i.e. examples.
_USED_FOR = re.compile(r"^\s*(what|where)\b.{0,60}\bus(e|ed|ing)\b.{0,30}\bfor\b\W*$", _I)


def list_topic(question: str) -> ListTopic:
    """The topic a question asks to have listed (the first whose words it uses), or ""."""
    for topic, pattern in LIST_TOPICS.items():
        if pattern.search(question):
            return topic
    return "examples" if _USED_FOR.search(question) else ""


def requests_list(question: str) -> bool:
    """The question names the collection it wants ("name ...", "list ...", "a rundown of ...")."""
    return bool(_LIST_REQUEST.search(question))
