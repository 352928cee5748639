"""How the composition root assembles the chat `Router`: the features in their matching order,
with `ask` as the fallback. Kept apart from `bot/container.py` because it names every feature."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.container import Container
    from handlers.router import Router


def build_router(c: Container) -> Router:
    from bot.train.evidence import TrainEvidence
    from handlers.ask.feature import AskFeature
    from handlers.assess.feature import AssessFeature
    from handlers.byot.evidence import EvidenceCitingFeature
    from handlers.demo.feature import DemoFeature
    from handlers.digest.demo_runs import DemoRunRecorder
    from handlers.digest.feature import DigestFeature
    from handlers.feedback import FeedbackFeature
    from handlers.help import HelpFeature
    from handlers.note import NoteFeature
    from handlers.router import Router

    features: list[Any] = [
        FeedbackFeature(c.feedback),
        NoteFeature(c.notes),
        DigestFeature(c.digests),
        EvidenceCitingFeature(AssessFeature(c.assess), TrainEvidence(c.train_jobs)),
        DemoRunRecorder(DemoFeature(lambda: c.demo_service, c.chat_demo_service), c.demo_runs),
        HelpFeature(),
    ]
    limit = c.settings.max_input_chars
    return Router(features, fallback=AskFeature(c.ask), max_input_chars=limit, conversations=c.conversations)
