"""Is a question covered by the knowledge base? Decides between answering and saying "not covered".

The best passage's cosine similarity alone does not separate near-domain decoys ("tune
hyperparameters for an XGBoost model", 0.44) from vaguely worded real questions ("should we
fine-tune or use RAG for support tickets?", 0.34) with this int8 MiniLM. Two more signals help:

- an anchor: the question names the domain (fine-tuning, prompts, RAG, LoRA/PEFT, LLMs...);
- a foreign topic word: a word the indexed text never uses that the embedding model's vocabulary
  also lacks as a whole word (XGBoost, autovacuum, Kubernetes) - the question is about something else.

Rule: covered when cos >= STRONG; or cos >= WITH_ANCHOR and the question has an anchor; or
cos >= min_relevance and the question has no foreign topic word. Tuned on bench/questions.yaml
(`python -m bench.qa_eval`); embedder-specific like the threshold itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from knowledge.keyword import tokenize
from knowledge.keyword_port import KeywordSearch
from knowledge.types import Passage

STRONG = 0.45
WITH_ANCHOR = 0.30
ANCHOR = re.compile(
    r"fine[- ]?tun|\blora\b|\bqlora\b|\bpeft\b|\brag\b|retrieval|prompt|\bllms?\b|\bgpt|language model|"
    r"few[- ]shot|zero[- ]shot|embedding|adapter|hallucinat",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z][a-z0-9-]{3,}")


class CoverageJudge:
    def __init__(
        self,
        keyword_index: KeywordSearch,
        *,
        min_relevance: float,
        whole_word: Callable[[str], bool] | None = None,
    ) -> None:
        self.keyword_index = keyword_index
        self.min_relevance = min_relevance
        self.whole_word = whole_word or (lambda _w: False)

    def foreign_words(self, query: str) -> list[str]:
        words = _WORD.findall(query.lower())
        return [
            w for w in words
            if not self.whole_word(w) and not any(self.keyword_index.knows(t) for t in tokenize(w))
        ]

    def covered(self, query: str, passages: Sequence[Passage]) -> bool:
        best = max((p.vector_score for p in passages if p.vector_score is not None), default=None)
        if best is None:
            return False
        if best >= STRONG:
            return True
        if best >= WITH_ANCHOR and ANCHOR.search(query):
            return True
        return best >= self.min_relevance and not self.foreign_words(query)
