"""Hybrid retrieval: quality on the shipped corpus and speed at 100,000 chunks.

    python -m bench.retrieval_bench [--chunks 100000] [--queries 3] [--skip-scale]

Quality (the shipped corpus and bench/questions.yaml): recall@5 and MRR of the listed source
passages for the hybrid retriever and each arm alone, and a sweep of `min_relevance` (best cosine
of the retrieved passages) showing in-scope questions refused vs out-of-scope questions answered.

Scale: the real corpus (embedded for real) plus synthetic chunks up to `--chunks`, in a chroma
PersistentClient in a temp dir. Embedding 100k chunks on 2 cores takes far too long, so the
synthetic chunks (`bench/synthetic_corpus.py`: Zipf words, vectors near real ones, 3% private
notes over 50 channels) get *precomputed* unit vectors inserted into chroma directly. Only the
queries are embedded.
Latency is measured end to end (`HybridRetriever.retrieve`), first with a cold query cache
(query embedding included) and then warm, over three scopes (none, a channel, a channel + kinds).
"""

from __future__ import annotations

import argparse
import gc
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from bench.common import current_rss_mb, emit, machine, peak_rss_mb, percentiles
from bench.synthetic_corpus import synthetic_chunks

QUESTIONS = Path(__file__).with_name("questions.yaml")
THRESHOLDS = [round(0.20 + 0.01 * i, 2) for i in range(31)]
EXTRA_QUERIES = [
    "how much GPU memory does LoRA need?",
    "what is QLoRA?",
    "is fine-tuning worth it for a chatbot?",
    "how do I evaluate a RAG system?",
    "prompt injection risks",
    "when does RAG beat fine-tuning?",
    "cost per request of a fine-tuned model",
    "catastrophic forgetting",
    "how many examples to fine-tune",
    "few-shot prompting examples",
    "what is a system prompt",
    "KPIs for LLM projects",
    "latency of fine-tuned models",
    "data labeling for fine-tuning",
    "prompt versioning",
    "hybrid approach fine-tuning plus prompting",
    "what is prefix tuning",
    "domain adaptation legal",
    "healthcare fine-tuning example",
    "temperature and top-p",
    "model drift maintenance",
    "vendor lock-in fine-tuning",
    "open source models fine-tuning",
    "JSON output reliability",
    "what's the weather tomorrow",
    "football results",
    "sourdough recipe",
    "kubernetes ingress tls",
    "how to rotate AWS keys",
    "best pizza in town",
    "python list comprehension",
    "tax return deadline",
]


def _matches(passage_id: str, source: str) -> bool:
    return passage_id == source or passage_id.startswith(source + "-")


# --- quality -----------------------------------------------------------------------------------


