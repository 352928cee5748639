"""Opening the chroma collection the index lives in, and refusing one this process cannot use.

A collection remembers how it was built: the embedding function it was created with (chroma
refuses to reopen it with another), its distance space and, in the function's persisted config,
the name of the embedder whose vectors it holds. Searching a collection of another embedder's
vectors would return nonsense without any error, so each mismatch is an `IndexConfigError` at open
(the bot refuses to start; an unreadable embedded index, by contrast, is moved aside and rebuilt).
Kept apart from `knowledge.index`, which reads and writes chunks once the collection is open.
"""

from __future__ import annotations

from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection

from knowledge.embedding_adapters import ChromaEmbeddingFunction


class IndexConfigError(RuntimeError):
    """The collection cannot be used with this embedder (wrong embedding function or space)."""


def open_collection(client: ClientAPI, name: str, ef: ChromaEmbeddingFunction) -> Collection:
    """The collection `name` (created in cosine space with `ef` if missing), after checking that it
    was built with our embedding function, in cosine space, from `ef`'s embedder."""
    try:
        collection: Collection = client.get_or_create_collection(
            name=name,
            embedding_function=ef,  # type: ignore[arg-type]
            metadata={"hnsw:space": "cosine"},
        )
    except ValueError as exc:
        raise IndexConfigError(f"Chroma collection {name!r} was built with another embedding function: {exc}") from exc
    space = (collection.configuration_json.get("hnsw") or {}).get("space", "cosine")
    if space != "cosine":
        raise IndexConfigError(f"Chroma collection {name!r} uses {space!r}, not cosine distance.")
    persisted = (collection.configuration_json.get("embedding_function") or {}).get("config") or {}
    if persisted.get("embedder") not in (None, ef.embedder.name):
        raise IndexConfigError(
            f"Chroma collection {name!r} holds {persisted['embedder']} vectors; this "
            f"process embeds with {ef.embedder.name}. Use another collection name or reset it."
        )
    return collection
