"""Free-text clauses -> rubric answers by embedding similarity: the half of the extractor that
generalises to wordings no phrase rule lists.

Each choice of a choice criterion carries `examples` (how people describe that situation); a
clause takes a criterion's choice when it is close enough to one of that choice's examples
(`threshold`) and clearly closer than to any other choice's (`margin`). Embeddings barely see
negation ("we have ML engineers" ~ "we don't have ML engineers"), so polarity is decided by words:
a clause is compared only with examples of the same polarity, and a negated clause that matches
a positive example takes that choice's `negated` target ("we don't have ML people" -> none) or
nothing; a clause that states a limit ("small", "shared", "tight") never takes the plenty end of
a resource (`SCARCITY`); a clause about a model with no person in it states no team's expertise
(`MODEL_TALK`); a clause with no word of error or consequence states no stakes (`CONSEQUENCE`), and
one with no word of money or compute no budget (`MONEY`: "a team who can train models"); a
clause that reports a failure ("the models misread them badly no matter how we phrase the prompt")
never takes the success of an outcome (`FAILURE`, `SUCCESS`).
The phrase rules stay in charge: these answers only fill criteria the rules left open. The word
classes live in `handlers.assess.clause_words`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from handlers.assess.clause_words import (
    CONSEQUENCE,
    CONSEQUENCE_CRITERIA,
    MODEL_TALK,
    MONEY,
    MONEY_CRITERIA,
    PEOPLE,
    PEOPLE_CRITERIA,
    RESOURCES,
    SCARCITY,
    SUCCESS,
    negative,
    reports_failure,
)
from knowledge.rubric.model import Rubric
from knowledge.rubric.vectors import Encoder, ExampleText, example_texts, example_vectors

log = logging.getLogger(__name__)

THRESHOLD = 0.55  # cosine similarity a clause needs to an example (all-MiniLM-L6-v2)
MARGIN = 0.1  # lead over the best example of any other choice of the same criterion
SUBJECT_MARGIN = 0.06  # lead of one frequency criterion's `about` over the other's
FALLBACK_MIN = 0.25  # least similarity for the fallback subject of an undecided "changes daily" clause
FALLBACK_GAP = 0.05  # most the fallback may trail the closest criterion by
MIN_WORDS = 2
CLAUSE_CACHE = 512
# Talk about the approaches themselves, which is what the team asks about, not its situation: a
# clause closer to one of these than to a choice's example states no choice. The examples of
# `ml_expertise` name the same activities ("never fine-tuned anything"), so without this guard
# "we can't afford full fine-tuning" or "we don't want to fine-tune a huge model" read as a team
# with no ML expertise (by polarity) - the reading that pushes a PEFT situation to prompting.
APPROACH_TALK = (
    "we want to fine-tune the model",
    "full fine-tuning of the whole model",
    "training or retraining a model on our data",
    "using LoRA adapters or prompt tuning instead",
)



def shipped_encoder() -> Encoder:
    """The shipped ONNX model, loaded for a few sentences at a time (see `get_onnx_embedder`)."""
    from knowledge.embeddings import get_onnx_embedder

    return get_onnx_embedder(fast_load=True)


def preload_shipped_encoder() -> threading.Thread:
    """Start loading the shipped model in the background, so that a one-shot command overlaps
    the load with its own start-up (settings, corpus, rubric); the matcher then finds it loaded."""
    thread = threading.Thread(target=_load_quietly, name="assess-encoder-preload", daemon=True)
    thread.start()
    return thread


def _load_quietly() -> None:
    try:
        shipped_encoder()
    except Exception:  # reported when the matcher itself asks for the model
        log.debug("preloading the embedding model failed", exc_info=True)


@dataclass(frozen=True)
class SemanticHit:
    criterion: str
    value: str
    similarity: float
    clause: str
    start: int  # offset of the clause in the normalised text


class OptionMatcher:
    """Matches clauses to choices by similarity to their examples (see the module docstring).
    `encoder` may be a zero-argument factory: the model then loads on first use."""

    def __init__(
        self,
        rubric: Rubric,
        encoder: Encoder | Callable[[], Encoder],
        *,
        threshold: float = THRESHOLD,
        margin: float = MARGIN,
    ) -> None:
        self.rubric = rubric
        self._encoder_or_factory = encoder
        self.threshold = threshold
        self.margin = margin
        self._seen: dict[str, np.ndarray] = {}

    @cached_property
    def encoder(self) -> Encoder:
        found = self._encoder_or_factory
        if callable(found) and not hasattr(found, "embed_documents"):
            return found()
        return found  # type: ignore[return-value]

    @cached_property
    def _approach_talk(self) -> np.ndarray:
        return self.encoder.embed_documents(list(APPROACH_TALK))

    @cached_property
    def _examples(self) -> tuple[list[ExampleText], np.ndarray, np.ndarray]:
        texts = example_texts(self.rubric)
        vectors = example_vectors(self.rubric, self.encoder)
        polarity = np.array([negative(t.text) for t in texts], dtype=bool)
        return texts, vectors, polarity

    def knows(self, word: str) -> bool:
        """Whether the model's tokenizer has `word` as a whole word (a real word, not a typo);
        False when the encoder cannot tell."""
        whole_word = getattr(self.encoder, "whole_word", None)
        return bool(whole_word(word)) if callable(whole_word) else False

    def embed(self, clauses: list[str]) -> np.ndarray:
        """Clause vectors, remembered for the last few hundred clauses (the subject check and
        the interview's re-reads embed the same clauses again)."""
        missing = [c for c in dict.fromkeys(clauses) if c not in self._seen]
        if missing:
            for clause, vector in zip(missing, self.encoder.embed_documents(missing), strict=True):
                self._seen[clause] = vector
        rows = np.stack([self._seen[c] for c in clauses])
        while len(self._seen) > CLAUSE_CACHE:  # forget the oldest only once this call has its rows
            self._seen.pop(next(iter(self._seen)))
        return rows

    def match(self, clauses: list[tuple[int, str]]) -> list[SemanticHit]:
        """Choices read from `clauses` ((offset, text) pairs), at most one per criterion and clause."""
        usable = [(o, c) for o, c in clauses if len(c.split()) >= MIN_WORDS]
        if not usable:
            return []
        texts, vectors, polarity = self._examples
        rows = self.embed([c for _, c in usable])
        sims = rows @ vectors.T
        talk = (rows @ self._approach_talk.T).max(axis=1)
        hits: list[SemanticHit] = []
        for row, floor, (offset, clause) in zip(sims, talk, usable, strict=True):
            hits.extend(h for h in self._clause_hits(row, offset, clause, texts, polarity) if h.similarity > floor)
        return hits

    def _clause_hits(
        self, row: np.ndarray, offset: int, clause: str, texts: list[ExampleText], polarity: np.ndarray
    ) -> list[SemanticHit]:
        neg = negative(clause)
        best: dict[str, dict[str, float]] = {}  # criterion -> value -> best similarity
        for i, ex in enumerate(texts):
            if ex.choice is None:
                continue
            value = self._value(ex, neg, bool(polarity[i]))
            if value is None:
                continue
            per = best.setdefault(ex.criterion, {})
            per[value] = max(per.get(value, -1.0), float(row[i]))
        hits: list[SemanticHit] = []
        lowered = clause.lower()
        limited = SCARCITY.search(lowered) is not None
        about_a_model = MODEL_TALK.search(lowered) is not None and PEOPLE.search(lowered) is None
        consequential = CONSEQUENCE.search(lowered) is not None
        monetary = MONEY.search(lowered) is not None
        failed = reports_failure(lowered)
        for crit_id, per in best.items():
            ranked = sorted(per.items(), key=lambda kv: -kv[1])
            top_value, top_sim = ranked[0]
            runner = ranked[1][1] if len(ranked) > 1 else -1.0
            if limited and self._plenty(crit_id, top_value):
                continue
            if about_a_model and crit_id in PEOPLE_CRITERIA:
                continue
            if crit_id in CONSEQUENCE_CRITERIA and not consequential:
                continue
            if crit_id in MONEY_CRITERIA and not monetary:
                continue
            if failed and SUCCESS.get(crit_id) == top_value:
                continue
            if top_sim >= self.threshold and top_sim - runner >= self.margin:
                hits.append(SemanticHit(crit_id, top_value, top_sim, clause, offset))
        return hits

    def _plenty(self, criterion_id: str, value: str) -> bool:
        """`value` is the top of a resource's scale (a high budget, a strong ML team)."""
        if criterion_id not in RESOURCES:
            return False
        choices = self.rubric.criterion(criterion_id).choices
        return bool(choices) and choices[-1].id == value

    def _value(self, ex: ExampleText, clause_negative: bool, example_negative: bool) -> str | None:
        if clause_negative == example_negative:
            return ex.choice
        if clause_negative and ex.choice is not None:
            choice = self.rubric.criterion(ex.criterion).choice(ex.choice)
            return choice.negated if choice is not None else None
        return None

    def subject(self, clause: str, criteria: list[str], fallback: str | None = None) -> str | None:
        """Which of `criteria` (frequency criteria) a "changes daily" clause is about, by its
        `about` sentences. When none is clearly closer, `fallback` (the facts: what changes is
        usually content, while requirements are named in few words the phrase rules list) if
        it is about as close as the best and plausibly close at all; else None."""
        texts, vectors, _ = self._examples
        row = self.embed([clause])[0] @ vectors.T
        scores = {
            c: max((float(row[i]) for i, t in enumerate(texts) if t.choice is None and t.criterion == c), default=-1.0)
            for c in criteria
        }
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        if len(ranked) >= 2 and ranked[0][1] - ranked[1][1] >= SUBJECT_MARGIN:
            return ranked[0][0]
        if fallback in scores and scores[fallback] >= FALLBACK_MIN and scores[fallback] >= ranked[0][1] - FALLBACK_GAP:
            return fallback
        return None


class NearestExemplars:
    """Per label, the similarity of a phrase to its closest exemplar, on `matcher`'s encoder: the
    exemplars ((label, text) pairs) are embedded once, the phrase through the matcher's memory of
    clause vectors. What changes (`handlers.assess.things`) and what is counted
    (`handlers.assess.counted`) are placed with it."""

    def __init__(self, matcher: OptionMatcher, exemplars: Sequence[tuple[str, str]]) -> None:
        self.matcher = matcher
        self._labels = [label for label, _ in exemplars]
        self._texts = [text for _, text in exemplars]

    @cached_property
    def _vectors(self) -> np.ndarray:
        return np.asarray(self.matcher.encoder.embed_documents(self._texts))

    def scores(self, phrase: str) -> dict[str, float]:
        """Per label, the similarity of `phrase` to its closest exemplar."""
        row = self.matcher.embed([phrase])[0] @ self._vectors.T
        out: dict[str, float] = {}
        for label, sim in zip(self._labels, row, strict=True):
            out[label] = max(out.get(label, -1.0), float(sim))
        return out
