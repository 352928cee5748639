"""The live demo on the embedded arms (Gemma 3 270M via llama.cpp, base + few-shot vs + LoRA).

    python -m bench.demo_bench [--data-dir DIR] [--pack ticket-triage]
    python -m bench.demo_bench --three-arms [--write] [--limit N]   # bench/demo_three_arms.py

Targets (issue 4), on 2 cores: one side-by-side <= 3 s, a 100-item eval <= 60 s, RSS with both
arms loaded <= 1.3 GB. Also reports the pack's eval and off-distribution accuracy for both arms
and the fine-tuning duration recorded in the shipped adapter's training card.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import current_rss_mb, emit, machine, peak_rss_mb, timed
from bot.demo_arms import build_demo_arms
from bot.settings import Settings
from handlers.demo.runner import DemoRunner
from knowledge.demos import load_pack


def _arm_summary(metrics: Any) -> dict[str, Any]:
    return {
        "accuracy": round(metrics.accuracy, 4),
        "field_accuracy": {k: round(v, 4) for k, v in metrics.field_accuracy.items()},
        "valid_rate": round(metrics.valid_rate, 4),
        "latency_p50_ms": metrics.latency_p50_ms,
        "latency_p95_ms": metrics.latency_p95_ms,
        "prompt_tokens_avg": round(metrics.prompt_tokens_avg, 1),
        "cost_per_1k_requests": round(metrics.cost_per_1k_requests, 6),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", type=Path, default=None, help="Data dir holding models/ (default: a temp dir).")
    ap.add_argument("--pack", default="ticket-triage")
    ap.add_argument("--three-arms", action="store_true",
                    help="Gemma base + prompt, SmolLM2-Instruct + prompt, Gemma + LoRA, each alone.")
    ap.add_argument("--write", action="store_true", help="With --three-arms: record the figures in the pack.")
    ap.add_argument("--limit", type=int, default=None, help="With --three-arms: first N items per set (no --write).")
    args = ap.parse_args()
    pack = load_pack(args.pack)
    if args.three_arms:
        _three_arms(args, pack)
        return
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = args.data_dir or Path(tmp)
        settings = Settings(data_dir=data_dir)  # type: ignore[call-arg]
        rss_start = current_rss_mb()
        arms = build_demo_arms(settings, pack)
        with timed() as load:
            for setup in arms:
                setup.arm.warm()  # type: ignore[attr-defined]
        rss_loaded = current_rss_mb()
        runner = DemoRunner(pack, arms)

        side: list[float] = []
        for text in (pack.spec.sample, pack.examples("eval")[0].text, pack.examples("offdist")[0].text):
            with timed() as t:
                reply = runner.side_by_side(text)
            side.append(t.seconds)
        assert reply.base.error is None and reply.finetuned.error is None

        results: dict[str, Any] = {}
        eval_100_s = float("nan")
        for split in ("eval", "offdist"):
            examples = pack.examples(split)
            started = time.perf_counter()
            marks: dict[int, float] = {}

            def progress(done: int, _n: int, marks: dict[int, float] = marks, started: float = started) -> None:
                if done == 100:
                    marks[100] = time.perf_counter() - started

            run = runner.evaluate(examples, progress)
            if split == "eval" and 100 in marks:
                eval_100_s = marks[100]
            results[split] = {
                "n": run.report.n,
                "seconds": round(run.duration_s, 1),
                "errors": run.errors,
                "base": _arm_summary(run.report.base),
                "finetuned": _arm_summary(run.report.finetuned),
            }
        rss_after = current_rss_mb()

    card: dict[str, Any] = {}
    if pack.adapter_card_path.is_file():
        card = json.loads(pack.adapter_card_path.read_text())
    out = {
        "pack": pack.name,
        "load_both_arms_s": round(load.seconds, 2),
        "side_by_side_s": [round(s, 2) for s in side],
        "side_by_side_max_s": round(max(side), 2),
        "eval_100_items_s": round(eval_100_s, 1),
        "rss_mb": {
            "before_arms": round(rss_start, 0),
            "both_arms_loaded": round(rss_loaded, 0),
            "after_evals": round(rss_after, 0),
            "peak": round(peak_rss_mb(), 0),
        },
        "accuracy": results,
        "finetune": {
            "produced_by": card.get("produced_by"),
            "durations_s": card.get("durations_s"),
            "machine": card.get("machine"),
        },
        "targets": {"side_by_side_s": 3.0, "eval_100_items_s": 60.0, "rss_both_arms_mb": 1300},
        "machine": machine(),
    }
    ev, od = results["eval"], results["offdist"]
    human = (
        f"demo: side-by-side {max(side):.2f} s (target 3 s), 100-item eval {eval_100_s:.1f} s (target 60 s), "
        f"RSS both arms {rss_loaded:.0f} MB / peak {peak_rss_mb():.0f} MB (target 1300 MB)\n"
        f"accuracy eval (n={ev['n']}): base {ev['base']['accuracy']:.1%} "
        f"vs fine-tuned {ev['finetuned']['accuracy']:.1%}"
        f" | offdist (n={od['n']}): base {od['base']['accuracy']:.1%} vs fine-tuned {od['finetuned']['accuracy']:.1%}\n"
        f"valid JSON eval: base {ev['base']['valid_rate']:.0%} vs fine-tuned {ev['finetuned']['valid_rate']:.0%}; "
        f"finetune durations (card): {card.get('durations_s')}"
    )
    emit("demo", out, human)


def _three_arms(args: argparse.Namespace, pack: Any) -> None:
    import sys

    from bench.demo_three_arms import run

    command = "python -m bench.demo_bench " + " ".join(sys.argv[1:])
    with tempfile.TemporaryDirectory() as tmp:
        result = run(args.data_dir or Path(tmp), pack, write=args.write, limit=args.limit, command=command)
    text = result.pop("table")
    choice = result["choice"]
    human = text + (f"\nprompt side: {choice['arm']} ({choice['reason']})" if choice else "")
    emit("demo_three_arms", {**result, "machine": machine()}, human)


if __name__ == "__main__":
    main()
