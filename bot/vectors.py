"""Builds the vector side of the knowledge base from settings: the chroma client (embedded or
server), the embedder (shipped ONNX or OpenAI) and the hybrid knowledge base. One factory, clear
errors listing valid choices. An embedded index that cannot be opened (a corrupted
`chroma.sqlite3`) is moved aside with a clear log line and started afresh: it is only a copy of
the database and the shipped corpus, rebuilt at start-up (`start_index_repair`)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from bot.settings import Settings
from handlers.errors import ConfigError

log = logging.getLogger(__name__)

#: Threads that run PostgreSQL keyword searches next to the vector search (two per ask at once).
KEYWORD_SEARCH_THREADS = 8

if TYPE_CHECKING:
    from chromadb.api import ClientAPI

    from bot.storage.db import Database
    from knowledge.embeddings import Embedder
    from knowledge.ingest import Ingestor
    from knowledge.retrieval import KnowledgeBase
    from knowledge.types import Chunk


def make_chroma_client(settings: Settings) -> ClientAPI:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=True)
    if settings.chroma_host:
        return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings)
    path = settings.data_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


log = logging.getLogger(__name__)


def _forget_chroma_system(path: Path, client: ClientAPI | None) -> None:
    """Release chroma's process-wide cached system for `path`, so that a new client really reopens
    the directory (chroma keeps a failed system in its cache)."""
    from chromadb.api.shared_system_client import SharedSystemClient

    close = getattr(client, "close", None)  # chromadb's Client has close(); the ClientAPI protocol does not
    if close is not None:
        try:
            close()
        except Exception:  # a broken client may fail to close; it is dropped anyway
            log.debug("closing the broken chroma client failed", exc_info=True)
    SharedSystemClient._identifier_to_system.pop(str(path), None)  # no public API releases one path
    SharedSystemClient._identifier_to_refcount.pop(str(path), None)


def move_index_aside(path: Path) -> Path:
    """Rename an unreadable index directory to `<name>.corrupt-<UTC time>` and return the new path."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    path.rename(target)
    return target


def _is_database_error(exc: BaseException) -> bool:
    """An error of the SQL database (SQLAlchemy or its driver), anywhere in the exception chain."""
    seen: BaseException | None = exc
    while seen is not None:
        if type(seen).__module__.split(".")[0] in ("sqlalchemy", "psycopg", "psycopg2"):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def open_knowledge_base(
    settings: Settings, embedder: Embedder, db: Database | None = None
) -> tuple[ClientAPI, KnowledgeBase]:
    """(chroma client, knowledge base). An embedded index that fails to open or read is moved
    aside and replaced by an empty one; a Chroma server's errors and a wrong embedder are raised."""
    from knowledge.index_collection import IndexConfigError

    client = None
    try:
        client = make_chroma_client(settings)
        return client, make_knowledge_base(settings, client, embedder, db)
    except (IndexConfigError, ConfigError, KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # chroma raises InternalError, sqlite errors or a Rust panic
        if settings.chroma_host or not (isinstance(exc, Exception) or type(exc).__name__ == "PanicException"):
            raise
        if _is_database_error(exc):
            raise  # the PostgreSQL keyword index failed, not chroma: the index files are fine
        path = (settings.data_dir / "chroma").resolve()
        _forget_chroma_system(path, client)
        moved = move_index_aside(path)
        reason = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        log.warning(
            "The search index in %s could not be read (%s). It was moved to %s and a new one is being "
            "built from the database and the shipped corpus.", path, reason, moved,
        )
    client = make_chroma_client(settings)
    return client, make_knowledge_base(settings, client, embedder, db)


def make_ingestor(settings: Settings, kb: KnowledgeBase) -> Ingestor:
    """The ingestor with the per-file limits of the settings."""
    from knowledge.ingest import Ingestor
    from knowledge.ingest_limits import MB, IngestLimits

    limits = IngestLimits(
        max_file_bytes=int(settings.ingest_max_file_mb * MB),
        max_chunks=settings.ingest_max_chunks,
        max_seconds=settings.ingest_max_seconds,
    )
    return Ingestor(kb, limits=limits)


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
    from handlers.ask.text import sentences_of
    from knowledge.asks import CorpusAsks
    from knowledge.keyword_pg import PostgresKeywordIndex
    from knowledge.retrieval import KnowledgeBase

    keywords: PostgresKeywordIndex | None = None
    searches: ThreadPoolExecutor | None = None
    if db is not None and db.engine.dialect.name == "postgresql":
        keywords = PostgresKeywordIndex(db.engine)
        # keyword searches are round trips to PostgreSQL: run them alongside the vector search
        searches = ThreadPoolExecutor(max_workers=KEYWORD_SEARCH_THREADS, thread_name_prefix="keyword-search")
    kb = KnowledgeBase.open(
        client, embedder, collection=settings.chroma_collection, min_relevance=settings.min_relevance,
        keyword_index=keywords, keyword_executor=searches, asks=CorpusAsks(embedder, cache_dir=settings.data_dir),
        split_sentences=sentences_of,  # the notes' sentence vectors, embedded as they are indexed
    )
    if keywords is not None and len(keywords) == 0 and kb.count() > 0:
        log.info("filling the shared keyword index from the vector index (%d chunks, once)", kb.count())
        kb.reload_keywords()  # a deployment that moved to PostgreSQL with an existing vector index
    return kb


def start_index_repair(ingestor: Ingestor, notes: Sequence[Chunk], paths: Sequence[Path]) -> threading.Thread:
    """Compare the database's notes and ingested paths with the index and rebuild the missing
    part in a background thread, logging what it does. Not a daemon thread: a one-shot command
    finishes the rebuild before it exits (a daemon would be killed half-way, every time)."""
    from knowledge.index_repair import find_gap, repair

    def run() -> None:
        try:
            gap = find_gap(ingestor, notes, paths)
            if gap.empty:
                return
            log.warning("The search index is behind the database (%s): rebuilding that part in the background.",
                        gap.describe())
            docs = repair(ingestor, gap)
            log.warning("Search index rebuilt: %d team note(s) and %d file(s) re-indexed%s.",
                        len(gap.notes_missing), docs.files if docs else 0,
                        f", {len(docs.skipped)} file(s) skipped" if docs and docs.skipped else "")
        except Exception:
            log.exception("Rebuilding the missing part of the search index failed; run `ftadvisor reindex`.")

    thread = threading.Thread(target=run, name="index-repair", daemon=False)
    thread.start()
    return thread
