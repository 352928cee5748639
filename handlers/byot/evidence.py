"""Measured evidence from a team's own training, cited by assessments in the same channel.

Owns the rule that a measurement on the team's data outranks the rubric's generic reasoning for
the criteria it answers ("labelled examples", and how far prompting gets: the prompted arm's
score): the assessment gets a first reason "Measured on your data: +X points on N held-out
examples", generic reasons about those criteria are dropped, and the labelled-examples answer
shows the measured count. Wraps the assess feature (a decorator), so the assessment code itself
is untouched.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from handlers.assess.models import AnswerView, AssessmentResultReply, ReasonView
from handlers.models import Citation, Request
from handlers.router import Context, Feature, FeatureWrapper

log = logging.getLogger(__name__)

OUTRANKED = ("labelled examples", "labeled examples", "prompt engineering", "prompting", "few-shot", "examples")


@dataclass(frozen=True)
class MeasuredEvidence:
    pack: str
    n_eval: int
    n_train: int
    base_accuracy: float
    finetuned_accuracy: float
    measured_at: str = ""

    @property
    def gain_points(self) -> float:
        return (self.finetuned_accuracy - self.base_accuracy) * 100

    def line(self) -> str:
        return (
            f"Measured on your data: {self.gain_points:+.0f} points on {self.n_eval} held-out examples "
            f"(pack `{self.pack}`: prompted base model {self.base_accuracy:.0%}, fine-tuned on {self.n_train} "
            f"examples {self.finetuned_accuracy:.0%})."
        )


class EvidenceSource(Protocol):
    def latest(self, platform: str, channel: str) -> MeasuredEvidence | None:
        """The newest finished training in this channel, if any."""
        ...


def cite_evidence(reply: AssessmentResultReply, ev: MeasuredEvidence) -> AssessmentResultReply:
    """The reply with the measurement as its first reason, outranking generic reasons about examples
    and prompting, and the labelled-examples answer replaced by the measured count."""
    citation = Citation(
        n=0, id=f"pack:{ev.pack}", title=f"Your training of pack {ev.pack}",
        source=f"/ft-demo --pack {ev.pack} eval", quote=ev.line(),
    )
    kept = [r for r in reply.reasons if not any(w in r.text.lower() for w in OUTRANKED)]
    reasons = [ReasonView(text=ev.line(), citation=citation), *kept]
    answers = [a for a in reply.answers if a.criterion != "labelled_examples"]
    answers.insert(0, AnswerView(
        criterion="labelled_examples", label="Labelled examples (measured)",
        value=f"{ev.n_train + ev.n_eval:,} in pack {ev.pack}",
    ))
    return reply.model_copy(update={"reasons": reasons, "answers": answers})


class EvidenceCitingFeature(FeatureWrapper):
    """Wraps the assess feature: finished assessments cite the channel's measured evidence.
    Looking it up never breaks an assessment (a failure is logged and the reply kept)."""

    def __init__(self, inner: Feature, source: EvidenceSource) -> None:
        super().__init__(inner)
        self.source = source

    def handle(self, request: Request, ctx: Context) -> Sequence[Any]:
        replies = list(self.inner.handle(request, ctx))
        if not any(isinstance(r, AssessmentResultReply) for r in replies):
            return replies
        conv = request.conversation
        try:
            ev = self.source.latest(conv.platform, conv.channel)
        except Exception:
            log.exception("could not read the channel's training evidence")
            return replies
        if ev is None:
            return replies
        return [cite_evidence(r, ev) if isinstance(r, AssessmentResultReply) else r for r in replies]
