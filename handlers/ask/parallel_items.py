"""Items of a list written as parallel sentences, kept together (pure; no models).

Many passages state a list one item per sentence, each sentence built the same way: "Overfitting
is a fine-tuning risk in which ...", "Data bias is a fine-tuning risk in which ...", "Model drift is
a fine-tuning risk in which ..."; "Fine-tuning fits high-stakes ...", "Fine-tuning fits tasks ...",
"Fine-tuning fits deployments ..."; "Continuous monitoring helps reduce drift ...", "Version control
... helps reduce drift ...". A picker that scores sentences one by one keeps the item that shares
the question's words and drops its siblings, so the answer gives one risk of three or three
situations of four: the list is cut. So wherever a picked sentence is one item of such a list, the
other items of its passage come with it, in passage order.

The items of one list share a two-word phrase near their opening (within the first `OPENING` terms)
that says what they are ("fine-tuning risk", "fits ...", "helps reduce"), and there are at least
`GROUP_MIN` of them. A phrase made only of the subject words of the field ("prompt engineering",
"fine-tuned model") is no such sign: a section about prompt engineering opens most of its sentences
with it, and its sentences are prose, not items. A run of more than `ITEMS_MAX` sentences is prose
too, and is left alone.

Any picked item completes its list, however it ranks among the answer's sentences: the items of a list
that answers the question often score far apart (the one that shares the question's words and the
others), so a score share does not tell a list that answers from one the picker kept as a side remark.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence

from handlers.ask.scored import Scored
from handlers.ask.text import terms

#: A shared phrase must start within this many terms of the sentence's opening.
OPENING = 6
#: At least this many sentences share the phrase (as `handlers.ask.lists.PARALLEL_MIN`).
GROUP_MIN = 3
#: More sibling sentences than this are prose, not the items of one list.
ITEMS_MAX = 6
#: Words that name what the articles are about: a phrase made of these alone says nothing of the items.
SUBJECT_WORDS = frozenset(terms(
    "fine-tuning fine-tuned fine-tune finetuning tuning tuned prompt prompts prompting engineering engineer "
    "model models llm llms ai language large pre-trained pretrained base"
))


def _phrases(sentence: str) -> set[tuple[str, str]]:
    """The two-term phrases that start within the opening of `sentence`, subject words alone excluded."""
    head = terms(sentence)[: OPENING + 1]
    return {(a, b) for a, b in itertools.pairwise(head) if not {a, b} <= SUBJECT_WORDS}


def item_groups(sentences: Sequence[str]) -> list[frozenset[int]]:
    """Indices of the sentences that are items of one list, one set per list (the largest first)."""
    members: dict[tuple[str, str], set[int]] = defaultdict(set)
    for n, sentence in enumerate(sentences):
        for phrase in _phrases(sentence):
            members[phrase].add(n)
    groups = {frozenset(m) for m in members.values() if GROUP_MIN <= len(m) <= ITEMS_MAX}
    return sorted(groups, key=lambda g: (-len(g), min(g)))


def with_parallel_items(chosen: Sequence[Scored], scored: Sequence[Scored]) -> list[Scored]:
    """`chosen`, with the sibling items of every picked list item added right after the last
    picked item of its passage, in passage order (`scored`: every sentence of the passages). The
    order of `chosen` is kept: what leads an answer still leads it."""
    by_passage: dict[int, list[Scored]] = defaultdict(list)
    for s in scored:
        by_passage[s.passage_rank].append(s)
    original = {(s.passage_rank, s.start) for s in chosen}
    picked = set(original)
    extra: dict[tuple[int, int], list[Scored]] = {}  # key of the last picked item -> siblings to add
    for rank in dict.fromkeys(s.passage_rank for s in chosen):
        own = sorted(by_passage.get(rank, []), key=lambda s: s.start)
        for group in item_groups([s.text for s in own]):
            items = [own[n] for n in sorted(group)]
            chosen_items = [s for s in items if (s.passage_rank, s.start) in original]
            if not chosen_items:
                continue
            missing = [s for s in items if (s.passage_rank, s.start) not in picked]
            if missing:
                last = max(chosen_items, key=lambda s: s.start)
                extra.setdefault((rank, last.start), []).extend(missing)
                picked.update((s.passage_rank, s.start) for s in missing)
    if not extra:
        return list(chosen)
    out: list[Scored] = []
    for s in chosen:
        out.append(s)
        out.extend(extra.get((s.passage_rank, s.start), []))
    return out
