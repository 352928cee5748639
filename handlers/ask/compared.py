"""What a comparison question compares, and the words its search adds (pure; no models).

The sides are the concepts the question names, in its order, the main approaches also when named in
everyday words ("training our own model", "a prompted base model"); one named alone is compared with
the other main approach. `comparison_query` adds the articles' words to a comparison's search (the
sides' names when the question uses everyday ones; "when to choose X" for "when does X beat Y");
`comparison_keywords` adds what the articles call the asked aspect, for the keyword arm only.
"""
from __future__ import annotations

import re

from handlers.ask.aspects import aspect_words
from handlers.ask.focus import BY_KEY, PLAIN_NAMES, Concept, distinct_concepts, plain_named, sides_named
from handlers.ask.speaking import ASPECT_CONCEPTS, KIND_OF, MAIN_PAIR

MAX_SIDES = 3  # "X vs Y vs Z": a third side gets its best sentence too


def comparison_sides(question: str) -> list[Concept]:
    """The things compared (two, or three for "X vs Y vs Z"), in the order the question names them:
    concepts named by the question, a child folded into its parent, the main approaches also when
    named in everyday words ("training our own model"); one named alone is compared with the other
    main approach. A property (hallucinations, drift) is what the approaches are compared on when
    the question names an approach too (ASPECT_CONCEPTS)."""
    named = sides_named(question)
    approaches = [c for c in named if c.key not in ASPECT_CONCEPTS]
    sides = sorted(approaches or named, key=lambda c: _position(question, c))
    if len(sides) == 2 and KIND_OF.get(sides[0].key) == sides[1].key:
        sides = [sides[1]]  # "prompt templates" and the prompting they are a kind of: one side
    elif len(sides) == 2 and KIND_OF.get(sides[1].key) == sides[0].key:
        sides = [sides[0]]
    if len(sides) == 1:
        key = KIND_OF.get(sides[0].key, sides[0].key)  # a way of doing a main approach is that approach
        if key == "prompt_engineering":
            other = "fine_tuning"
        elif key == "fine_tuning":
            other = "prompt_engineering"
        else:
            other = "prompt_engineering" if re.search(r"prompt", question, re.IGNORECASE) else "fine_tuning"
        sides.append(BY_KEY[other])
    return sides[:MAX_SIDES]


def _position(question: str, concept: Concept) -> int:
    """Where the question first names `concept` (by its name or an everyday name for it)."""
    found = [m.start() for p in (concept.pattern, *(p for k, p in PLAIN_NAMES if k == concept.key))
             for m in [p.search(question)] if m]
    return min(found, default=len(question))


#: "when does X beat Y", "when is X better than Y", "when would you pick X over Y": X is the winner.
_WINNER = re.compile(
    r"^\W*(when|in what cases|in which cases|under what conditions)\b.{0,80}?"
    r"\b(beats?|wins?|outperforms?|better than|over|instead of|rather than|preferable to)\b", re.IGNORECASE)


def comparison_query(question: str) -> str:
    """Words for retrieving a comparison's passages, added to the question: the articles' names of
    sides the question names in everyday words, and for "when does X beat Y" the words of the
    passages on when to choose X ("when to choose", "ideal use cases")."""
    sides = comparison_sides(question)
    named = distinct_concepts(question)
    # a question naming neither side by the articles' names ("training our own model vs writing better
    # instructions") is searched with those names too; one that names a side keeps its wording
    extra = [] if named else [c.label for c in plain_named(question) if c in sides]
    if _WINNER.search(question) and sides:
        extra.append(f"when to choose {sides[0].label} ideal use cases")
    return " ".join(extra)


def comparison_keywords(question: str) -> str:
    """Keywords for a comparison's search (the keyword arm only, see `handlers.ports.Retriever`):
    what the articles call the asked aspect ("long-term maintenance" for "which is more work to keep
    alive?", `aspects.aspect_words`) when the question compares the two main approaches, which the
    articles compare under those names. Empty otherwise: for other sides (prompt tuning, PEFT, RAG)
    the aspect's name would bring the main approaches' passages on it instead."""
    if {KIND_OF.get(c.key, c.key) for c in comparison_sides(question)} != MAIN_PAIR:
        return ""
    return aspect_words(question)

