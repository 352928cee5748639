"""How the composition root builds the digest pieces (kept here so `bot/container.py` only has
one short property per piece)."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.scheduler.delivery import Deliveries, LogDelivery
from bot.scheduler.runner import DigestRunner
from handlers.digest.facts import CorpusFacts
from handlers.digest.service import DigestService
from knowledge.types import Chunk

if TYPE_CHECKING:
    from bot.container import Container
    from bot.settings import Settings

log = logging.getLogger(__name__)


def corpus_chunks(settings: Settings) -> list[Chunk]:
    """The shipped corpus (and FTADVISOR_EXTRA_CORPUS) as chunks, read from the files: the same
    ids the index uses, without loading the index."""
    from knowledge.chunking import chunk_document
    from knowledge.corpus import CORPUS_DIR, corpus_files
    from knowledge.loaders import LoadError, load_document

    chunks: list[Chunk] = []
    for path in corpus_files([CORPUS_DIR, *settings.extra_corpus_dirs]):
        try:
            chunks.extend(chunk_document(load_document(path), kind="corpus"))
        except LoadError as exc:
            log.warning("digest facts: skipping %s (%s)", path, exc)
    return chunks


def digest_service(c: Container) -> DigestService:
    from bot.storage.digest_sources import AssessmentRecordsFeed, FeedbackCountsFeed
    from knowledge.rubric.model import shipped_rubric

    settings = c.settings
    return DigestService(
        subscriptions=c.digest_subscriptions,
        history=c.digest_posts,
        notes=c.notes_store,
        questions=c.question_log,
        assessments=AssessmentRecordsFeed(c.assessments_store, shipped_rubric()),
        demos=c.demo_runs,
        feedback=FeedbackCountsFeed(c.feedback),
        facts=CorpusFacts(lambda: corpus_chunks(settings)),
        clock=c.clock,
        quiet=settings.digest_quiet,
        default_tz=settings.digest_timezone,
    )


def digest_deliveries(c: Container) -> Deliveries:
    """Every platform's digest delivery, registered here and only here: the terminal always, Slack
    when SLACK_BOT_TOKEN is set, Teams when TEAMS_* credentials (or TEAMS_ANONYMOUS) are set."""
    from bot.scheduler.teams_delivery import register_teams

    deliveries = Deliveries(
        {"terminal": LogDelivery(c.settings.data_dir / "digests.jsonl", c.settings.link_allowlist)}
    )
    if c.settings.slack_bot_token is not None:
        from bot.scheduler.slack_delivery import SlackDelivery

        deliveries.register("slack", SlackDelivery.from_settings(c.settings))
    register_teams(deliveries, c)
    return deliveries


def digest_runner(c: Container) -> DigestRunner:
    return DigestRunner(
        service=c.digests,
        subscriptions=c.digest_subscriptions,
        ledger=c.digest_posts,
        deliveries=c.digest_deliveries,
        clock=c.clock,
        lease=timedelta(seconds=c.settings.digest_lease_s),
    )
