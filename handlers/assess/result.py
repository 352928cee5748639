"""Builds an assessment (pure): answers -> the JSON contract and the reply people read.

Reasons cite corpus passages; their titles and quotes come from `knowledge.corpus_index`
(the markdown files, no search index involved).
"""

from __future__ import annotations

from typing import Literal

from handlers.assess.breakeven import break_even
from handlers.assess.engine import Scoring, confidence, missing, score
from handlers.assess.explain import tradeoffs, why
from handlers.assess.flip import Flip, flips
from handlers.assess.models import (
    AnswerView,
    AssessmentResult,
    AssessmentResultReply,
    FlipEntry,
    FlipView,
    RankedApproach,
    ReasonView,
)
from handlers.models import Citation
from knowledge.corpus_index import CorpusIndex
from knowledge.rubric.model import Answers, AnswerValue, Rubric
from knowledge.rubric.prices import Prices

FLIP_LIMIT = 5
REASONS_PER_APPROACH = 3
TRADEOFF_LIMIT = 3


class _Citer:
    """Numbers citations in order of first use."""

    def __init__(self, corpus: CorpusIndex) -> None:
        self.corpus = corpus
        self.citations: list[Citation] = []

    def cite(self, passage_id: str, hint: str) -> Citation:
        for c in self.citations:
            if c.id == passage_id:
                return c
        info = self.corpus.get(passage_id)
        citation = Citation(
            n=len(self.citations) + 1,
            id=passage_id,
            title=info.title if info else passage_id.split("#", 1)[0],
            source=info.source if info else "",
            quote=info.best_sentence(hint) if info else "",
        )
        self.citations.append(citation)
        return citation


def approach_label(rubric: Rubric, scoring: Scoring, approach: str, *, short: bool = False) -> str:
    if approach == "hybrid":
        return scoring.hybrid_pair.label
    found = rubric.approach(approach)
    return found.short if short else found.label


def display_value(rubric: Rubric, criterion_id: str, value: AnswerValue) -> str:
    crit = rubric.criterion(criterion_id)
    if isinstance(value, str):
        choice = crit.choice(value)
        return choice.label.split(" (")[0] if choice else value
    number = f"{value:,.0f}" if value >= 1 or value == 0 else f"{value:g}"
    return f"{number} {crit.unit}".strip()


def build_reply(
    rubric: Rubric, prices: Prices, corpus: CorpusIndex, answers: Answers
) -> AssessmentResultReply:
    scoring = score(rubric, answers)
    top = scoring.top
    ranked = scoring.ranked
    runner_up = ranked[1]
    citer = _Citer(corpus)

    # the recommendation's reasons come first, so they get the first citation numbers
    reason_views = [
        ReasonView(text=text, citation=citer.cite(cite, text))
        for text, cite in why(rubric, scoring, top)[:REASONS_PER_APPROACH]
    ]
    tradeoff_views = [
        ReasonView(text=text, citation=citer.cite(cite, text))
        for text, cite in tradeoffs(rubric, scoring)[:TRADEOFF_LIMIT]
    ]
    ranking: list[RankedApproach] = []
    for approach in ranked:
        rules = why(rubric, scoring, approach)
        if approach == "hybrid":
            hp = scoring.hybrid_pair
            rules = [(f"{hp.label}: {t}" if t == hp.reason else t, c) for t, c in rules]
        texts = [f"{text} [{citer.cite(cite, text).n}]" for text, cite in rules[:REASONS_PER_APPROACH]]
        ranking.append(
            RankedApproach(approach=approach, score=round(scoring.scores[approach], 2), reasons=texts)
        )

    flip_list = flips(rubric, answers, limit=FLIP_LIMIT)
    costs = break_even(answers, prices)
    conf = confidence(rubric, scoring)
    result = AssessmentResult(
        answers=dict(answers),
        ranking=ranking,
        recommendation=top,
        confidence=conf,
        missing=missing(rubric, answers),
        flip=[FlipEntry(criterion=f.criterion, to=f.to, recommendation=f.recommendation) for f in flip_list],
        break_even=costs.model_dump(mode="json"),
        citations=citer.citations,
        tradeoffs=[f"{t.text} [{t.citation.n}]" for t in tradeoff_views],
    )
    verdict = approach_label(rubric, scoring, top)
    label: Literal["high", "medium", "low"] = "high" if conf >= 0.6 else ("medium" if conf >= 0.3 else "low")
    return AssessmentResultReply(
        recommendation=top,
        verdict=verdict,
        hybrid_of=list(scoring.hybrid_of or ()),
        confidence=conf,
        confidence_label=label,
        headline=_headline(rubric, scoring, verdict, label, runner_up),
        reasons=reason_views,
        tradeoffs=tradeoff_views,
        runner_up=runner_up,
        runner_up_label=approach_label(rubric, scoring, runner_up, short=True),
        costs=costs,
        flips=[_flip_view(rubric, scoring, answers, f) for f in flip_list],
        next_steps=_next_steps(rubric, scoring, answers, flip_list),
        answers=[
            AnswerView(criterion=c.id, label=c.label, value=display_value(rubric, c.id, answers[c.id]))
            for c in rubric.criteria
            if c.id in answers
        ],
        missing=[rubric.criterion(c).label for c in result.missing],
        result=result,
    )


