"""Where the expected facts of a question set sit among the retrieved passages, and how many of
the facts at each rank the composed answer keeps (pure; `bench.qa_eval` feeds it).

Why: fact coverage mixes two losses. A ranking loss (the passage that holds a fact is not among the
top passages, or ranks low) and a composition loss (the passage is there, the answer lacks its
sentence) call for different fixes, and the share of facts the top passage's text holds says
little by itself: the composers read every sentence of the top five. This splits the figure:

- `text_coverage_at`: the share of facts that the text of the top 1, 3 and 5 passages holds;
- `by_first_rank`: for the facts first held by the passage at rank 1..5 (or by none of them), how
  many there are and the share the answer holds.

Round 11 (BENCHMARKS.md "Issue 10 round 11: passage ranking for fact coverage") read it on dev: a
fact first held at rank 1 is in the answer 95 % of the time, at ranks 2-5 67-87 %, outside the top
five 10-30 %; reordering the top five (best-sentence similarity, a passage-hubness prior) left the
answers as they were.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

#: Ranks reported one by one (`qa_eval` keeps the top five passages, what recall@5 reads).
MAX_RANK = 5
#: Depths of `text_coverage_at`.
DEPTHS = (1, 3, 5)
NONE = "none"


def first_rank(fact: str, texts: Sequence[str]) -> int | None:
    """The 1-based rank of the first text holding `fact` (case-insensitive substring), None when
    none does."""
    needle = fact.lower()
    return next((n for n, text in enumerate(texts, 1) if needle in text.lower()), None)


def _rate(part: int, whole: int) -> float:
    return round(part / max(1, whole), 3)


@dataclass
class FactRanks:
    """Counts over the items added so far: facts per first rank, those the answers hold, and the
    facts the top `DEPTHS` passages' texts hold."""

    facts: int = 0
    at_rank: dict[str, int] = field(default_factory=dict)
    answered_at_rank: dict[str, int] = field(default_factory=dict)
    held_at_depth: dict[int, int] = field(default_factory=dict)

    def add(self, facts: Sequence[str], texts: Sequence[str], answer: str) -> None:
        """One in-scope item: its expected `facts`, the retrieved passages' `texts` best first (only
        the first MAX_RANK count) and the composed `answer`."""
        top = list(texts[:MAX_RANK])
        said = answer.lower()
        for fact in facts:
            rank = first_rank(fact, top)
            key = NONE if rank is None else str(rank)
            self.facts += 1
            self.at_rank[key] = self.at_rank.get(key, 0) + 1
            self.answered_at_rank[key] = self.answered_at_rank.get(key, 0) + (fact.lower() in said)
            for depth in DEPTHS:
                self.held_at_depth[depth] = self.held_at_depth.get(depth, 0) + (rank is not None and rank <= depth)

    def summary(self) -> dict[str, dict[str, float] | dict[str, dict[str, float]]]:
        """`text_coverage_at` ({"1": share, "3": ..., "5": ...}) and `by_first_rank` ({"1": {"facts":
        count, "in_answer": share}, ..., "none": ...}), ranks in order."""
        keys = [*(str(r) for r in range(1, MAX_RANK + 1)), NONE]
        return {
            "text_coverage_at": {str(d): _rate(self.held_at_depth.get(d, 0), self.facts) for d in DEPTHS},
            "by_first_rank": {
                k: {"facts": float(self.at_rank[k]), "in_answer": _rate(self.answered_at_rank[k], self.at_rank[k])}
                for k in keys
                if k in self.at_rank
            },
        }
