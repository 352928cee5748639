"""Which source sentences say when an approach fits (pure; no models): the articles' own
statement of why the verdict's approach suits a situation like the one asked about.

A decision answer quotes the sentences its reasons cite and the sentences closest to the clauses
the rubric read (`handlers.ask.decision`). Neither is sure to include the article's sentence that
names the verdict's approach together with the situation's need ("prompt engineering fits tasks with
frequent task switching", "RAG suits knowledge-intensive applications whose knowledge needs frequent
updates", "such systems are good candidates for fine-tuning"): the reasons cite one passage each,
and a clause in the user's words ("the tasks change daily") is rarely close in meaning to the
article's words for the same need. A sentence of that shape is recognised by its predicate - the
article saying an approach suits, fits, is recommended for, preferable, needed or a good candidate -
and the best of them for the question is the evidence `compose_decision` adds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from handlers.ask.focus import Concept, mentions_any, widened
from handlers.ask.scored import Scored

#: A sentence saying that something suits a situation: the articles' ways of recommending.
SUITS = re.compile(
    r"\b(fits?|suits?|suited|suitable|ideal(ly)?|preferable|prefer(red)?|recommend(s|ed)?|"
    r"(good|better|best|right|superior) (fit|choice|candidates?|option)|"
    r"(is|are|becomes?) (usually |often |typically |especially )?(needed|necessary|essential|required)|"
    r"especially (valuable|attractive|effective|useful)|attractive for|valuable for|"
    r"benefits? (more |most )?from|favou?rs?|makes? sense|shines?|excels?)\b",
    re.IGNORECASE,
)


def says_fits(sentence: str, about: Sequence[Concept]) -> bool:
    """The sentence names one of the approaches `about` and says what it suits."""
    return bool(SUITS.search(sentence)) and mentions_any(sentence, widened(list(about)))


def best_fit(
    scored: Sequence[Scored], about: Sequence[Concept], chosen: Sequence[Scored], limit: int = 1
) -> list[Scored]:
    """The `limit` best-scoring sentences (scored against the question) that say when one of the
    verdict's approaches fits, leaving out those already chosen (same passage and start)."""
    taken = {(s.passage_rank, s.start) for s in chosen}
    fits = [s for s in scored if s.score > 0 and (s.passage_rank, s.start) not in taken and says_fits(s.text, about)]
    return sorted(fits, key=lambda s: -s.score)[:limit]
