"""The vector index: chunks in one chroma collection, cosine space.

The collection is created with our embedding function (chroma never falls back to its default).
Everything goes through the collection directly: similarity search is one `query` by vector
(documents, metadatas and distances; `search_with_vectors`, which the retriever uses to rank, also
asks for the stored vectors), writes embed `heading + text` but store the cited text alone, and
bookkeeping reads page through metadata only. (`langchain_chroma` was used for the search until it
turned out to cost a replica ~0.6 s of CPU at start-up for importing LangChain's tracing stack, for
one call.) Every `Chunk` field is kept as chroma metadata (the text as the document), so chunks
round-trip exactly, and a private chunk is only returned to its own channel (both in
`knowledge/index_records.py`). Opening the collection, and refusing one built for another embedder
or distance space (`IndexConfigError`), is `knowledge/index_collection.py`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection

from knowledge.chunking import retrieval_text
from knowledge.embedding_adapters import ChromaEmbeddingFunction
from knowledge.embeddings import Embedder
from knowledge.index_collection import open_collection
from knowledge.index_records import chunk_from_record, chunk_metadata, is_visible, scope_filter
from knowledge.types import Chunk, PassageKind, SearchScope

_META_PREFIX = "ftadvisor:"
PAGE_SIZE = 1000
PATH_BATCH = 100


class KnowledgeIndex:
    """Chunks in one chroma collection. The chroma client is injected."""

    def __init__(self, client: ClientAPI, embedder: Embedder, collection_name: str = "ftadvisor") -> None:
        self.client = client
        self.embedder = embedder
        self.collection_name = collection_name
        self._ef = ChromaEmbeddingFunction(embedder)
        self._open()

    def _open(self) -> None:
        self._collection: Collection = open_collection(self.client, self.collection_name, self._ef)

    @property
    def collection(self) -> Collection:
        return self._collection

    # --- writes --------------------------------------------------------------------------------

    def upsert(self, chunks: Sequence[Chunk]) -> None:
        unique = list({c.id: c for c in chunks}.values())  # chroma refuses repeated ids in one call
        if not unique:
            return
        step = min(self.client.get_max_batch_size(), 512)
        for start in range(0, len(unique), step):
            batch = unique[start : start + step]
            vectors = self.embedder.embed_documents([retrieval_text(c) for c in batch])
            self._collection.upsert(
                ids=[c.id for c in batch],
                embeddings=vectors,
                documents=[c.text for c in batch],
                metadatas=[chunk_metadata(c) for c in batch],
            )

    def upsert_with_embeddings(self, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
        """Store chunks with vectors computed elsewhere (benchmarks, bulk loads)."""
        step = self.client.get_max_batch_size()
        for start in range(0, len(chunks), step):
            batch = chunks[start : start + step]
            self._collection.upsert(
                ids=[c.id for c in batch],
                embeddings=vectors[start : start + step],
                documents=[c.text for c in batch],
                metadatas=[chunk_metadata(c) for c in batch],
            )

    def delete(self, ids: Sequence[str]) -> None:
        ids = list(dict.fromkeys(ids))
        step = self.client.get_max_batch_size()
        for start in range(0, len(ids), step):
            self._collection.delete(ids=ids[start : start + step])

    def reset(self) -> None:
        """Drop every chunk (and the stored markers) by recreating the collection."""
        with contextlib.suppress(Exception):  # NotFoundError when it is already gone
            self.client.delete_collection(self.collection_name)
        self._open()

    # --- reads ---------------------------------------------------------------------------------

    def count(self) -> int:
        return self._collection.count()

    def _pages(self, where: dict[str, Any] | None, include: list[str]) -> Iterator[dict[str, Any]]:
        offset = 0
        while True:
            page = self._collection.get(where=where, include=include, limit=PAGE_SIZE, offset=offset)  # type: ignore[arg-type]
            if not page["ids"]:
                return
            yield dict(page)
            if len(page["ids"]) < PAGE_SIZE:
                return
            offset += PAGE_SIZE

    def hashes(self, path: str | None = None) -> dict[str, str]:
        """{chunk id: content hash}, for every chunk or those of one file."""
        out: dict[str, str] = {}
        for page in self._pages({"path": path} if path is not None else None, ["metadatas"]):
            for chunk_id, meta in zip(page["ids"], page["metadatas"], strict=True):
                out[chunk_id] = str((meta or {}).get("content_hash", ""))
        return out

    def ids(self, where: dict[str, Any] | None = None) -> list[str]:
        """Every chunk id (matching `where`), without reading documents or metadata."""
        out: list[str] = []
        for page in self._pages(where, []):
            out.extend(page["ids"])
        return out

    def ids_by_path(self, where: dict[str, Any] | None = None) -> dict[str, set[str]]:
        """{stored path: chunk ids} of every chunk (matching `where`): reads all their metadata."""
        out: dict[str, set[str]] = {}
        for page in self._pages(where, ["metadatas"]):
            for chunk_id, meta in zip(page["ids"], page["metadatas"], strict=True):
                out.setdefault(str((meta or {}).get("path", "")), set()).add(chunk_id)
        return out

    def paths_present(self, paths: Sequence[str]) -> set[str]:
        """Which of `paths` have at least one chunk in the index. Reads the metadata of those
        files' chunks only (not of the whole collection, as `ids_by_path` does)."""
        found: set[str] = set()
        wanted = list(dict.fromkeys(paths))
        for start in range(0, len(wanted), PATH_BATCH):
            where = {"path": {"$in": wanted[start : start + PATH_BATCH]}}
            for page in self._pages(where, ["metadatas"]):
                found.update(str((meta or {}).get("path", "")) for meta in page["metadatas"])
        return found

    def all_chunks(self) -> list[Chunk]:
        chunks: list[Chunk] = []
        for page in self._pages(None, ["documents", "metadatas"]):
            chunks.extend(
                chunk_from_record(doc, meta) for doc, meta in zip(page["documents"], page["metadatas"], strict=True)
            )
        return chunks

    def chunks_of_kind(self, kind: PassageKind) -> list[Chunk]:
        """Every chunk of one kind (e.g. the curated corpus)."""
        return [
            chunk_from_record(doc, meta)
            for page in self._pages({"kind": kind}, ["documents", "metadatas"])
            for doc, meta in zip(page["documents"], page["metadatas"], strict=True)
        ]

    def get(self, ids: Sequence[str]) -> list[Chunk]:
        """The chunks that exist among `ids`, in the order given."""
        if not ids:
            return []
        page = self._collection.get(ids=list(dict.fromkeys(ids)), include=["documents", "metadatas"])
        found = {
            chunk_id: chunk_from_record(doc, meta)
            for chunk_id, doc, meta in zip(page["ids"], page["documents"] or [], page["metadatas"] or [], strict=True)
        }
        return [found[i] for i in dict.fromkeys(ids) if i in found]

    def vectors_of_kind(self, kind: PassageKind) -> tuple[list[str], np.ndarray]:
        """The ids and stored vectors of every chunk of one kind (e.g. the curated corpus)."""
        ids: list[str] = []
        rows: list[np.ndarray] = []
        for page in self._pages({"kind": kind}, ["embeddings"]):
            ids.extend(page["ids"])
            if page["embeddings"] is not None:
                rows.extend(np.asarray(v, dtype=np.float32) for v in page["embeddings"])
        return ids, np.stack(rows) if rows else np.zeros((0, 0), dtype=np.float32)

    def get_with_vectors(self, ids: Sequence[str]) -> list[tuple[Chunk, np.ndarray]]:
        if not ids:
            return []
        page = self._collection.get(
            ids=list(dict.fromkeys(ids)),
            include=["documents", "metadatas", "embeddings"],
        )
        embeddings = page["embeddings"] if page["embeddings"] is not None else []
        return [
            (chunk_from_record(doc, meta), np.asarray(vec, dtype=np.float32))
            for doc, meta, vec in zip(page["documents"] or [], page["metadatas"] or [], embeddings, strict=True)
        ]

    # --- search --------------------------------------------------------------------------------

    def vector_search(self, query: str, k: int = 20, where: dict[str, Any] | None = None) -> list[tuple[Chunk, float]]:
        """Nearest chunks to `query` as (chunk, cosine similarity), best first."""
        return self.vector_search_by_embedding(self.embedder.embed_query(query), k, where)

    def vector_search_by_embedding(
        self, vector: np.ndarray, k: int = 20, where: dict[str, Any] | None = None
    ) -> list[tuple[Chunk, float]]:
        if k <= 0:
            return []
        found = self._collection.query(
            query_embeddings=[np.asarray(vector, dtype=np.float32).tolist()],
            n_results=k,
            where=where,
            include=["documents", "metadatas", "distances"],
        )
        documents = (found["documents"] or [[]])[0]
        metadatas = (found["metadatas"] or [[]])[0]
        distances = (found["distances"] or [[]])[0]
        return [
            (chunk_from_record(doc, meta), 1.0 - float(dist))
            for doc, meta, dist in zip(documents, metadatas, distances, strict=True)
            if doc is not None
        ]

    def _query(self, vector: np.ndarray, k: int, where: dict[str, Any] | None) -> list[tuple[Chunk, float, np.ndarray]]:
        """Nearest `k` chunks as (chunk, cosine similarity, stored vector), best first."""
        found = self._collection.query(
            query_embeddings=[np.asarray(vector, dtype=np.float32).tolist()],
            n_results=k,
            where=where,
            include=["documents", "metadatas", "distances", "embeddings"],
        )
        docs = (found["documents"] or [[]])[0]
        metas = (found["metadatas"] or [[]])[0]
        dists = (found["distances"] or [[]])[0]
        vecs = found["embeddings"][0] if found["embeddings"] is not None else []
        return [
            (chunk_from_record(doc, meta), 1.0 - float(dist), np.asarray(vec, dtype=np.float32))
            for doc, meta, dist, vec in zip(docs, metas, dists, vecs, strict=True)
            if doc is not None
        ]

    def search(self, vector: np.ndarray, k: int, scope: SearchScope | None) -> list[tuple[Chunk, float]]:
        """The `k` nearest chunks visible from `scope` as (chunk, cosine), best first (see
        `search_with_vectors`)."""
        return [(chunk, cosine) for chunk, cosine, _ in self.search_with_vectors(vector, k, scope)]

    def search_with_vectors(
        self, vector: np.ndarray, k: int, scope: SearchScope | None
    ) -> list[tuple[Chunk, float, np.ndarray]]:
        """The `k` nearest chunks visible from `scope`, best first, with their stored vectors.

        chroma 1.5 evaluates a `where` filter against the metadata of every record (0.2-0.6 s per
        query at 100,000 chunks) while an unfiltered HNSW query takes milliseconds. So: query
        unfiltered for more than `k` (then for ten times more), drop what `scope` may not see, and
        use the filtered query only when too few visible chunks remain (e.g. a kinds filter on a
        rare kind). Every path returns the same top-k visible chunks (up to HNSW's approximation).
        The collection's size is asked only when a query returned fewer hits than it asked for (a
        `count` per query was a second round trip to a Chroma server on every ask).
        """
        if k <= 0:
            return []
        for fetch in (2 * k + 10, max(10 * k, 200)):
            hits = self._query(vector, fetch, None)
            visible = [hit for hit in hits if is_visible(hit[0], scope)]
            if len(visible) >= k:
                return visible[:k]
            if not hits:
                return []  # an empty collection
            if len(hits) < fetch and len(hits) >= self.count():
                return visible  # every chunk was looked at
        return [hit for hit in self._query(vector, k, scope_filter(scope)) if is_visible(hit[0], scope)]

    # --- small markers kept in the collection's metadata (e.g. the corpus fingerprint) ----------

    def get_marker(self, key: str) -> str | None:
        fresh = self.client.get_collection(self.collection_name, embedding_function=self._ef)  # type: ignore[arg-type]
        value = (fresh.metadata or {}).get(_META_PREFIX + key)
        return None if value is None else str(value)

    def set_marker(self, key: str, value: str) -> None:
        fresh = self.client.get_collection(self.collection_name, embedding_function=self._ef)  # type: ignore[arg-type]
        metadata = {k: v for k, v in (fresh.metadata or {}).items() if not k.startswith("hnsw:")}
        metadata[_META_PREFIX + key] = value
        self._collection.modify(metadata=metadata)
