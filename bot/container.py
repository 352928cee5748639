"""The composition root: builds every client once (lazily) and hands each handler what it needs.

Nothing else in the code base constructs clients. Tests build a `Container` from `Settings`
pointing at a temp data dir, and may pass fakes for the seams (`chat_model=...`).
"""

from __future__ import annotations

import logging
import threading
from functools import cached_property
from typing import TYPE_CHECKING, Any

from bot.settings import Settings
from handlers.ports import ChatModel, StructuredChatModel

if TYPE_CHECKING:  # the clients are imported lazily below: a CLI command pays only for what it uses
    from chromadb.api import ClientAPI

    from bot.inbox_worker import Heartbeats
    from bot.scheduler.delivery import Deliveries
    from bot.scheduler.runner import DigestRunner
    from bot.storage.assessments import SqlAssessmentStore
    from bot.storage.conversations import SqlConversationStore, SqlQuestionLog
    from bot.storage.db import Database
    from bot.storage.demo_runs import SqlDemoRunStore
    from bot.storage.digests import SqlDigestPosts, SqlSubscriptionStore
    from bot.storage.feedback import SqlFeedbackStore
    from bot.storage.inbox import SqlInbox
    from bot.storage.notes import SqlNoteStore
    from bot.storage.receipts import SqlEventReceipts
    from bot.storage.sources import SqlSourceStore
    from bot.storage.teams_refs import SqlTeamsConversationStore
    from bot.storage.train_jobs import SqlTrainJobs
    from handlers.ask.service import AskService
    from handlers.assess.extract import RuleExtractor
    from handlers.assess.llm_extract import LLMExtractor
    from handlers.assess.service import Assessor, AssessService
    from handlers.demo.service import DemoService
    from handlers.digest.ports import SystemClock
    from handlers.digest.service import DigestService
    from handlers.note import NoteService
    from handlers.router import Router
    from knowledge.embeddings import Embedder
    from knowledge.ingest import Ingestor
    from knowledge.retrieval import HybridRetriever, KnowledgeBase

log = logging.getLogger(__name__)

_UNSET: Any = object()


