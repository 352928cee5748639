"""How a chunk is stored in chroma and read back, and which stored chunks a search may see.

Every `Chunk` field but the text is kept as chroma metadata (the text is the document), so chunks
round-trip exactly. Visibility: public chunks for everyone, a private chunk only for its own
channel, as a chroma `where` filter (`scope_filter`) and as a check on chunks already read
(`is_visible`, for hits found another way). One collection per vector space (`collection_name_for`).
"""

from __future__ import annotations

import re
from typing import Any

from knowledge.embeddings import Embedder
from knowledge.types import ALL_KINDS, Chunk, SearchScope

META_FIELDS = tuple(f for f in Chunk.model_fields if f != "text")


def collection_name_for(base: str, embedder: Embedder) -> str:
    """One collection per vector space: '<base>-<embedder name>', valid as a chroma name."""
    name = re.sub(r"[^a-zA-Z0-9._-]+", "-", f"{base}-{embedder.name}").strip("-._")
    return name[:200] if len(name) >= 3 else f"{name}-kb"


def scope_filter(scope: SearchScope | None) -> dict[str, Any]:
    """chroma `where`: public chunks, plus private ones of the asking channel; optional kinds."""
    channel = scope.channel if scope is not None else None
    visibility: dict[str, Any] = {"visibility": "public"}
    if channel:
        visibility = {"$or": [{"visibility": "public"}, {"$and": [{"visibility": "private"}, {"channel": channel}]}]}
    kinds = list(dict.fromkeys(scope.kinds)) if scope is not None else list(ALL_KINDS)
    if set(kinds) >= set(ALL_KINDS):
        return visibility
    return {"$and": [visibility, {"kind": {"$in": kinds}}]}


def is_visible(chunk: Chunk, scope: SearchScope | None) -> bool:
    """Public chunks always; a private chunk only from its own channel; kinds as asked."""
    if scope is not None and chunk.kind not in scope.kinds:
        return False
    if chunk.visibility == "public":
        return True
    return scope is not None and bool(scope.channel) and scope.channel == chunk.channel


def chunk_metadata(chunk: Chunk) -> dict[str, str | int | float | bool]:
    data = chunk.model_dump(include=set(META_FIELDS))
    return {k: v for k, v in data.items() if isinstance(v, str | int | float | bool)}


def chunk_from_record(document: str | None, metadata: Any) -> Chunk:
    meta = dict(metadata or {})
    fields = {k: meta[k] for k in META_FIELDS if k in meta}
    return Chunk(text=document or "", **fields)
