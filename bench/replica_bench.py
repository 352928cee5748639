"""Several replicas on shared engines: PostgreSQL (pgserver) + a Chroma server (`chroma run`).

    python -m bench.replica_bench [--chunks 100000] [--rounds 5] [--concurrency 20] [--asks 60] [--data DIR]

1. Fill: the shipped corpus (real embeddings) plus synthetic chunks up to `--chunks` (the
   generator of bench/synthetic_corpus.py: Zipf words, vectors near real ones) into the Chroma
   server and the PostgreSQL keyword index (`keyword_chunks`). The synthetic private chunks are
   team notes and are also written to the database's `notes` table (the database is the source
   of truth for notes: a replica's index repair would otherwise delete them from the index).
   With `--data DIR` the PostgreSQL data directory and the Chroma path are kept in DIR and the
   fill is skipped when DIR already holds `--chunks` chunks (re-measure without the ~11-minute
   fill at 100,000); without it everything lives in a temp dir removed at the end.
2. Replica start-up at that size: a fresh process does what `serve slack` does before it listens
   (settings, container, migrations check, router, retriever) and reports its time and RSS; from
   process start (imports included) and after imports. Three runs, median. Target: <= 5 s, <= 600 MB.
3. Ask through the shared keyword engine: in that process, `--asks` questions through the ask
   service (vector search on the Chroma server + PostgreSQL full-text search, fused); p50/p95.
   Six questions in turn: the first round (reported apart as `ask_first_round`) computes each
   question's embedding and its passages' sentence vectors; the figure is the later rounds, where
   those are cached and retrieval (both engines) plus composition is what is timed. RSS is
   sampled after every ask; `peak_rss_mb` is the process's own high-water mark (VmHWM).
   Target: p95 <= 100 ms.
4. Ack latency with the inbox on PostgreSQL: `serve slack` in its own process on these engines,
   `--rounds` bursts of `--concurrency` signed mentions sent at once (bench/slack_bench.py; since
   round 5 each request is built and signed before the senders are released, the timed window is
   still connect -> 200 read); every acknowledgement includes the inbox insert. Target: p99 <= 100 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import current_rss_mb, emit, machine, peak_rss_mb, percentiles
from bench.replica_fill import fill

REPO = Path(__file__).resolve().parents[1]
QUESTIONS = [
    "When should we fine-tune instead of using RAG?",
    "How much cheaper is PEFT than full fine-tuning?",
    "What does prompt tuning change in the model?",
    "Which KPIs should we track for a fine-tuned model?",
    "How many labelled examples does LoRA need?",
    "What is catastrophic forgetting?",
]


def engines_env(database_url: str, chroma_port: int, data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "FTADVISOR_", "OPENAI_", "CHROMA_"))}
    env.update(
        {
            "PYTHONPATH": str(REPO),
            "DATABASE_URL": database_url,
            "CHROMA_HOST": "127.0.0.1",
            "CHROMA_PORT": str(chroma_port),
            "FTADVISOR_DATA_DIR": str(data_dir),
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def probe(asks: int) -> None:
    """Run inside a fresh process: start like a replica, then ask. Prints one JSON line."""
    started = time.perf_counter()
    from bot.container import Container
    from bot.settings import load_settings
    from handlers.models import Conversation

    imported = time.perf_counter()
    cpu_imported = time.process_time()
    c = Container(load_settings(), chat_model=None)
    stages: dict[str, float] = {}
    stages_cpu: dict[str, float] = {}
    for name in ("db", "embedder", "kb", "router", "retriever"):  # what `serve slack` builds before it listens
        t0, cpu0 = time.perf_counter(), time.process_time()
        getattr(c, name)
        stages[name] = round(time.perf_counter() - t0, 2)
        stages_cpu[name] = round(time.process_time() - cpu0, 2)
    ready = time.perf_counter()
    cpu_ready = time.process_time()
    rss_ready = current_rss_mb()
    samples = []
    rss_max = rss_ready
    for i in range(asks):
        conv = Conversation(platform="slack", workspace="T", channel="C7", thread=f"bench-{i}", user="U")
        t0 = time.perf_counter()
        c.ask.answer(QUESTIONS[i % len(QUESTIONS)], conv, remember=False)
        samples.append(time.perf_counter() - t0)
        rss_max = max(rss_max, current_rss_mb())
    print(
        json.dumps(
            {
                "imports_s": round(imported - started, 2),
                "after_imports_s": round(ready - imported, 2),
                "imports_cpu_s": round(cpu_imported, 2),
                "after_imports_cpu_s": round(cpu_ready - cpu_imported, 2),
                "stages_s": stages,
                "stages_cpu_s": stages_cpu,
                "rss_ready_mb": round(rss_ready, 1),
                "rss_max_during_asks_mb": round(rss_max, 1),
                "peak_rss_mb": round(peak_rss_mb(), 1),
                # the first round (each question new: its embedding and sentence vectors computed)
                # warms the caches; the figure is every later round (the same 6 questions again)
                "ask_first_round": percentiles(samples[: len(QUESTIONS)]),
                "ask": percentiles(samples[len(QUESTIONS) :]),
                "keyword_backend": type(c.kb.keyword_index).__name__,
            }
        )
    )
    c.close()


def startup_runs(env: dict[str, str], asks: int, runs: int = 3) -> dict[str, Any]:
    results = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "bench.replica_bench", "--probe", "--asks", str(asks)],
            cwd=REPO, env=env, capture_output=True, text=True, timeout=600, check=True,
        )
        total = time.perf_counter() - started
        result = json.loads(done.stdout.strip().splitlines()[-1])
        result["process_wall_s"] = round(total, 2)
        results.append(result)
    return {
        "runs": results,
        "startup_median_s": round(statistics.median(r["imports_s"] + r["after_imports_s"] for r in results), 2),
        "startup_cpu_median_s": round(
            statistics.median(r["imports_cpu_s"] + r["after_imports_cpu_s"] for r in results), 2
        ),
        "after_imports_median_s": statistics.median(r["after_imports_s"] for r in results),
        "rss_ready_median_mb": statistics.median(r["rss_ready_mb"] for r in results),
        "peak_rss_max_mb": max(r["peak_rss_mb"] for r in results),
        "ask": results[-1]["ask"],
        "ask_first_round": results[-1]["ask_first_round"],
        "keyword_backend": results[-1]["keyword_backend"],
    }


def ack_bench(env: dict[str, str], rounds: int, concurrency: int) -> dict[str, Any]:
    import re

    from bench.slack_bench import SECRET, TOKEN, ack_round, mention, wait_answers
    from tests.support.fake_slack import FakeSlack

    fake = FakeSlack().start()
    env = {**env, "SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": fake.api_url}
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "slack", "--host", "127.0.0.1", "--port", "0"],
        cwd=REPO, env={**env, "COLUMNS": "200"}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        assert proc.stdout is not None
        url = ""
        for line in proc.stdout:
            found = re.search(r"(http://127\.0\.0\.1:\d+/slack/events)", line)
            if found:
                url = found.group(1)
                break
        if not url:
            raise RuntimeError("the Slack server did not start")
        mention(url, "CWARM", QUESTIONS[0])
        fake.wait_for("chat.update", lambda c: c.params.get("channel") == "CWARM", timeout=300)
        samples: list[float] = []
        for r in range(rounds):
            samples += ack_round(url, concurrency, f"R{r}")
            wait_answers(fake, f"CACKR{r}x", concurrency)
        return {"ack": percentiles(samples), "rounds": rounds, "concurrency": concurrency}
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        fake.stop()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run_on_engines(root: Path, args: argparse.Namespace, *, keep: bool) -> tuple[dict[str, Any], ...]:
    """Start PostgreSQL and a Chroma server on `root`, fill them unless `root` already holds
    `args.chunks` chunks (a kept `--data` dir), then measure. Returns (fill, start-up, ack)."""
    import pgserver

    from tests.system.conftest import wait_http

    pg = pgserver.get_server(root / "pg", cleanup_mode="stop")
    if "(1 row)" not in pg.psql("SELECT 1 FROM pg_database WHERE datname = 'bench';"):
        pg.psql("CREATE DATABASE bench;")
    database_url = pg.get_uri("bench").replace("postgresql://", "postgresql+psycopg://", 1)
    chroma_port = _free_port()
    chroma = subprocess.Popen(
        [str(Path(sys.executable).with_name("chroma")), "run", "--path", str(root / "chroma"),
         "--host", "127.0.0.1", "--port", str(chroma_port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    marker = root / "fill.json"
    try:
        wait_http(f"http://127.0.0.1:{chroma_port}/api/v2/heartbeat", 60, chroma)
        previous = json.loads(marker.read_text()) if keep and marker.exists() else None
        if previous is not None and previous.get("requested_chunks") != args.chunks:
            raise SystemExit(f"{root} holds a fill of {previous.get('requested_chunks')} chunks, not "
                             f"{args.chunks}: use another --data dir (or delete this one).")
        if previous is None:
            filled = fill(database_url, chroma_port, root / "filler", args.chunks)
            filled["requested_chunks"] = args.chunks
            if keep:
                marker.write_text(json.dumps(filled))
        else:
            filled = {**previous, "fill_reused_from": str(root)}
        env = engines_env(database_url, chroma_port, root / "replica")
        startup = startup_runs(env, args.asks)
        ack = ack_bench(env, args.rounds, args.concurrency)
    finally:
        chroma.kill()
        chroma.wait(timeout=30)
        pg.cleanup()  # cleanup_mode "stop": stops the server, keeps its data directory
    return filled, startup, ack


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chunks", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--asks", type=int, default=60)
    parser.add_argument("--data", type=Path, default=None,
                        help="keep PostgreSQL and Chroma data here and reuse a fill of the same size")
    parser.add_argument("--probe", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        probe(args.asks)
        return

    if args.data is not None:
        args.data.mkdir(parents=True, exist_ok=True)
        filled, startup, ack = run_on_engines(args.data.resolve(), args, keep=True)
    else:
        with tempfile.TemporaryDirectory(prefix="ftadvisor-replica-bench-") as tmp:
            filled, startup, ack = run_on_engines(Path(tmp), args, keep=False)
    result = {**filled, **startup, **ack, "loadavg_1m": round(os.getloadavg()[0], 2), "machine": machine()}
    human = (
        f"{filled['chunks']} chunks | replica start-up median {startup['startup_median_s']} s "
        f"({startup['after_imports_median_s']} s after imports; CPU {startup['startup_cpu_median_s']} s), "
        f"RSS {startup['rss_ready_median_mb']} MB, "
        f"peak {startup['peak_rss_max_mb']} MB (targets 5 s, 600 MB) | ask p50 {startup['ask']['p50_ms']} ms, "
        f"p95 {startup['ask']['p95_ms']} ms (target p95 100 ms; first round p50 "
        f"{startup['ask_first_round']['p50_ms']} ms) | ack p50 {ack['ack']['p50_ms']} ms, "
        f"p99 {ack['ack']['p99_ms']} ms (target p99 100 ms) | load {result['loadavg_1m']}"
    )
    emit("replica", result, human)


if __name__ == "__main__":
    main()
