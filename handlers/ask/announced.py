"""Sentences that announce the items after them, kept with their items (pure; no models).

"AndData gives three example use cases for prompt engineering." says nothing by itself: the use cases
are the sentences that follow it. A picker that keeps such a sentence because it shares the
question's words, without what follows, shows filler and leaves out the answer. So wherever an
announcing sentence is picked, the sentences after it in its passage come with it, in order: as many
as it announces, or three when it says "several" or "a few". A trailing colon ("prompt tuning offers
several advantages:", as web pages write it) announces too.

A sentence that carries its items itself ("Gupta covers three such methods: prompt tuning, PEFT and
RAG.") or names them before the number ("... names fine-tuning and prompt engineering as the two
main approaches") announces nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from handlers.ask.scored import Scored

_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "several": 3, "a few": 3, "some": 3}
ANNOUNCES = re.compile(
    r"\b(gives|names|lists|offers|describes|covers|identifies|outlines|presents|suggests|recommends)\s+"
    r"(?:the\s+|its\s+|his\s+|her\s+)?(?P<n>two|three|four|five|six|several|a few|some)\b"
    r"(?:\s+[\w-]+){0,3}?\s+(examples?|use cases|ways|steps|methods|patterns|factors|reasons|types|kinds|"
    r"approaches|techniques|risks|options|benefits|advantages|stages|phases|scenarios|applications)\b[^:;]*$",
    re.IGNORECASE,
)
ITEMS_MAX = 6


def announced_count(sentence: str) -> int:
    """How many following sentences `sentence` announces (0: it announces nothing)."""
    m = ANNOUNCES.search(sentence.strip().rstrip(".:"))
    return min(ITEMS_MAX, _COUNTS[m.group("n").lower()]) if m else 0


def with_announced_items(chosen: Sequence[Scored], scored: Sequence[Scored]) -> list[Scored]:
    """`chosen`, with the items each announcing sentence in it announces placed right after it
    (items already chosen elsewhere move up to follow their announcement)."""
    if not any(announced_count(s.text) for s in chosen):
        return list(chosen)
    out: list[Scored] = []
    placed: set[tuple[int, int]] = set()
    for s in chosen:
        key = (s.passage_rank, s.start)
        if key in placed:
            continue
        out.append(s)
        placed.add(key)
        n = announced_count(s.text)
        if not n:
            continue
        following = sorted((x for x in scored if x.passage_rank == s.passage_rank and x.start > s.start),
                           key=lambda x: x.start)[:n]
        for item in following:
            if (item.passage_rank, item.start) not in placed:
                out.append(item)
                placed.add((item.passage_rank, item.start))
    return out
