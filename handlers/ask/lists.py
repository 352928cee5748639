"""List questions (risks, metrics, tools, examples, parameters, methods, "which trends..."): the whole
list from the passage that holds it (pure; no models).

A passage holds the asked-for list when its heading names the list's topic or the noun the
question asks for ("what trends..." -> "Future trends: ..."). Among those, the passage whose
sentences answer the question best wins, weighted up when it is built as a list (a heading that
enumerates items after a colon, "KPIs: F1, BLEU and ROUGE", or sentences built in parallel, "Fine-tuning
fits ...", "Fine-tuning fits ...") and by how close its heading is to the question under the
sentence-embedding model; its sentences are given in order, then the best sentences of runners-up
(a sibling section, "Hybrid pattern: X" after "Hybrid pattern: Y", is always one).
Further retrieved passages (alternates) may hold the list too: their retrieval rank already lowers
their sentence scores.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from handlers.ask.focus import Concept, mentions_any, widened
from handlers.ask.list_asks import LIST_TOPICS, ListTopic
from handlers.ask.picks import pick_general
from handlers.ask.scored import Scored
from handlers.ask.text import split_sentences, stem, terms
from knowledge.types import Passage

LIST_MAX = 8
LIST_PASSAGES = 3
RUNNER_UP = 0.4  # a further passage joins when its value is at least this share of the best one's
PARALLEL_MIN = 3  # sentences sharing an opening or a three-word phrase make a passage a list
BUILT_AS_LIST_SHARE = 0.6  # with no heading naming the list, an enumerating one's best sentence must reach this share

TOPIC_HEADINGS: dict[ListTopic, re.Pattern[str]] = {
    "risks": re.compile(r"\b(risk|pitfall|challenge|limitation|danger|drawback)", re.IGNORECASE),
    "metrics": re.compile(r"\b(kpi|metric|measur|success)", re.IGNORECASE),
    "tools": re.compile(r"\b(tool|framework|platform|ecosystem|librar)", re.IGNORECASE),
    "examples": re.compile(r"\b(example|use case|industr|real-world|ideal use)", re.IGNORECASE),
    "parameters": re.compile(r"\b(parameter|knob|runtime|hyperparameter|mechanics)", re.IGNORECASE),
    "methods": re.compile(r"\b(method|technique|pattern|design|type|innovation)", re.IGNORECASE),
    "": re.compile(r"$^"),
}
PRIMARY: dict[ListTopic, re.Pattern[str]] = {
    "risks": re.compile(r"\brisks?\b|\bpitfalls?\b", re.IGNORECASE),
    "metrics": re.compile(r"\bkpis?\b|\bmetrics?\b", re.IGNORECASE),
    "tools": re.compile(r"\btools?\b", re.IGNORECASE),
    "examples": re.compile(r"\bexamples?\b|\buse cases?\b", re.IGNORECASE),
    "parameters": re.compile(r"\bparameters\b", re.IGNORECASE),
    "methods": re.compile(r"\bmethods?\b|\btechniques?\b|\bpatterns?\b", re.IGNORECASE),
    "": re.compile(r"$^"),
}
_ENUMERATING_HEADING = re.compile(r":[^:,]+,[^:]*(\band\b|,)")  # "Risks: overfitting, data bias and drift"
#: "examples" as data points a model is shown or trained on ("prompt examples", "labelled examples",
#: "training examples") is another sense of the word than examples of use: a passage about data is
#: not a list of examples, however often it says the word.
_DATA_EXAMPLES = re.compile(
    r"\b(prompt|training|labell?ed|annotated|few-shot|in-context|input|representative|minimal number of)"
    r"\s+(examples?|cases)\b|\bexamples? in (the |a )?prompts?\b",
    re.IGNORECASE,
)


def _in_the_asked_sense(text: str, topic: ListTopic) -> str:
    """The text a passage is matched on for the list asked for: for examples, without the data sense."""
    return _DATA_EXAMPLES.sub(" ", text) if topic == "examples" else text


def is_list_passage(passage: Passage) -> bool:
    """Built as a list: an enumerating heading, or parallel sentences."""
    if _ENUMERATING_HEADING.search(passage.chunk.heading):
        return True
    sentences = [terms(passage.text[s:e]) for s, e in split_sentences(passage.text)]
    openings = Counter(tuple(t[:2]) for t in sentences if len(t) >= 2)
    if openings and max(openings.values()) >= PARALLEL_MIN:
        return True
    phrases = Counter(p for t in sentences for p in {tuple(t[i : i + 3]) for i in range(len(t) - 2)})
    return bool(phrases) and max(phrases.values()) >= PARALLEL_MIN


def list_passages(
    passages: Sequence[Passage], scored: Sequence[Scored], topic: ListTopic, focus: Sequence[Concept],
    head: str = "", heading_sims: Sequence[float] = (),
) -> list[int]:
    """Ranks of the passages that hold the asked-for list, best first."""
    best_by_rank: dict[int, float] = {}
    for s in scored:
        best_by_rank[s.passage_rank] = max(best_by_rank.get(s.passage_rank, 0.0), s.score)
    specific = widened([c for c in focus if not c.generic])
    generic = [c for c in focus if c.generic]
    head_stem = stem(head) if head else ""
    ranked: list[tuple[float, int]] = []
    built_as_list: list[tuple[float, int]] = []
    for rank, p in enumerate(passages):
        heading = _in_the_asked_sense(p.chunk.heading, topic)
        on_topic = bool(topic) and bool(TOPIC_HEADINGS[topic].search(heading) or LIST_TOPICS[topic].search(heading))
        is_list = is_list_passage(p)
        # "The analysis lists X, Y and Z as the standard pipelines": a list passage naming the head in its text
        names_head = bool(head_stem) and (head_stem in terms(heading) or (
            is_list and re.search(rf"\b{re.escape(head)}\b", _in_the_asked_sense(p.text, topic), re.IGNORECASE)
            is not None))
        if rank not in best_by_rank:
            continue
        if specific and not mentions_any(heading + " " + p.text, specific):
            continue  # a list of something else ("examples of hybrids" is not a list of prompting use cases)
        if not (on_topic or names_head):
            if _ENUMERATING_HEADING.search(heading):
                sim = heading_sims[rank] if rank < len(heading_sims) else 0.0
                built_as_list.append((best_by_rank[rank] * (1.0 + max(0.0, sim)), rank))
            continue
        value = best_by_rank[rank]
        if on_topic and PRIMARY[topic].search(heading):
            value *= 1.5
        if on_topic and names_head:
            value *= 1.5
        if is_list:
            value *= 1.2
        if generic and mentions_any(heading, generic):
            value *= 1.5
        if rank < len(heading_sims):
            value *= 1.0 + max(0.0, heading_sims[rank])
        ranked.append((value, rank))
    ranked.sort(reverse=True)
    if not ranked:
        return _built_as_list(built_as_list, best_by_rank)
    top, first = ranked[0]
    family = _family(passages[first].chunk.heading)
    # sibling sections ("Hybrid pattern: X", "Hybrid pattern: Y") are items of one list
    more = [
        rank for value, rank in ranked[1:]
        if value >= RUNNER_UP * top or (family and _family(passages[rank].chunk.heading) == family)
    ]
    return [first, *more[: LIST_PASSAGES - 1]]


def _built_as_list(candidates: list[tuple[float, int]], best_by_rank: dict[int, float]) -> list[int]:
    """No heading names what is asked for ("which prompting tricks..."): the passage whose heading
    enumerates its items ("Prompt design patterns: zero-shot, few-shot and templates") that answers
    best, when its best sentence is not far below the best sentence retrieved at all."""
    if not candidates or not best_by_rank:
        return []
    _value, rank = max(candidates)
    return [rank] if best_by_rank[rank] >= BUILT_AS_LIST_SHARE * max(best_by_rank.values()) else []


def _family(heading: str) -> tuple[str, ...]:
    """What comes before the colon of a heading, as stemmed terms ("Hybrid patterns: ..." -> hybrid, pattern)."""
    return tuple(terms(heading.split(":", 1)[0])) if ":" in heading else ()


def pick_list(
    passages: Sequence[Passage], scored: Sequence[Scored], topic: ListTopic, focus: Sequence[Concept],
    *, head: str = "", heading_sims: Sequence[float] = (), main: int | None = None,
) -> list[Scored]:
    """Every sentence of the passage(s) holding the list; the general pick (over the top `main`
    passages) when none holds it."""
    ranks = list_passages(passages, scored, topic, focus, head, heading_sims)
    if not ranks:
        top = len(passages) if main is None else main
        return pick_general([s for s in scored if s.passage_rank < top], focus)
    out = sorted((s for s in scored if s.passage_rank == ranks[0]), key=lambda s: s.start)[:LIST_MAX]
    share = max(2, (LIST_MAX - len(out)) // max(1, len(ranks) - 1))
    for rank in ranks[1:]:  # a further passage adds its best sentences, in its order
        best = sorted((s for s in scored if s.passage_rank == rank), key=lambda s: -s.score)[:share]
        out.extend(sorted(best, key=lambda s: s.start))
    return out[: LIST_MAX + 2]
