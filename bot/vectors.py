"""Builds the vector side of the knowledge base from settings: the chroma client (embedded or
server), the embedder (shipped ONNX or OpenAI) and the hybrid knowledge base. One factory, clear
errors listing valid choices."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from bot.settings import Settings
from handlers.errors import ConfigError

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from chromadb.api import ClientAPI

    from bot.storage.db import Database
    from knowledge.embeddings import Embedder
    from knowledge.retrieval import KnowledgeBase


def make_chroma_client(settings: Settings) -> ClientAPI:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=True)
    if settings.chroma_host:
        return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings)
    path = settings.data_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


def make_embedder_from_settings(settings: Settings) -> Embedder:
    from knowledge.embeddings import EmbeddingError, make_embedder

    client = None
    if settings.embeddings == "openai":
        if not settings.llm_configured:
            raise ConfigError("FTADVISOR_EMBEDDINGS=openai needs OPENAI_API_KEY (or OPENAI_BASE_URL) to be set.")
        import openai

        key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else "not-needed"
        client = openai.OpenAI(api_key=key, base_url=settings.openai_base_url or None,
                               timeout=settings.llm_timeout_s, max_retries=settings.llm_max_retries)
    try:
        return make_embedder(settings.embeddings, openai_client=client, model=settings.openai_embedding_model)
    except EmbeddingError as exc:
        raise ConfigError(f"FTADVISOR_EMBEDDINGS: {exc}") from exc


def make_knowledge_base(
    settings: Settings, client: ClientAPI, embedder: Embedder, db: Database | None = None
) -> KnowledgeBase:
    """The hybrid knowledge base. Keyword search: PostgreSQL full-text search when `db` is
    PostgreSQL (one index shared by every replica), else BM25 in this process's memory."""
    from knowledge.keyword_pg import PostgresKeywordIndex
    from knowledge.retrieval import KnowledgeBase

    keywords: PostgresKeywordIndex | None = None
    if db is not None and db.engine.dialect.name == "postgresql":
        keywords = PostgresKeywordIndex(db.engine)
    kb = KnowledgeBase.open(
        client, embedder, collection=settings.chroma_collection, min_relevance=settings.min_relevance,
        keyword_index=keywords,
    )
    if keywords is not None and len(keywords) == 0 and kb.count() > 0:
        log.info("filling the shared keyword index from the vector index (%d chunks, once)", kb.count())
        kb.reload_keywords()  # a deployment that moved to PostgreSQL with an existing vector index
    return kb