def quality(embedder: Any) -> dict[str, Any]:
    import chromadb

    from knowledge.corpus import CORPUS_DIR
    from knowledge.ingest import Ingestor
    from knowledge.retrieval import KnowledgeBase

    items = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    kb = KnowledgeBase.open(chromadb.EphemeralClient(), embedder, "bench-quality")
    Ingestor(kb).ingest([CORPUS_DIR])
    retriever = kb.retriever
    in_scope = [q for q in items if not q.get("out_of_scope")]
    out_scope = [q for q in items if q.get("out_of_scope")]

    def rank_of(ids: list[str], sources: list[str]) -> int | None:
        return next((i for i, pid in enumerate(ids, 1) if any(_matches(pid, s) for s in sources)), None)

    arms: dict[str, list[int | None]] = {"hybrid": [], "vector": [], "bm25": []}
    best_in: list[float] = []
    misses = []
    for item in in_scope:
        passages = retriever.retrieve(item["q"], k=5)
        best_in.append(max((p.vector_score or 0.0) for p in passages))
        hybrid = rank_of([p.id for p in passages], item["sources"])
        arms["hybrid"].append(hybrid)
        vec = kb.index.search(embedder.embed_query(item["q"]), 5, None)
        arms["vector"].append(rank_of([c.id for c, _ in vec], item["sources"]))
        arms["bm25"].append(rank_of([i for i, _ in kb.keyword_index.search(item["q"], 5)], item["sources"]))
        if hybrid is None:
            misses.append(item["q"])
    best_out = [max((p.vector_score or 0.0) for p in retriever.retrieve(item["q"], k=5)) or 0.0 for item in out_scope]
    sweep = []
    for t in THRESHOLDS:
        refused = sum(b < t for b in best_in)
        answered = sum(b >= t for b in best_out)
        balanced = ((len(best_in) - refused) / len(best_in) + (len(best_out) - answered) / len(best_out)) / 2
        sweep.append(
            {
                "min_relevance": t,
                "in_scope_refused": refused,
                "out_of_scope_answered": answered,
                "balanced_accuracy": round(balanced, 3),
            }
        )
    best = max(sweep, key=lambda r: (r["balanced_accuracy"], -r["in_scope_refused"]))
    return {
        "questions_in_scope": len(in_scope),
        "questions_out_of_scope": len(out_scope),
        **{f"recall@5_{arm}": round(sum(r is not None for r in ranks) / len(ranks), 3) for arm, ranks in arms.items()},
        **{f"mrr@5_{arm}": round(sum(1 / r for r in ranks if r) / len(ranks), 3) for arm, ranks in arms.items()},
        "hybrid_misses": misses,
        "best_cosine_in_scope_lowest": sorted(round(b, 3) for b in best_in)[:6],
        "best_cosine_out_of_scope": sorted((round(b, 3) for b in best_out), reverse=True),
        "threshold_sweep": sweep,
        "best_threshold": best,
    }


# --- scale -------------------------------------------------------------------------------------


