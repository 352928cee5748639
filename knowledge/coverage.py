"""Is a question covered by the knowledge base? Decides between answering and saying "not covered".

The best passage's cosine similarity alone does not separate near-domain decoys ("tune
hyperparameters for an XGBoost model", 0.44) from vaguely worded real questions ("should we
fine-tune or use RAG for support tickets?", 0.34) with this int8 MiniLM. Two more signals help:

- an anchor: the question names the domain (fine-tuning, prompts, RAG, LoRA/PEFT, LLMs...);
- a foreign topic word: a word the indexed text never uses that the embedding model's vocabulary
  also lacks as a whole word (XGBoost, autovacuum, Kubernetes) - the question is about something else.

Rule: covered when cos >= STRONG; or cos >= WITH_ANCHOR and the question has an anchor; or (cos >=
WITH_FIELD_WORD or best ask cosine >= ASK_WITH_FIELD_WORD), the question is in the field and has no
foreign topic word - in the field: a word of the field, also in everyday words (approach, model,
dataset, train, bot, replies, instructions...), a reference to the articles themselves ("the AndData
article", "who wrote", "the writers", "this space") or the name of a retrieved curated passage's
source (never foreign either); or cos >= min_relevance and no foreign topic word; or, with no
foreign topic word, the question is close to a question a retrieved curated passage answers
(`knowledge.asks`: best ask cosine >= ASK_COVERED; question-to-question cosines run higher than
question-to-passage ones, and the off-topic dev questions without a foreign word stay below 0.4). A
word the query expansion knows (`knowledge.expansion`: "quickest", "on-prem", "knobs") is never
foreign, nor is a word of the asks (`vocabulary`: the everyday words users ask the corpus's
questions in), nor a word English builds of known words (`knowledge.wordforms`: an inflection or a
derivation, "memorize", "repeatable"; a prefix, "reword", "copilot"; a compound, "helpdesk"; "dont";
a clipping, "prod"). The question is
read spelt right first (`spell`, `knowledge.spelling`: "retreival", "actualy"), so a typo is
neither a missing anchor nor a foreign word.
Tuned on bench/questions.yaml (`python -m bench.qa_eval`); embedder-specific like the threshold
itself. Questions that are plainly someone else's field ("tune my guitar", "price our SaaS") are
refused before this judge runs (`handlers.ask.scope`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from knowledge.expansion import EXPANSIONS
from knowledge.keyword_port import KeywordSearch
from knowledge.terms import tokenize
from knowledge.types import Passage
from knowledge.wordforms import built_of_known

STRONG = 0.45
WITH_ANCHOR = 0.25
WITH_FIELD_WORD = 0.18
ASK_COVERED = 0.5
ASK_WITH_FIELD_WORD = 0.45
ANCHOR = re.compile(
    r"fine[- ]?tun|\blora\b|\bqlora\b|\bpeft\b|\brag\b|retrieval|prompt|\bllms?\b|\bgpt|language model|"
    r"few[- ]shot|zero[- ]shot|embedding|adapter|hallucinat|\bretrain|chain[- ]of[- ]thought|\brlhf\b|"
    r"instruction[- ]tun|logit|top[- ]p\b|max tokens|stop sequences|training (run|job)s?\b|\bjson\b|"
    r"output format|structured outputs?",
    re.IGNORECASE,
)
FIELD_WORD = re.compile(
    r"\bapproach(es)?\b|\bmodels?\b|\bai\b|\bml\b|\binference\b|\blabell?ed\b|\bdatasets?\b|\bchatbots?\b|"
    r"\bhyperparameters?\b|\bkpis?\b|\bon[- ]?prem\w*|\btrain(s|ed|ing)?\b|\bassistants?\b|\bcopilots?\b|\bbots?\b|"
    r"\boutputs?\b|\bresponses\b|\breplies\b|\banswer quality\b|\binstructions?\b",
    re.IGNORECASE,
)
#: The question is about the curated articles themselves (who wrote one, when, what "the articles" or
#: "the writers" conclude, where "this space" is heading): the knowledge base's own subject.
CORPUS_REFERENCE = re.compile(
    r"\b(articles?|writers?|authors?|published|wrote|sources?)\b|"
    r"\b(the|that|this) (piece|guide|page|post|analysis|summary)\b|\bthis (whole )?(space|area|field)\b",
    re.IGNORECASE,
)
_NAME = re.compile(r"\b[A-Z][A-Za-z]{3,}")
_WORD = re.compile(r"[a-z][a-z0-9-]{3,}")


class CoverageJudge:
    def __init__(
        self,
        keyword_index: KeywordSearch,
        *,
        min_relevance: float,
        whole_word: Callable[[str], bool] | None = None,
        vocabulary: Callable[[str], bool] | None = None,
        spell: Callable[[str], str] | None = None,
        clipped: Callable[[str], bool] | None = None,
    ) -> None:
        self.keyword_index = keyword_index
        self.min_relevance = min_relevance
        self.whole_word = whole_word or (lambda _w: False)
        self.vocabulary = vocabulary or (lambda _t: False)
        self.spell = spell or (lambda text: text)
        self.clipped = clipped

    def _term_known(self, term: str) -> bool:
        return self.keyword_index.knows(term) or self.vocabulary(term)

    def _whole(self, word: str) -> bool:
        return self.whole_word(word) or any(self._term_known(t) for t in tokenize(word))

    def _known(self, word: str) -> bool:
        if any(p.search(word) for p, _ in EXPANSIONS):
            return True
        return built_of_known(word, self._whole, self.clipped)

    def foreign_words(self, query: str) -> list[str]:
        return [w for w in _WORD.findall(query.lower()) if not self._known(w)]

    def covered(self, query: str, passages: Sequence[Passage]) -> bool:
        query = self.spell(query)  # "retreival" is the anchor "retrieval", not a foreign word
        best = max((p.vector_score for p in passages if p.vector_score is not None), default=None)
        if best is None:
            return False
        if best >= STRONG:
            return True
        if best >= WITH_ANCHOR and ANCHOR.search(query):
            return True
        best_ask = max((p.ask_score for p in passages if p.ask_score is not None), default=0.0)
        close = best >= WITH_FIELD_WORD or best_ask >= ASK_WITH_FIELD_WORD
        names = source_names(passages)
        foreign = self.foreign_words(query)  # one lookup per unknown word (a round trip on PostgreSQL)
        if close and in_the_field(query, names) and not [w for w in foreign if w not in names]:
            return True
        return (best >= self.min_relevance or best_ask >= ASK_COVERED) and not foreign


def source_names(passages: Sequence[Passage]) -> set[str]:
    """The names (lowercased) in the sources of the retrieved curated passages: "AndData", "Gupta"."""
    return {n.lower() for p in passages if p.chunk.kind == "corpus" for n in _NAME.findall(p.chunk.source)}


def in_the_field(query: str, names: set[str]) -> bool:
    """A word of the field, a reference to the articles, or one of `names` (the retrieved curated
    passages' sources: "the AndData article", "Gupta's table")."""
    if FIELD_WORD.search(query) or CORPUS_REFERENCE.search(query):
        return True
    return bool(names & set(_WORD.findall(query.lower())))
