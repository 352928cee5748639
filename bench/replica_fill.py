"""The data of `bench/replica_bench.py`: the shipped corpus (real embeddings) plus synthetic chunks
(the generator of bench/synthetic_corpus.py) written to a Chroma server and to PostgreSQL's keyword
index, the synthetic private chunks also as team notes in the `notes` table (the database is the
source of truth for notes: a replica's index repair deletes indexed notes the database lacks)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any


def _as_notes(chunks: list[Any]) -> tuple[list[Any], list[dict[str, Any]]]:
    """The synthetic private chunks become team notes: id `note:<id>` and a `notes` table row."""
    from bot.storage.db import utcnow

    out: list[Any] = []
    rows: list[dict[str, Any]] = []
    now = utcnow()
    for i, chunk in enumerate(chunks):
        if chunk.kind == "note":
            note_id = f"syn{i}"
            chunk = chunk.model_copy(update={"id": f"note:{note_id}", "doc_id": f"note:{note_id}"})
            rows.append({"id": note_id, "text": chunk.text, "author": "UBENCH", "channel": chunk.channel,
                         "visibility": chunk.visibility, "platform": "slack", "created_at": now})
        out.append(chunk)
    return out, rows


def fill(database_url: str, chroma_port: int, data_dir: Path, n_chunks: int) -> dict[str, Any]:
    from sqlalchemy import delete, insert

    from bench.synthetic_corpus import synthetic_chunks
    from bot.container import Container
    from bot.settings import Settings
    from bot.storage.schema import notes_table

    c = Container(Settings(data_dir=data_dir, database_url=database_url, chroma_host="127.0.0.1",
                           chroma_port=chroma_port), chat_model=None)
    c.retriever  # noqa: B018 - indexes the shipped corpus (real embeddings) into both engines
    kb = c.kb
    real_pairs = kb.index.get_with_vectors([ch.id for ch in kb.index.all_chunks()])
    real = [ch for ch, _ in real_pairs]
    import numpy as np

    real_vectors = np.stack([v for _, v in real_pairs])
    out: dict[str, Any] = {"real_corpus_chunks": len(real)}
    synthetic, vectors = synthetic_chunks(max(0, n_chunks - len(real)), real, real_vectors)
    synthetic, note_rows = _as_notes(synthetic)
    if note_rows:
        with c.db.begin() as conn:  # idempotent: a fill interrupted half-way can be run again
            conn.execute(delete(notes_table).where(notes_table.c.id.in_([r["id"] for r in note_rows])))
            conn.execute(insert(notes_table), note_rows)
    out["notes"] = len(note_rows)
    start = time.perf_counter()
    step = 2000
    for i in range(0, len(synthetic), step):
        kb.index.upsert_with_embeddings(synthetic[i : i + step], vectors[i : i + step])
    out["chroma_insert_s"] = round(time.perf_counter() - start, 1)
    start = time.perf_counter()
    kb.keyword_index.add(synthetic)
    out["keyword_insert_s"] = round(time.perf_counter() - start, 1)
    out["chunks"] = kb.count()
    out["keyword_rows"] = len(kb.keyword_index)
    c.close()
    return out
