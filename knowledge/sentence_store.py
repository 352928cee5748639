"""The sentence vectors of team notes, embedded when a note is indexed and kept in their own chroma
collection, so that answering a question reads them instead of running the encoder.

Why: the extractive composers score every sentence of the top passages by cosine to the question
(`handlers.ask.semantic.SentenceSimilarity`). The curated corpus's sentences are embedded once per
data dir (`handlers.ask.sentence_vectors`), but a note's were embedded the first time a question
met them: with 10,000 notes almost every question met new ones, an encoder call on the slowest
questions (`python -m bench.ask_bench`). Now `KnowledgeBase.upsert` embeds a note's sentences with
the note (`add`), and the ask path reads them (`get`, one call by id).

Where: a chroma collection `<collection>-sentences-<embedder>` next to the passages' own, so the
vectors live where the index lives: on the Chroma server every replica shares, or in the embedded
index of the data dir; both survive a restart, and `reindex` rebuilds them with the notes.

A content-addressed cache: a record's id is the sha256 of the sentence's text and its vector is
that text's embedding (a text's vector does not depend on the other texts of its batch), whichever
note it came from. No text is stored. A missing record (a note indexed before this store existed,
a sentence shared with a deleted note, a sentence split another way) only costs the encoder call it
saves; a record can never be wrong, so no answer depends on what the store holds.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterable, Sequence

import numpy as np
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection

from knowledge.embedding_adapters import ChromaEmbeddingFunction
from knowledge.embeddings import Embedder
from knowledge.types import Chunk, PassageKind

#: The passages whose sentences are embedded when indexed. The curated corpus's are embedded once
#: per data dir instead; an ingested document's are left to first use (embedding them here would
#: count against the per-file ingest time budget).
KINDS: frozenset[PassageKind] = frozenset({"note"})
#: Sentences per chroma write or read.
BATCH = 500


def sentence_id(text: str) -> str:
    """The record id of a sentence: its text's sha256 (hex)."""
    return hashlib.sha256(text.encode()).hexdigest()


class SentenceVectorStore:
    """Sentence vectors by text in one chroma collection; `split` cuts a passage into its sentences
    exactly as the composers do (injected: that rule belongs to the ask handlers)."""

    def __init__(
        self, client: ClientAPI, embedder: Embedder, collection_name: str, split: Callable[[str], list[str]]
    ) -> None:
        self.client = client
        self.embedder = embedder
        self.collection_name = collection_name
        self.split = split
        self._ef = ChromaEmbeddingFunction(embedder)
        self._collection = self._open()

    def _open(self) -> Collection:
        # l2, not cosine: a cosine collection hands back its vectors normalised again (last bits
        # differ); an l2 one returns exactly what was stored. The store is only read by id.
        return self.client.get_or_create_collection(
            name=self.collection_name, embedding_function=self._ef, metadata={"hnsw:space": "l2"}  # type: ignore[arg-type]
        )

    def sentences(self, chunks: Iterable[Chunk]) -> list[str]:
        """The sentences of the chunks whose kind is embedded when indexed, once each, in order."""
        texts: dict[str, None] = {}
        for chunk in chunks:
            if chunk.kind in KINDS:
                texts.update((t, None) for t in self.split(chunk.text))
        return list(texts)

    def add(self, chunks: Sequence[Chunk]) -> int:
        """Embed and store the sentences of `chunks` not stored yet; returns how many were embedded."""
        by_id = {sentence_id(t): t for t in self.sentences(chunks)}
        stored = self._stored_ids(list(by_id))
        new = [record_id for record_id in by_id if record_id not in stored]
        for start in range(0, len(new), BATCH):
            ids = new[start : start + BATCH]
            vectors = np.asarray(self.embedder.embed_documents([by_id[i] for i in ids]), dtype=np.float32)
            self._collection.upsert(ids=ids, embeddings=vectors)
        return len(new)

    def get(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored vector of each of `texts` that has one."""
        by_id = {sentence_id(t): t for t in dict.fromkeys(texts)}
        found: dict[str, np.ndarray] = {}
        ids = list(by_id)
        for start in range(0, len(ids), BATCH):
            page = self._collection.get(ids=ids[start : start + BATCH], include=["embeddings"])
            embeddings = page["embeddings"] if page["embeddings"] is not None else []
            for record_id, vector in zip(page["ids"], embeddings, strict=True):
                found[by_id[record_id]] = np.asarray(vector, dtype=np.float32)
        return found

    def delete(self, chunks: Sequence[Chunk]) -> None:
        """Forget the sentences of `chunks` (a sentence another note shares is embedded again on use)."""
        ids = [sentence_id(t) for t in self.sentences(chunks)]
        for start in range(0, len(ids), BATCH):
            self._collection.delete(ids=ids[start : start + BATCH])

    def count(self) -> int:
        return self._collection.count()

    def reset(self) -> None:
        """Drop every stored vector (with the index: `KnowledgeBase.reset`)."""
        with contextlib.suppress(Exception):  # NotFoundError when it is already gone
            self.client.delete_collection(self.collection_name)
        self._collection = self._open()

    def _stored_ids(self, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(ids), BATCH):
            found.update(self._collection.get(ids=list(ids[start : start + BATCH]), include=[])["ids"])
        return found
