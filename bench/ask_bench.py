"""`ask` latency, warm, with the shipped corpus plus 10,000 synthetic team notes.

    python -m bench.ask_bench [--notes 10000] [--runs 200]

Targets (issue 2): p50 <= 100 ms, p95 <= 300 ms, peak RSS <= 600 MB. Notes are written to the
database and indexed in batches (like `reindex`); questions come from bench/questions.yaml.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import tempfile
import time
from pathlib import Path

import yaml

from bot.container import Container
from bot.settings import Settings
from handlers.models import Conversation
from handlers.note import note_chunk

WORDS = (
    "latency budget ticket routing adapter rank eval prompt token cost vendor gpu cluster label dataset "
    "drift refresh review customer churn invoice parser schema retry cache embedding summary onboarding "
    "policy legal contract search ranking recall precision sprint roadmap pilot baseline quality tone "
    "translation support triage escalation billing shipping account outage migration index chunk"
).split()


def synthetic_note(rng: random.Random, i: int) -> str:
    words = rng.choices(WORDS, k=rng.randint(12, 40))
    return f"Note {i}: " + " ".join(words) + "."


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--notes", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=200)
    args = ap.parse_args()
    questions = [q["q"] for q in yaml.safe_load(Path(__file__).with_name("questions.yaml").read_text())]
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        c = Container(Settings(data_dir=Path(tmp)))  # type: ignore[call-arg]
        t0 = time.perf_counter()
        c.retriever  # noqa: B018
        corpus_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        batch = []
        for i in range(args.notes):
            note = c.notes_store.add(
                synthetic_note(rng, i), author=f"user{i % 50}", channel=f"C{i % 20}",
                visibility="private" if i % 5 == 0 else "public", platform="slack",
            )
            batch.append(note_chunk(note))
            if len(batch) == 500:
                c.kb.upsert(batch)
                batch = []
        if batch:
            c.kb.upsert(batch)
        notes_s = time.perf_counter() - t0
        for q in questions[:20]:  # warm up
            c.ask.answer(q, Conversation(channel="C1", thread="warm"), remember=False)
        times = []
        for i in range(args.runs):
            q = questions[i % len(questions)]
            t = time.perf_counter()
            c.ask.answer(q, Conversation(channel=f"C{i % 20}", thread=f"b{i}"), remember=True)
            times.append((time.perf_counter() - t) * 1000)
        result = {
            "bench": "ask",
            "notes": args.notes,
            "runs": args.runs,
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(pct(times, 95), 1),
            "max_ms": round(max(times), 1),
            "peak_rss_mb": round(peak_rss_mb(), 1),
            "corpus_index_s": round(corpus_s, 1),
            "notes_index_s": round(notes_s, 1),
            "chunks": c.kb.count(),
        }
        c.close()
    print(json.dumps(result))
    print(
        f"ask warm over corpus + {args.notes} notes: p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms "
        f"(targets 100/300), peak RSS {result['peak_rss_mb']} MB (target 600)"
    )


if __name__ == "__main__":
    main()
