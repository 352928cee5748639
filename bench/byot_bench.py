"""Bring your own task: `pack create` + `finetune --pack`, timed part by part.

    python -m bench.byot_bench [--data-dir DIR] [--file knowledge/demos/samples/bank-intents/bank-intents.jsonl]

Target (issue 14), on 2 cores: pack create + finetune + evaluation of a ~500-example file <= 5 min.
`finetune --pack` prints the side-by-side result (both arms on the held-out split) as soon as it is
known, then computes the learning curve as a follow-up; the bench reports, separately: pack create,
the one-time GGUF -> fp32 conversion (cached in the data dir; pass --data-dir with a converted model
to leave it out), loading + training, evaluation of both arms, the time until the side-by-side result
was printed, and the learning curve. Each part with its CPU time (all threads) besides wall time:
on a shared machine wall time grows with the load, CPU time much less. Also the load average
before and after, both arms' accuracy and the curve with its plain-words reading.

    python -m bench.byot_bench --units [--data-dir DIR]

On a loaded machine, where a full run would take an hour: the CPU cost of each unit instead (one
model load, a LoRA step of batch 8 on the pack's training set, one call of each arm), one thread, to
be multiplied by the counts above (steps, 2 x n_eval calls).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import emit, machine

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "knowledge/demos/samples/bank-intents/bank-intents.jsonl"


def children_cpu() -> float:
    """CPU seconds (user + system, all threads) of the finished subprocesses so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_finetune(cli: list[str], env: dict[str, str], threads: int) -> tuple[float, float]:
    """Run `finetune --pack bench`; (seconds until the side-by-side result was printed, total seconds)."""
    t0 = time.perf_counter()
    result_at = float("nan")
    proc = subprocess.Popen([*cli, "finetune", "--pack", "bench", "--threads", str(threads)], env=env,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("eval (n=") and result_at != result_at:  # the first summary: the side-by-side result
            result_at = time.perf_counter() - t0
        sys.stdout.write(line)
    if proc.wait() != 0:
        raise SystemExit(f"finetune failed with exit code {proc.returncode}")
    return result_at, time.perf_counter() - t0


def measure_units(data_dir: Path, steps: int = 7, calls: int = 20) -> dict[str, Any]:
    """Wall and CPU seconds (this process, all threads) of a model load, a LoRA step (the first one
    excluded: warm-up) and a call of each arm on the `bench` pack, with one thread."""
    from bot.demo_arms import build_demo_arms
    from bot.settings import Settings
    from bot.train.finetune import encode_examples
    from bot.train.hf_model import load_trainable
    from bot.train.lora_gguf import write_lora_gguf
    from bot.train.trainer import LoraConfig, train_lora
    from handlers.demo.runner import DemoRunner
    from knowledge.demos.pack import load_pack

    def clock() -> tuple[float, float]:
        return time.perf_counter(), time.process_time()

    def since(t: tuple[float, float], n: int = 1) -> dict[str, float]:
        return {"wall": round((time.perf_counter() - t[0]) / n, 3), "cpu": round((time.process_time() - t[1]) / n, 3)}

    settings = Settings(data_dir=data_dir)
    pack = load_pack("bench", search=[data_dir / "packs"])
    out: dict[str, Any] = {}
    t = clock()
    model, tokenizer, _ = load_trainable(data_dir / "models")
    out["load_model"] = since(t)
    marks: list[tuple[float, float]] = []
    cfg = LoraConfig(steps=steps, threads=1, warmup_steps=1)
    state = train_lora(model, encode_examples(pack, tokenizer, pack.examples("train")), cfg,
                       lambda *_: marks.append(clock())).state
    out["lora_step"] = {"wall": round((marks[-1][0] - marks[0][0]) / (steps - 1), 3),
                        "cpu": round((marks[-1][1] - marks[0][1]) / (steps - 1), 3)}
    del model
    with tempfile.TemporaryDirectory() as tmp:
        adapter = write_lora_gguf(state, Path(tmp) / "units.gguf", alpha=cfg.alpha)
        arms = build_demo_arms(settings.model_copy(update={"demo_arms_file": None}), pack, adapter_override=adapter)
        for setup in arms:
            setup.arm.warm()
        runner = DemoRunner(pack, arms)
        for role, setup in (("base", arms.base), ("finetuned", arms.finetuned)):
            t = clock()
            for ex in pack.examples("eval")[:calls]:
                runner.run_arm(setup, ex.text)
            out[f"call_{role}"] = since(t, calls)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", type=Path, default=None, help="Data dir holding models/ (default: a temp dir).")
    ap.add_argument("--file", type=Path, default=SAMPLE)
    ap.add_argument("--label-fields", default="intent")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--units", action="store_true", help="Only the CPU cost of each unit (a loaded machine).")
    args = ap.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="byot-bench-"))
    env = {**os.environ, "FTADVISOR_DATA_DIR": str(data_dir), "FTADVISOR_TRAIN_TIMEOUT": "7200",
           "PYTHONPATH": str(ROOT)}
    cli = [sys.executable, "-m", "bot"]
    load_before = os.getloadavg()
    t0, cpu0 = time.perf_counter(), children_cpu()
    subprocess.run([*cli, "pack", "create", "bench", "--replace", "--from", str(args.file),
                    "--label-fields", args.label_fields], check=True, env=env, capture_output=True)
    create_s, create_cpu = time.perf_counter() - t0, children_cpu() - cpu0
    if args.units:
        os.environ["OMP_NUM_THREADS"] = "1"
        units = measure_units(data_dir)
        emit("byot_units", {"machine": machine(), "load_before": load_before, "load_after": os.getloadavg(),
                            "pack_create": {"wall": round(create_s, 1), "cpu": round(create_cpu, 1)}, **units},
             f"units (1 thread, CPU s): load {units['load_model']['cpu']}, LoRA step {units['lora_step']['cpu']}, "
             f"base call {units['call_base']['cpu']}, fine-tuned call {units['call_finetuned']['cpu']} "
             f"(load {load_before[0]:.1f} -> {os.getloadavg()[0]:.1f})")
        return
    cpu1 = children_cpu()
    result_at, finetune_s = run_finetune(cli, env, args.threads)
    finetune_cpu = children_cpu() - cpu1
    card = json.loads((data_dir / "packs/bench/adapter/training_card.json").read_text())
    d: dict[str, float] = card["durations_s"]
    ev = card["eval"]["eval"]
    curve_s = d.get("curve_train", 0.0) + d.get("curve_evaluate", 0.0)
    parts: dict[str, Any] = {
        "pack_create": {"wall": round(create_s, 1), "cpu": round(create_cpu, 1)},
        "convert_gguf_to_hf_once": {"wall": d.get("convert_gguf_to_hf", 0.0)},
        "load_and_train": {"wall": round(d["load_model"] + d["train"] + d.get("export_gguf", 0.0), 1),
                           "train_cpu": d.get("train_cpu")},
        "evaluate_both_arms": {"wall": d.get("evaluate"), "cpu": d.get("evaluate_cpu")},
        "learning_curve": {"wall": round(curve_s, 1),
                           "cpu": round(d.get("curve_train_cpu", 0.0) + d.get("curve_evaluate_cpu", 0.0), 1),
                           "train_wall": d.get("curve_train"), "evaluate_wall": d.get("curve_evaluate")},
    }
    result = {
        "machine": machine(), "load_before": load_before, "load_after": os.getloadavg(), "parts_s": parts,
        "seconds": {
            "to_side_by_side_result": round(create_s + result_at, 1),  # what the target is about
            "to_side_by_side_without_conversion": round(create_s + result_at - d.get("convert_gguf_to_hf", 0.0), 1),
            "whole_command_with_curve": round(create_s + finetune_s, 1),
        },
        "cpu_s": {"pack_create_and_finetune_all": round(create_cpu + finetune_cpu, 1)},
        "durations_s": d, "n_train": card["data"]["train"]["n"], "n_eval": ev["n"],
        "steps": card["training"]["steps"],
        "accuracy": {"base": ev["base"]["accuracy"], "finetuned": ev["finetuned"]["accuracy"]},
        "learning_curve": card.get("learning_curve", []),
    }
    curve = "; ".join(f"{p['fraction']:.0%} ({p['n_train']}, {p['steps']} steps): {p['accuracy']:.1%}"
                      for p in result["learning_curve"])
    s = result["seconds"]
    emit("byot", result, f"side-by-side result after {s['to_side_by_side_result']} s "
         f"({s['to_side_by_side_without_conversion']} s without the one-time conversion); with the learning "
         f"curve {s['whole_command_with_curve']} s (load {load_before[0]:.1f} -> {result['load_after'][0]:.1f}); "
         f"base {ev['base']['accuracy']:.1%} / fine-tuned {ev['finetuned']['accuracy']:.1%} on {ev['n']}; "
         f"curve {curve}")


if __name__ == "__main__":
    main()
