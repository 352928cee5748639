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
    def question_log(self):  # type: ignore[no-untyped-def]
        from bot.storage.conversations import SqlQuestionLog

        return SqlQuestionLog(self.db)

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

        summary = ensure_corpus_indexed(self.ingestor)
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
            top_k=self.settings.top_k,
            llm_timeout_s=self.settings.llm_timeout_s,
            llm_deadline_s=self.settings.llm_deadline_s,
        )

    @cached_property
    def router(self):  # type: ignore[no-untyped-def]
        from handlers.ask.feature import AskFeature
        from handlers.help import HelpFeature
        from handlers.note import NoteFeature
        from handlers.router import Router

        features: list[Any] = [
            NoteFeature(self.notes),
            HelpFeature(),
        ]
        return Router(features, fallback=AskFeature(self.ask), max_input_chars=self.settings.max_input_chars)

    def close(self) -> None:
        if "db" in self.__dict__:
            self.db.dispose()
