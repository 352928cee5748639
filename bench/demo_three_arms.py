"""The three-arm demo table: Gemma 3 270M base + few-shot prompt, SmolLM2-135M-Instruct + the same
prompt as chat turns (JSON-schema constrained), Gemma 3 270M + the pack's LoRA adapter (minimal
prompt), each alone over the eval and off-distribution sets of a pack.

    python -m bench.demo_bench --three-arms [--pack ticket-triage] [--write] [--limit N]

Prints one JSON line and a table (accuracy, valid output, latency, tokens, cost per 1k requests).
`--write` records the figures in the pack's `measured_arms.json`, from which the demo picks its
default prompted arm (the strongest on eval). Arms run one at a time, one thread each.
"""

from __future__ import annotations

import os
import platform
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.demo_arms import LocalArmConfig, arm_setup
from bot.demo_prompt_arms import FINETUNED_CONFIGS, PROMPTED_CONFIGS, arm_names, choose_for_pack
from bot.settings import Settings
from handlers.demo.metrics import arm_metrics
from handlers.demo.runner import DemoRunner
from knowledge.demos.measured import MeasuredArm, MeasuredArms, SplitFigures, write_measured
from knowledge.demos.pack import Pack

ARM_IDS = ("gemma", "smollm2", "gemma-lora")


def measure(
    settings: Settings, pack: Pack, *, limit: int | None = None
) -> tuple[dict[str, MeasuredArm], dict[str, Any]]:
    """Each arm over each set: figures per arm, and timings (load, wall and CPU seconds per split)."""
    configs = {**PROMPTED_CONFIGS, **FINETUNED_CONFIGS}
    names = arm_names()
    splits = [s for s in ("eval", "offdist") if s == "eval" or pack.spec.data.offdist is not None]
    out: dict[str, MeasuredArm] = {}
    timings: dict[str, Any] = {}
    for arm_id in ARM_IDS:
        cfg = LocalArmConfig.model_validate(configs[arm_id])
        setup = arm_setup(settings, pack, "finetuned" if arm_id == "gemma-lora" else "base", cfg)
        started = time.perf_counter()
        setup.arm.warm()  # type: ignore[attr-defined]
        timings[arm_id] = {"load_s": round(time.perf_counter() - started, 2)}
        runner = DemoRunner(pack, None)  # type: ignore[arg-type]  # run_arm needs only the pack
        figures: dict[str, SplitFigures] = {}
        for split in splits:
            examples = pack.examples(split)[:limit]
            wall, cpu = time.perf_counter(), time.process_time()
            outcomes = [runner.run_arm(setup, ex.text) for ex in examples]
            timings[arm_id][split] = {"wall_s": round(time.perf_counter() - wall, 1),
                                      "cpu_s": round(time.process_time() - cpu, 1)}
            expected = [{f: ex.label[f] for f in pack.fields} for ex in examples]
            m = arm_metrics(outcomes, expected, pack.fields)
            figures[split] = SplitFigures(
                n=len(examples), accuracy=round(m.accuracy, 4), valid_rate=round(m.valid_rate, 4),
                latency_p50_ms=m.latency_p50_ms, latency_p95_ms=m.latency_p95_ms,
                prompt_tokens_avg=round(m.prompt_tokens_avg, 1),
                completion_tokens_avg=round(m.completion_tokens_avg, 1),
                cost_per_1k_requests=round(m.cost_per_1k_requests, 6),
                errors=sum(o.result.error is not None for o in outcomes),
            )
        out[arm_id] = MeasuredArm(name=names[arm_id], family=setup.model_family, prompted=arm_id != "gemma-lora",
                                  prompt=setup.prompt, splits=figures)
        del setup, runner
    return out, timings


def table(arms: dict[str, MeasuredArm]) -> str:
    head = f"{'arm':<34} {'set':<8} {'n':>4} {'exact':>7} {'valid':>6} {'p50 ms':>7} {'p95 ms':>7} " \
           f"{'prompt tok':>10} {'compl tok':>9} {'$/1k req':>9}"
    lines = [head, "-" * len(head)]
    for arm in arms.values():
        for split, f in arm.splits.items():
            lines.append(
                f"{arm.name[:34]:<34} {split:<8} {f.n:>4} {f.accuracy:>7.1%} {f.valid_rate:>6.0%} "
                f"{f.latency_p50_ms:>7.0f} {f.latency_p95_ms:>7.0f} {f.prompt_tokens_avg:>10.0f} "
                f"{f.completion_tokens_avg:>9.1f} {f.cost_per_1k_requests:>9.5f}"
            )
    return "\n".join(lines)


def run(data_dir: Path, pack: Pack, *, write: bool, limit: int | None, command: str) -> dict[str, Any]:
    settings = Settings(data_dir=data_dir, demo_prompt_arm="auto")  # type: ignore[call-arg]
    load = os.getloadavg()
    arms, timings = measure(settings, pack, limit=limit)
    measured = MeasuredArms(
        pack=pack.name,
        measured_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        command=command,
        machine=f"{os.cpu_count()} CPUs, {platform.platform()}, load average at start "
        f"{load[0]:.1f}/{load[1]:.1f}/{load[2]:.1f}, at end {os.getloadavg()[0]:.1f}",
        eval_sha256=pack.data_sha256("eval"),
        arms=arms,
    )
    written = None
    if write and limit is None:
        written = str(write_measured(pack, measured))
    choice = choose_for_pack(settings, pack) if written else None
    return {
        "measured": measured.model_dump(mode="json"),
        "timings": timings,
        "written": written,
        "choice": None if choice is None else {"arm": choice.arm_id, "reason": choice.reason},
        "table": table(arms),
    }