def scale(embedder: Any, n_chunks: int, rounds: int) -> dict[str, Any]:
    import chromadb

    from knowledge.chunking import chunk_document, retrieval_text
    from knowledge.corpus import CORPUS_DIR, corpus_files
    from knowledge.index import KnowledgeIndex
    from knowledge.loaders import load_document
    from knowledge.retrieval import KnowledgeBase
    from knowledge.types import Chunk, SearchScope

    real = [c for p in corpus_files([CORPUS_DIR]) for c in chunk_document(load_document(p), kind="corpus")]
    real_vectors = embedder.embed_documents([retrieval_text(c) for c in real])
    out: dict[str, Any] = {"chunks": n_chunks, "real_corpus_chunks": len(real)}
    with tempfile.TemporaryDirectory(prefix="ftadvisor-retrieval-bench-") as tmp:
        start = time.perf_counter()
        synthetic, vectors = synthetic_chunks(n_chunks - len(real), real, real_vectors)
        out["generate_s"] = round(time.perf_counter() - start, 1)
        client = chromadb.PersistentClient(str(Path(tmp) / "chroma"))
        index = KnowledgeIndex(client, embedder, "bench-scale")
        start = time.perf_counter()
        index.upsert_with_embeddings(real, real_vectors)
        index.upsert_with_embeddings(synthetic, vectors)
        out["chroma_insert_s"] = round(time.perf_counter() - start, 1)
        del synthetic, vectors
        gc.collect()

        rss_before = current_rss_mb()
        start = time.perf_counter()
        kb = KnowledgeBase(KnowledgeIndex(client, embedder, "bench-scale"))  # as at process start
        out["startup_load_and_bm25_build_s"] = round(time.perf_counter() - start, 1)
        out["keyword_index_rss_mb"] = round(current_rss_mb() - rss_before, 1)
        assert kb.count() == n_chunks == len(kb.keyword_index)
        retriever = kb.retriever

        items = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
        queries = [q["q"] for q in items] + EXTRA_QUERIES
        scopes = [None, SearchScope(channel="C7"), SearchScope(channel="C3", kinds=["corpus", "note"])]
        labels = ["no scope", "channel", "channel + kinds corpus/note"]
        cold: list[float] = []
        warm: list[float] = []
        by_scope: dict[str, list[float]] = {label: [] for label in labels}
        cold_by_scope: dict[str, list[float]] = {label: [] for label in labels}
        parts: dict[str, list[float]] = {"embed_query": [], "vector": [], "bm25": []}
        for r in range(rounds):
            for i, query in enumerate(queries):
                scope = scopes[(i + r) % len(scopes)]
                start = time.perf_counter()
                passages = retriever.retrieve(query, k=5, scope=scope)
                elapsed = time.perf_counter() - start
                (cold if r == 0 else warm).append(elapsed)
                (cold_by_scope if r == 0 else by_scope)[labels[(i + r) % len(scopes)]].append(elapsed)
                assert all(
                    p.chunk.visibility == "public" or (scope and p.chunk.channel == scope.channel) for p in passages
                )
        for query in queries[:60]:
            start = time.perf_counter()
            vector = embedder.embed_documents([query])[0]
            parts["embed_query"].append(time.perf_counter() - start)
            start = time.perf_counter()
            index.search(vector, 20, SearchScope(channel="C7"))
            parts["vector"].append(time.perf_counter() - start)
            start = time.perf_counter()
            kb.keyword_index.search(query, 20, SearchScope(channel="C7"))
            parts["bm25"].append(time.perf_counter() - start)
        adds = []
        for i in range(20):
            note = Chunk(
                id=f"note:bench-{i}",
                doc_id="note",
                text=f"Team decision {i}: use LoRA rank {i}.",
                title="Team note",
                source="bench",
                kind="note",
            )
            start = time.perf_counter()
            kb.upsert([note])
            adds.append(time.perf_counter() - start)
        out["retrieve_cold"] = percentiles(cold)
        out["retrieve_warm"] = percentiles(warm)
        out["retrieve_warm_default_kinds"] = percentiles(by_scope["no scope"] + by_scope["channel"])
        out["retrieve_cold_default_kinds"] = percentiles(cold_by_scope["no scope"] + cold_by_scope["channel"])
        out["retrieve_warm_by_scope"] = {label: percentiles(values) for label, values in by_scope.items()}
        out["components"] = {name: percentiles(values) for name, values in parts.items()}
        out["add_one_note"] = percentiles(adds)
        out["peak_rss_mb"] = round(peak_rss_mb(), 1)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="hybrid retrieval quality and latency")
    parser.add_argument("--chunks", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=3, help="rounds over the query set (first is cold)")
    parser.add_argument("--skip-scale", action="store_true")
    args = parser.parse_args(argv)

    from knowledge.embeddings import get_onnx_embedder
    from knowledge.retrieval import DEFAULT_MIN_RELEVANCE

    embedder = get_onnx_embedder()
    q = quality(embedder)
    best = q["best_threshold"]
    emit(
        "retrieval_quality",
        {**q, "default_min_relevance": DEFAULT_MIN_RELEVANCE},
        (
            f"quality: recall@5 hybrid {q['recall@5_hybrid']} (vector {q['recall@5_vector']}, "
            f"bm25 {q['recall@5_bm25']}), "
            f"MRR {q['mrr@5_hybrid']}; best min_relevance {best['min_relevance']} "
            f"(refuses {best['in_scope_refused']}/{q['questions_in_scope']} in-scope, answers "
            f"{best['out_of_scope_answered']}/{q['questions_out_of_scope']} out-of-scope); "
            f"default {DEFAULT_MIN_RELEVANCE}"
        ),
    )
    if args.skip_scale:
        return 0
    s = scale(embedder, args.chunks, max(args.queries, 2))
    labels_kinds = "channel + kinds corpus/note"
    emit(
        "retrieval_scale",
        {**s, "machine": machine()},
        (
            f"{s['chunks']} chunks: retrieve p50 {s['retrieve_warm']['p50_ms']} ms / "
            f"p95 {s['retrieve_warm']['p95_ms']} ms "
            f"warm (default kinds: p50 {s['retrieve_warm_default_kinds']['p50_ms']} / "
            f"p95 {s['retrieve_warm_default_kinds']['p95_ms']} ms; cold, query embedding included: "
            f"p95 {s['retrieve_cold_default_kinds']['p95_ms']} ms); kinds-restricted scope (may use chroma's "
            f"where filter): p50 {s['retrieve_warm_by_scope'][labels_kinds]['p50_ms']} ms; "
            f"startup {s['startup_load_and_bm25_build_s']} s; peak RSS {s['peak_rss_mb']} MB"
        ),
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
