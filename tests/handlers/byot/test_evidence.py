"""An assessment in a channel where the team trained on its own data cites the measurement."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from handlers.assess.models import AssessmentResultReply
from handlers.assess.result import build_reply
from handlers.byot.evidence import EvidenceCitingFeature, MeasuredEvidence, cite_evidence
from handlers.models import Conversation, Request, TextReply
from handlers.router import Context
from knowledge.corpus_index import shipped_corpus_index
from knowledge.rubric.model import shipped_rubric
from knowledge.rubric.prices import shipped_prices

EV = MeasuredEvidence(pack="bank-1a2b3c", n_eval=84, n_train=337, base_accuracy=0.12, finetuned_accuracy=0.87)


def assessment() -> AssessmentResultReply:
    return build_reply(shipped_rubric(), shipped_prices(), shipped_corpus_index(),
                       {"labelled_examples": 300, "request_volume": 10000})


def test_the_measurement_comes_first_and_replaces_the_examples_answer() -> None:
    cited = cite_evidence(assessment(), EV)
    first = cited.reasons[0]
    assert first.text.startswith("Measured on your data: +75 points on 84 held-out examples")
    assert first.citation.id == "pack:bank-1a2b3c"
    assert not any("labelled examples" in r.text.lower() for r in cited.reasons[1:])
    [examples] = [a for a in cited.answers if a.criterion == "labelled_examples"]
    assert examples.value == "421 in pack bank-1a2b3c"


class FakeAssess:
    name = "assess"
    commands: tuple[str, ...] = ("assess",)
    action_prefix = "assess."

    def claims(self, request: Request) -> bool:
        return False

    def handle(self, request: Request, ctx: Context) -> Sequence[Any]:
        return [TextReply(text="intro"), assessment()]


class Source:
    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []

    def latest(self, platform: str, channel: str) -> MeasuredEvidence | None:
        self.asked.append((platform, channel))
        return EV if channel == "CTRAINED" else None


def test_only_the_channel_that_trained_gets_the_citation() -> None:
    source = Source()
    feature = EvidenceCitingFeature(FakeAssess(), source)
    here = Request(text="assess", conversation=Conversation(platform="slack", channel="CTRAINED"))
    elsewhere = Request(text="assess", conversation=Conversation(platform="slack", channel="COTHER"))
    _, cited = feature.handle(here, Context())
    _, plain = feature.handle(elsewhere, Context())
    assert isinstance(cited, AssessmentResultReply) and cited.reasons[0].text.startswith("Measured on your data")
    assert isinstance(plain, AssessmentResultReply) and not plain.reasons[0].text.startswith("Measured")
    assert source.asked == [("slack", "CTRAINED"), ("slack", "COTHER")]
