"""Shared fixtures for the knowledge tests: the real ONNX embedder, real chroma clients, fixture files."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import chromadb
import pytest
from chromadb.api import ClientAPI

from knowledge.embeddings import OnnxEmbedder, get_onnx_embedder
from knowledge.retrieval import KnowledgeBase

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_CORPUS = FIXTURES / "corpus"
FIXTURE_PAGES = FIXTURES / "pages"


@pytest.fixture(scope="session")
def embedder() -> OnnxEmbedder:
    return get_onnx_embedder()


@pytest.fixture
def client() -> ClientAPI:
    # EphemeralClient instances share one in-memory system per process: tests use unique collections.
    return chromadb.EphemeralClient()


@pytest.fixture
def collection_name() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def kb(client: ClientAPI, embedder: OnnxEmbedder, collection_name: str) -> KnowledgeBase:
    return KnowledgeBase.open(client, embedder, collection_name)


def chroma_write_seq(persist_dir: Path) -> int:
    """How many writes a PersistentClient has logged (every add/upsert/delete bumps it)."""
    db = sqlite3.connect(f"file:{persist_dir / 'chroma.sqlite3'}?mode=ro", uri=True)
    try:
        queued = db.execute("SELECT COALESCE(MAX(seq_id), 0) FROM embeddings_queue").fetchone()[0]
        applied = db.execute("SELECT COALESCE(MAX(seq_id), 0) FROM max_seq_id").fetchone()[0]
    finally:
        db.close()
    return int(max(queued, applied))
