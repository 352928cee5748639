"""The LLM answer path against a real OpenAI-compatible server: llama-cpp-python's server with
SmolLM2-135M-Instruct, started through our launcher (bot/llm/local_server.py) on 127.0.0.1.

    python -m bench.llm_bench [--limit N] [--style quote|write] [--stream] [--json]

Runs the first N in-scope dev questions (bench/questions.yaml) through the real ask path with the
model configured and reports the llm-mode rate (answers the model wrote and validation kept), the
fallback reasons, fact coverage, and llm_ms p50/p95. Each answer is sent to the model once.
`--stream` streams every answer as the Slack adapter does and also reports the time from the
question to the first streamed sentence (what `chat.startStream` would carry).
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
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import yaml

from bot.container import Container
from bot.settings import Settings
from handlers.models import Conversation

QUESTIONS = Path(__file__).with_name("questions.yaml")
ROOT = Path(__file__).resolve().parents[1]


def start_server(port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.llm.local_server", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    for _ in range(600):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/v1/models", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.terminate()
    raise SystemExit("the llama.cpp server did not start")


def server_settings(data_dir: Path, port: int, deadline: float, *, style: str = "quote", **extra: Any) -> Settings:
    """Settings for a bench against the local model server on `port`: one deadline, no retries."""
    return Settings(  # type: ignore[call-arg]
        data_dir=data_dir, openai_base_url=f"http://127.0.0.1:{port}/v1", llm_model="smollm2",
        llm_deadline_s=deadline, llm_timeout_s=deadline, llm_max_retries=0,
        llm_max_tokens=300, llm_answer_style=style, llm_schema_mode="json_object", **extra,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=20)
    parser.add_argument("--style", choices=["quote", "write"], default="quote")
    parser.add_argument("--port", type=int, default=18181)
    parser.add_argument("--deadline", type=float, default=120.0)
    parser.add_argument("--stream", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    items = [q for q in yaml.safe_load(QUESTIONS.read_text()) if not q.get("out_of_scope")][: args.limit]
    proc = start_server(args.port)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            settings = server_settings(Path(tmp), args.port, args.deadline, style=args.style)
            container = Container(settings)
            container.retriever  # noqa: B018 - index first
            modes: Counter[str] = Counter()
            ms: list[int] = []
            first_ms: list[float] = []
            facts_found = facts_total = 0
            for i, item in enumerate(items):
                started = time.monotonic()
                first: list[float] = []

                def on_text(_text: str, first: list[float] = first, started: float = started) -> None:
                    if not first:
                        first.append((time.monotonic() - started) * 1000)

                answer = container.ask.answer(item["q"], Conversation(channel="bench", thread=f"l{i}"),
                                              remember=False, on_text=on_text if args.stream else None)
                first_ms.extend(first)
                if answer.mode == "llm":
                    modes["llm"] += 1
                elif answer.notice_reason:
                    modes[f"fallback:{answer.notice_reason}"] += 1
                else:
                    modes["not asked (not covered)"] += 1
                if answer.llm_ms is not None:
                    ms.append(answer.llm_ms)
                facts = item.get("facts", [])
                facts_total += len(facts)
                facts_found += sum(f.lower() in answer.answer.lower() for f in facts)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    asked = sum(modes.values())
    report = {
        "questions": len(items),
        "asked_llm": len(ms),
        "llm_mode_rate": round(modes["llm"] / max(1, len(ms)), 3),
        "outcomes": dict(modes),
        "fact_coverage": round(facts_found / max(1, facts_total), 3),
        "llm_ms_p50": statistics.median(ms) if ms else None,
        "llm_ms_p95": sorted(ms)[max(0, round(0.95 * len(ms)) - 1)] if ms else None,
        "style": args.style,
        "streamed": args.stream,
        "first_sentence_ms_p50": statistics.median(first_ms) if first_ms else None,
        "first_sentence_ms_p95": sorted(first_ms)[max(0, round(0.95 * len(first_ms)) - 1)] if first_ms else None,
        "answers": asked,
    }
    print(json.dumps(report) if args.json else "\n".join(f"{k}: {v}" for k, v in report.items()))


if __name__ == "__main__":
    main()