def _headline(rubric: Rubric, scoring: Scoring, verdict: str, label: str, runner_up: str) -> str:
    top = scoring.top
    what = scoring.hybrid_pair.reason if top == "hybrid" else rubric.approach(top).summary
    runner = approach_label(rubric, scoring, runner_up, short=True)
    if label == "high":
        tail = "I'm fairly confident in this one."
    elif label == "medium":
        tail = f"A reasonable call, with {runner} as the runner-up."
    else:
        tail = f"It's a close call against {runner}; the open questions below could tip it."
    return f"Go with {verdict}: {what[0].lower()}{what[1:]} {tail}"


def _flip_view(rubric: Rubric, scoring: Scoring, answers: Answers, flip: Flip) -> FlipView:
    crit = rubric.criterion(flip.criterion)
    to_label = display_value(rubric, flip.criterion, flip.to)
    rec_label = _label_after(rubric, answers, flip)
    if flip.answered:
        now = display_value(rubric, flip.criterion, answers[flip.criterion])
        text = f"{crit.label}: {to_label.lower()} instead of {now.lower()} -> {rec_label}"
    else:
        text = f"{crit.label}: {to_label.lower()} (not answered yet) -> {rec_label}"
    return FlipView(
        criterion=flip.criterion,
        label=crit.label,
        to=flip.to,
        to_label=to_label,
        recommendation=flip.recommendation,
        recommendation_label=rec_label,
        text=text,
    )


def _label_after(rubric: Rubric, answers: Answers, flip: Flip) -> str:
    changed = score(rubric, {**answers, flip.criterion: flip.to})
    return approach_label(rubric, changed, flip.recommendation, short=True)


def _next_steps(rubric: Rubric, scoring: Scoring, answers: Answers, flip_list: list[Flip]) -> list[str]:
    top = scoring.top
    if top == "hybrid":
        a, b = scoring.hybrid_pair.pair
        steps = [
            rubric.approach(a).next_steps[0],
            rubric.approach(b).next_steps[0],
            *rubric.approach("hybrid").next_steps[:2],
        ]
    else:
        steps = list(rubric.approach(top).next_steps)
    open_flips = [f for f in flip_list if not f.answered]
    if open_flips:
        labels = ", ".join(rubric.criterion(f.criterion).label.lower() for f in open_flips[:3])
        steps.append(
            f"Pin down what is still open ({labels}): those answers could change this recommendation."
        )
    return steps