class Container:
    def __init__(self, settings: Settings, *, chat_model: ChatModel | None = _UNSET) -> None:
        self.settings = settings
        self._index_repair: threading.Thread | None = None
        if chat_model is not _UNSET:
            self.__dict__["chat_model"] = chat_model

    # --- storage ----------------------------------------------------------------------------
    @cached_property
    def db(self) -> Database:
        from bot.storage.db import Database

        self.settings.data_dir.mkdir(parents=True, exist_ok=True)
        db = Database(self.settings.resolved_database_url)
        db.create_schema()
        return db

    @cached_property
    def notes_store(self) -> SqlNoteStore:
        from bot.storage.notes import SqlNoteStore

        return SqlNoteStore(self.db)

    @cached_property
    def conversations(self) -> SqlConversationStore:
        from bot.storage.conversations import SqlConversationStore

        return SqlConversationStore(self.db)

    @cached_property
    def sources(self) -> SqlSourceStore:
        from bot.storage.sources import SqlSourceStore

        return SqlSourceStore(self.db)

    @cached_property
    def question_log(self) -> SqlQuestionLog:
        from bot.storage.conversations import SqlQuestionLog

        return SqlQuestionLog(self.db)

    @cached_property
    def event_receipts(self) -> SqlEventReceipts:
        """Processed event/activity ids (exactly-once handling of redeliveries), shared by adapters."""
        from bot.storage.receipts import SqlEventReceipts

        return SqlEventReceipts(self.db, ttl_s=self.settings.event_dedupe_ttl_s)

    @cached_property
    def replica_id(self) -> str:
        """This process among the replicas (host, pid, a random part): owner of inbox leases."""
        import os
        import socket
        import uuid

        return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"

    @cached_property
    def inbox(self) -> SqlInbox:
        """Accepted work (Slack messages for the bot), leased to one replica, never lost."""
        from datetime import timedelta

        from bot.storage.inbox import SqlInbox

        return SqlInbox(self.db, lease=timedelta(seconds=self.settings.inbox_lease_s))

    @cached_property
    def inbox_heartbeats(self) -> Heartbeats:
        """Extends the inbox leases of the work this process is doing (a third of a lease apart)."""
        from bot.inbox_worker import Heartbeats

        return Heartbeats(self.inbox, self.replica_id, every_s=self.settings.inbox_lease_s / 3)

    @cached_property
    def feedback(self) -> SqlFeedbackStore:
        """Votes on answers (the feedback buttons); also the digests' FeedbackFeed."""
        from bot.storage.feedback import SqlFeedbackStore

        return SqlFeedbackStore(self.db)

    @cached_property
    def teams_references(self) -> SqlTeamsConversationStore:
        """Teams conversation references stored at install, for proactive digests."""
        from bot.storage.teams_refs import SqlTeamsConversationStore

        return SqlTeamsConversationStore(self.db)

    # --- digests ----------------------------------------------------------------------------
    @cached_property
    def clock(self) -> SystemClock:
        """The time source of scheduled work; tests assign their own before first use."""
        from handlers.digest.ports import SystemClock

        return SystemClock()

    @cached_property
    def digest_subscriptions(self) -> SqlSubscriptionStore:
        from bot.storage.digests import SqlSubscriptionStore

        return SqlSubscriptionStore(self.db)

    @cached_property
    def digest_posts(self) -> SqlDigestPosts:
        """The digest ledger: exactly one post per (channel, period)."""
        from bot.storage.digests import SqlDigestPosts

        return SqlDigestPosts(self.db)

    @cached_property
    def demo_runs(self) -> SqlDemoRunStore:
        """Demo runs and their headline numbers (written around the demo feature, read by digests)."""
        from bot.storage.demo_runs import SqlDemoRunStore

        return SqlDemoRunStore(self.db)

    @cached_property
    def digests(self) -> DigestService:
        from bot.scheduler.wiring import digest_service

        return digest_service(self)

    @cached_property
    def digest_deliveries(self) -> Deliveries:
        from bot.scheduler.wiring import digest_deliveries

        return digest_deliveries(self)

    @cached_property
    def digest_runner(self) -> DigestRunner:
        from bot.scheduler.wiring import digest_runner

        return digest_runner(self)

    # --- knowledge --------------------------------------------------------------------------
    @cached_property
    def chroma_client(self) -> ClientAPI:
        return self.kb.index.client  # opened with the knowledge base (a corrupted index is moved aside)

    @cached_property
    def embedder(self) -> Embedder:
        from bot.vectors import make_embedder_from_settings

        return make_embedder_from_settings(self.settings)

    @cached_property
    def kb(self) -> KnowledgeBase:
        """The knowledge base; a corrupted embedded index is moved aside and started afresh."""
        from bot.vectors import open_knowledge_base

        _client, kb = open_knowledge_base(self.settings, self.embedder, self.db)
        return kb

    @cached_property
    def ingestor(self) -> Ingestor:
        from bot.vectors import make_ingestor

        return make_ingestor(self.settings, self.kb)

    @cached_property
    def retriever(self) -> HybridRetriever:
        """The hybrid retriever, with the shipped corpus indexed on first use."""
        from knowledge.corpus import ensure_corpus_indexed

        summary = ensure_corpus_indexed(self.ingestor, extra_dirs=self.settings.extra_corpus_dirs)
        if summary is not None:
            log.info("indexed shipped corpus: %s", summary)
        from bot.vectors import start_index_repair  # what the database has and the index lacks, rebuilt

        self._index_repair = start_index_repair(self.ingestor, self.notes.chunks(), self.sources.paths())
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
    def notes(self) -> NoteService:
        from handlers.note import NoteService

        return NoteService(self.notes_store, self.kb)

    @cached_property
    def ask(self) -> AskService:
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
        )

    # --- assessment -------------------------------------------------------------------------
    @cached_property
    def assessments_store(self) -> SqlAssessmentStore:
        from bot.storage.assessments import SqlAssessmentStore

        return SqlAssessmentStore(self.db)

    @cached_property
    def assess_llm(self) -> StructuredChatModel | None:
        """The model for structured answer extraction: the answers' model (same server, same deadline)."""
        model = self.chat_model
        return model if isinstance(model, StructuredChatModel) and model.supports_schema else None

    @cached_property
    def assess_extractor(self) -> RuleExtractor | LLMExtractor:
        from handlers.assess.extract import RuleExtractor
        from handlers.assess.semantic import OptionMatcher, shipped_encoder
        from knowledge.rubric.model import shipped_rubric

        # phrase rules + embedding similarity on the shipped model (loaded on first use)
        rules = RuleExtractor(shipped_rubric(), OptionMatcher(shipped_rubric(), shipped_encoder))
        if self.assess_llm is None:
            return rules
        from handlers.assess.llm_extract import LLMExtractor

        return LLMExtractor(
            shipped_rubric(), self.assess_llm, fallback=rules,
            deadline_s=self.settings.llm_deadline_s,
        )

    @cached_property
    def assessor(self) -> Assessor:
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
    def assess(self) -> AssessService:
        from handlers.assess.service import AssessService

        return AssessService(self.assessor, store=self.assessments_store, conversations=self.conversations)

    # --- demo -------------------------------------------------------------------------------
    @cached_property
    def demo_service(self) -> DemoService:
        """The live demo on the configured pack; arms are built on first use, models load then."""
        return self.demo_service_for(self.settings.demo_pack)

    def demo_service_for(self, pack_name: str) -> DemoService:
        from bot.demo_arms import build_demo_arms
        from bot.demo_chart import MatplotlibChartWriter
        from handlers.demo.service import DemoService, check_pack
        from knowledge.demos.pack import load_pack

        pack = check_pack(lambda: load_pack(pack_name, search=[self.settings.data_dir / "packs"]))
        settings = self.settings
        return DemoService(
            pack, lambda: build_demo_arms(settings, pack),
            out_dir=settings.data_dir / "demo", chart_writer=MatplotlibChartWriter(),
        )

    def chat_demo_service(self, pack_name: str) -> DemoService:
        """`demo ... --pack NAME` in chat: one service per pack and adapter version (a retrained
        adapter gets fresh arms)."""
        from knowledge.demos.pack import load_pack

        pack = load_pack(pack_name, search=[self.settings.data_dir / "packs"])
        card = pack.adapter_card_path
        key = (pack_name, card.stat().st_mtime_ns if card.is_file() else 0)
        cache: dict[tuple[str, int], DemoService] = self.__dict__.setdefault("_chat_demo_services", {})
        if key not in cache:
            cache[key] = self.demo_service_for(pack_name)
        return cache[key]

    @cached_property
    def train_jobs(self) -> SqlTrainJobs:
        """The training queue of `/ft-demo train` (one training at a time per deployment)."""
        from bot.storage.train_jobs import SqlTrainJobs

        return SqlTrainJobs(self.db)

    @cached_property
    def router(self) -> Router:
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
            FeedbackFeature(self.feedback),
            NoteFeature(self.notes),
            DigestFeature(self.digests),
            EvidenceCitingFeature(AssessFeature(self.assess), TrainEvidence(self.train_jobs)),
            DemoRunRecorder(DemoFeature(lambda: self.demo_service, self.chat_demo_service), self.demo_runs),
            HelpFeature(),
        ]
        limit = self.settings.max_input_chars
        return Router(features, fallback=AskFeature(self.ask), max_input_chars=limit, conversations=self.conversations)

    def close(self) -> None:
        if self._index_repair is not None:
            self._index_repair.join()
        if "db" in self.__dict__:
            self.db.dispose()
