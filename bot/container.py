"""The composition root: builds every client once (lazily) and hands each handler what it needs.

Nothing else in the code base constructs clients. Tests build a `Container` from `Settings`
pointing at a temp data dir, and may pass fakes for the seams (`chat_model=...`). The storage
properties are inherited from `bot.wiring.storage`; longer builder bodies live in `bot/wiring/`.
"""

from __future__ import annotations

import logging
import threading
from functools import cached_property
from typing import TYPE_CHECKING, Any

from bot.settings import Settings
from bot.wiring.storage import StorageClients
from handlers.ports import ChatModel, StructuredChatModel

if TYPE_CHECKING:  # the clients are imported lazily below: a CLI command pays only for what it uses
    from chromadb.api import ClientAPI

    from bot.inbox_worker import Heartbeats
    from bot.scheduler.delivery import Deliveries
    from bot.scheduler.runner import DigestRunner
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


class Container(StorageClients):
    def __init__(self, settings: Settings, *, chat_model: ChatModel | None = _UNSET) -> None:
        self.settings = settings
        self._index_repair: threading.Thread | None = None
        if chat_model is not _UNSET:
            self.__dict__["chat_model"] = chat_model

    # --- replicas (the database and the stores: `bot.wiring.storage.StorageClients`) ----------
    @cached_property
    def replica_id(self) -> str:
        """This process among the replicas (host, pid, a random part): owner of inbox leases."""
        import os
        import socket
        import uuid

        return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"

    @cached_property
    def inbox_heartbeats(self) -> Heartbeats:
        """Extends the inbox leases of the work this process is doing (a third of a lease apart)."""
        from bot.inbox_worker import Heartbeats

        return Heartbeats(self.inbox, self.replica_id, every_s=self.settings.inbox_lease_s / 3)

    # --- digests ----------------------------------------------------------------------------
    @cached_property
    def clock(self) -> SystemClock:
        """The time source of scheduled work; tests assign their own before first use."""
        from handlers.digest.ports import SystemClock

        return SystemClock()

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

        summary = ensure_corpus_indexed(
            self.ingestor, self.kb.index, embedder_name=self.embedder.name,
            extra_dirs=self.settings.extra_corpus_dirs,
        )
        if summary is not None:
            log.info("indexed shipped corpus: %s", summary)
        from bot.vectors import start_index_repair  # what the database has and the index lacks, rebuilt

        self._index_repair = start_index_repair(self.ingestor, self.notes.chunks(), self.sources.paths())
        if self.kb.retriever.asks is not None:
            self.kb.retriever.asks.warm()  # embedded (or read from the data dir) now, not on the first question
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
        from handlers.ask.sentence_vectors import corpus_texts, sentence_vectors
        from handlers.ask.service import AskService

        service = AskService(
            retriever=self.retriever,
            conversations=self.conversations,
            questions=self.question_log,
            chat_model=self.chat_model,
            encoder=self.embedder,
            top_k=self.settings.top_k,
            llm_timeout_s=self.settings.llm_timeout_s,
            llm_deadline_s=self.settings.llm_deadline_s,
            assessor=self.assessor,
            spelling=self.kb.speller,
            stored_vectors=self.kb.sentences,  # the notes' sentences, embedded as they were indexed
        )
        if service.similarity is not None:  # the corpus's sentences, embedded once per data dir
            texts = corpus_texts(self.kb.index.chunks_of_kind("corpus"))
            vectors = sentence_vectors(texts, self.embedder, self.embedder.name, self.settings.data_dir)
            service.similarity.prime(texts, vectors)
        return service

    # --- assessment -------------------------------------------------------------------------
    @cached_property
    def assess_llm(self) -> StructuredChatModel | None:
        """The model for structured answer extraction: the answers' model (same server, same deadline)."""
        model = self.chat_model
        return model if isinstance(model, StructuredChatModel) and model.supports_schema else None

    @cached_property
    def assess_extractor(self) -> RuleExtractor | LLMExtractor:
        from bot.wiring.assess import assess_extractor

        return assess_extractor(self)

    @cached_property
    def assessor(self) -> Assessor:
        """One-shot assessments: rubric, prices and corpus front matter only (no index, no database)."""
        from bot.wiring.assess import assessor

        return assessor(self)

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
        from bot.wiring.demo import demo_service_for

        return demo_service_for(self.settings, pack_name)

    def chat_demo_service(self, pack_name: str) -> DemoService:
        """`demo ... --pack NAME` in chat: one service per pack and adapter version (a retrained
        adapter gets fresh arms)."""
        from bot.wiring.demo import chat_demo_service

        return chat_demo_service(self, pack_name)

    @cached_property
    def router(self) -> Router:
        from bot.wiring.router import build_router

        return build_router(self)

    def close(self) -> None:
        if self._index_repair is not None:
            self._index_repair.join()
        if "db" in self.__dict__:
            self.db.dispose()
