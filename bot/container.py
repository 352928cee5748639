"""The composition root: builds every client once (lazily) and hands each handler what it needs.

Nothing else in the code base constructs clients. Tests build a `Container` from `Settings`
pointing at a temp data dir, and may pass fakes for the seams (`chat_model=...`).
"""

from __future__ import annotations

import logging
from functools import cached_property
from typing import Any

from bot.settings import Settings
from handlers.ports import ChatModel

log = logging.getLogger(__name__)

_UNSET: Any = object()


class Container:
    def __init__(self, settings: Settings, *, chat_model: ChatModel | None = _UNSET) -> None:
        self.settings = settings
        if chat_model is not _UNSET:
            self.__dict__["chat_model"] = chat_model

    # --- storage ----------------------------------------------------------------------------
    @cached_property
    def db(self):  # type: ignore[no-untyped-def]
        from bot.storage.db import Database

        self.settings.data_dir.mkdir(parents=True, exist_ok=True)
        db = Database(self.settings.resolved_database_url)
        db.create_schema()
        return db

    @cached_property
    def notes_store(self):  # type: ignore[no-untyped-def]
        from bot.storage.notes import SqlNoteStore

        return SqlNoteStore(self.db)

    @cached_property
    def conversations(self):  # type: ignore[no-untyped-def]
        from bot.storage.conversations import SqlConversationStore

        return SqlConversationStore(self.db)

    @cached_property
    def sources(self):  # type: ignore[no-untyped-def]
        from bot.storage.sources import SqlSourceStore

        return SqlSourceStore(self.db)

    @cached_property
    def question_log(self):  # type: ignore[no-untyped-def]
        from bot.storage.conversations import SqlQuestionLog

        return SqlQuestionLog(self.db)

    @cached_property
    def event_receipts(self):  # type: ignore[no-untyped-def]
        """Processed event/activity ids (exactly-once handling of redeliveries), shared by adapters."""
        from bot.storage.receipts import SqlEventReceipts

        return SqlEventReceipts(self.db, ttl_s=self.settings.event_dedupe_ttl_s)

    @cached_property
    def feedback(self):  # type: ignore[no-untyped-def]
        """Votes on answers (the feedback buttons); also the digests' FeedbackFeed."""
        from bot.storage.feedback import SqlFeedbackStore

        return SqlFeedbackStore(self.db)

    @cached_property
    def teams_references(self):  # type: ignore[no-untyped-def]
        """Teams conversation references stored at install, for proactive digests."""
        from bot.storage.teams_refs import SqlTeamsConversationStore

        return SqlTeamsConversationStore(self.db)

    # --- digests ----------------------------------------------------------------------------
    @cached_property
    def clock(self):  # type: ignore[no-untyped-def]
        """The time source of scheduled work; tests assign their own before first use."""
        from handlers.digest.ports import SystemClock

        return SystemClock()

    @cached_property
    def digest_subscriptions(self):  # type: ignore[no-untyped-def]
        from bot.storage.digests import SqlSubscriptionStore

        return SqlSubscriptionStore(self.db)

    @cached_property
    def digest_posts(self):  # type: ignore[no-untyped-def]
        """The digest ledger: exactly one post per (channel, period)."""
        from bot.storage.digests import SqlDigestPosts

        return SqlDigestPosts(self.db)

    @cached_property
    def demo_runs(self):  # type: ignore[no-untyped-def]
        """Demo runs and their headline numbers (written around the demo feature, read by digests)."""
        from bot.storage.demo_runs import SqlDemoRunStore

        return SqlDemoRunStore(self.db)

    @cached_property
    def digests(self):  # type: ignore[no-untyped-def]
        from bot.scheduler.wiring import digest_service

        return digest_service(self)

    @cached_property
    def digest_deliveries(self):  # type: ignore[no-untyped-def]
        from bot.scheduler.teams_delivery import register_teams
        from bot.scheduler.wiring import digest_deliveries

        deliveries = digest_deliveries(self)
        register_teams(deliveries, self)  # when TEAMS_* credentials (or TEAMS_ANONYMOUS) are set
        return deliveries

    @cached_property
    def digest_runner(self):  # type: ignore[no-untyped-def]
        from bot.scheduler.wiring import digest_runner

        return digest_runner(self)

    # --- knowledge --------------------------------------------------------------------------
    @cached_property
    def chroma_client(self):  # type: ignore[no-untyped-def]
        from bot.vectors import make_chroma_client

        return make_chroma_client(self.settings)

    @cached_property
    def embedder(self):  # type: ignore[no-untyped-def]
        from bot.vectors import make_embedder_from_settings

        return make_embedder_from_settings(self.settings)

    @cached_property
    def kb(self):  # type: ignore[no-untyped-def]
        from bot.vectors import make_knowledge_base

        return make_knowledge_base(self.settings, self.chroma_client, self.embedder)

    @cached_property
    def ingestor(self):  # type: ignore[no-untyped-def]
        from knowledge.ingest import Ingestor

        return Ingestor(self.kb)

    @cached_property
    def retriever(self):  # type: ignore[no-untyped-def]
        """The hybrid retriever, with the shipped corpus indexed on first use."""
        from knowledge.corpus import ensure_corpus_indexed

        summary = ensure_corpus_indexed(self.ingestor, extra_dirs=self.settings.extra_corpus_dirs)
        if summary is not None:
            log.info("indexed shipped corpus: %s", summary)
        return self.kb.retriever

    # --- language model ---------------------------------------------------------------------
    @cached_property
    def chat_model(self) -> ChatModel | None:
        if not self.settings.llm_configured:
            return None
        from bot.llm.openai_chat import OpenAIChatModel

        return OpenAIChatModel.from_settings(self.settings)

    # --- use cases --------------------------------------------------------------------------
    @cached_property
    def notes(self):  # type: ignore[no-untyped-def]
        from handlers.note import NoteService

        return NoteService(self.notes_store, self.kb)

    @cached_property
    def ask(self):  # type: ignore[no-untyped-def]
        from handlers.ask.service import AskService

        return AskService(
            retriever=self.retriever,
            conversations=self.conversations,
            questions=self.question_log,
            chat_model=self.chat_model,
            encoder=self.embedder,
            top_k=self.settings.top_k,
            llm_timeout_s=self.settings.llm_timeout_s,
            llm_deadline_s=self.settings.llm_deadline_s,
            assessor=self.assessor,
        )

    # --- assessment -------------------------------------------------------------------------
    @cached_property
    def assessments_store(self):  # type: ignore[no-untyped-def]
        from bot.storage.assessments import SqlAssessmentStore

        return SqlAssessmentStore(self.db)

    @cached_property
    def assess_llm(self):  # type: ignore[no-untyped-def]
        """A factory for the LangChain chat model used for structured answer extraction (lazy:
        importing langchain_openai is only paid when an extraction actually calls the model)."""
        if not self.settings.llm_configured:
            return None
        settings = self.settings

        def build():  # type: ignore[no-untyped-def]
            from bot.llm.openai_chat import build_chat_openai

            return build_chat_openai(settings)

        return build

    @cached_property
    def assess_extractor(self):  # type: ignore[no-untyped-def]
        from handlers.assess.extract import RuleExtractor
        from knowledge.rubric.model import shipped_rubric

        rules = RuleExtractor(shipped_rubric())
        if self.assess_llm is None:
            return rules
        from handlers.assess.llm_extract import LLMExtractor

        return LLMExtractor(shipped_rubric(), self.assess_llm, fallback=rules)

    @cached_property
    def assessor(self):  # type: ignore[no-untyped-def]
        """One-shot assessments: rubric, prices and corpus front matter only (no index, no database)."""
        from handlers.assess.service import Assessor
        from knowledge.corpus_index import shipped_corpus_index
        from knowledge.rubric.model import shipped_rubric
        from knowledge.rubric.prices import shipped_prices

        return Assessor(
            rubric=shipped_rubric(), prices=shipped_prices(), corpus=shipped_corpus_index(),
            extractor=self.assess_extractor,
        )

    @cached_property
    def assess(self):  # type: ignore[no-untyped-def]
        from handlers.assess.service import AssessService

        return AssessService(self.assessor, store=self.assessments_store, conversations=self.conversations)

    # --- demo -------------------------------------------------------------------------------
    @cached_property
    def demo_service(self):  # type: ignore[no-untyped-def]
        """The live demo on the configured pack; arms are built on first use, models load then."""
        return self.demo_service_for(self.settings.demo_pack)

    def demo_service_for(self, pack_name: str):  # type: ignore[no-untyped-def]
        from bot.demo_arms import build_demo_arms
        from bot.demo_chart import MatplotlibChartWriter
        from handlers.demo.service import DemoService, check_pack
        from knowledge.demos.pack import load_pack

        pack = check_pack(lambda: load_pack(pack_name))
        settings = self.settings
        return DemoService(
            pack, lambda: build_demo_arms(settings, pack),
            out_dir=settings.data_dir / "demo", chart_writer=MatplotlibChartWriter(),
        )

    @cached_property
    def router(self):  # type: ignore[no-untyped-def]
        from handlers.ask.feature import AskFeature
        from handlers.assess.feature import AssessFeature
        from handlers.demo.feature import DemoFeature
        from handlers.digest.demo_runs import DemoRunRecorder
        from handlers.digest.feature import DigestFeature
        from handlers.help import HelpFeature
        from handlers.note import NoteFeature
        from handlers.router import Router

        features: list[Any] = [
            NoteFeature(self.notes),
            DigestFeature(self.digests),
            AssessFeature(self.assess),
            DemoRunRecorder(DemoFeature(lambda: self.demo_service), self.demo_runs),
            HelpFeature(),
        ]
        return Router(features, fallback=AskFeature(self.ask), max_input_chars=self.settings.max_input_chars)

    def close(self) -> None:
        if "db" in self.__dict__:
            self.db.dispose()
