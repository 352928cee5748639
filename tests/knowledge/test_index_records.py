"""Chunks round-trip through chroma's metadata exactly; a private chunk is visible only to its own
channel (as a filter and as a check); one collection name per vector space."""

from __future__ import annotations

import pytest

from knowledge.embeddings import OnnxEmbedder
from knowledge.index_records import chunk_from_record, chunk_metadata, collection_name_for, is_visible, scope_filter
from knowledge.types import Chunk, SearchScope

PRIVATE = Chunk(
    id="note:7", doc_id="note:7", text="Our LoRA runbook: r=8.", heading="Runbook", title="Team note",
    source="Team note by ada", kind="note", author="ada", date="2026-11-30", visibility="private", channel="C1",
)
PUBLIC = PRIVATE.model_copy(update={"id": "doc#a", "kind": "document", "visibility": "public", "channel": ""})


def test_a_chunk_round_trips_through_its_metadata() -> None:
    meta = chunk_metadata(PRIVATE)
    assert "text" not in meta and meta["channel"] == "C1"
    assert chunk_from_record(PRIVATE.text, meta) == PRIVATE


@pytest.mark.parametrize(
    ("scope", "private_seen", "public_seen"),
    [
        (None, False, True),
        (SearchScope(channel="C1"), True, True),
        (SearchScope(channel="C2"), False, True),
        (SearchScope(channel="C1", kinds=["document"]), False, True),
        (SearchScope(channel="C1", kinds=["note"]), True, False),
    ],
)
def test_visibility_by_channel_and_kind(scope: SearchScope | None, private_seen: bool, public_seen: bool) -> None:
    assert is_visible(PRIVATE, scope) is private_seen
    assert is_visible(PUBLIC, scope) is public_seen


def test_the_filter_names_the_channel_and_only_narrows_kinds_when_asked() -> None:
    assert scope_filter(None) == {"visibility": "public"}
    mine = scope_filter(SearchScope(channel="C1"))
    assert mine == {"$or": [{"visibility": "public"}, {"$and": [{"visibility": "private"}, {"channel": "C1"}]}]}
    notes = scope_filter(SearchScope(kinds=["note"]))
    assert notes == {"$and": [{"visibility": "public"}, {"kind": {"$in": ["note"]}}]}


def test_collection_name_for(embedder: OnnxEmbedder) -> None:
    assert collection_name_for("ftadvisor", embedder) == "ftadvisor-onnx-all-minilm-l6-v2-int8"
