"""Builds the vector side of the knowledge base from settings: the chroma client (embedded or
server), the embedder (shipped ONNX or OpenAI) and the hybrid knowledge base. One factory, clear
errors listing valid choices."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.settings import Settings
from handlers.errors import ConfigError

if TYPE_CHECKING:
    from chromadb.api import ClientAPI

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


def make_knowledge_base(settings: Settings, client: ClientAPI, embedder: Embedder) -> KnowledgeBase:
    from knowledge.retrieval import KnowledgeBase

    return KnowledgeBase.open(
        client, embedder, collection=settings.chroma_collection, min_relevance=settings.min_relevance
    )
