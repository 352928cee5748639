"""Bring your own task: `pack create` + `finetune --pack` (train, both arms on eval, learning curve).

    python -m bench.byot_bench [--data-dir DIR] [--file knowledge/demos/samples/bank-intents/bank-intents.jsonl]

Target (issue 14), on 2 cores: pack create + finetune + evaluation of a ~500-example file <= 5 min
(the one-time GGUF -> fp32 conversion of the base model excluded: it is cached in the data dir).
Reports the durations, the machine load before and after (the machine may be shared), both arms'
accuracy on the held-out split and the learning curve with its plain-words reading.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import emit, machine

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "knowledge/demos/samples/bank-intents/bank-intents.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", type=Path, default=None, help="Data dir holding models/ (default: a temp dir).")
    ap.add_argument("--file", type=Path, default=SAMPLE)
    ap.add_argument("--label-fields", default="intent")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="byot-bench-"))
    env = {**os.environ, "FTADVISOR_DATA_DIR": str(data_dir), "FTADVISOR_TRAIN_TIMEOUT": "7200",
           "PYTHONPATH": str(ROOT)}
    cli = [sys.executable, "-m", "bot"]
    load_before = os.getloadavg()
    t0 = time.perf_counter()
    subprocess.run([*cli, "pack", "create", "bench", "--replace", "--from", str(args.file),
                    "--label-fields", args.label_fields], check=True, env=env, capture_output=True)
    t1 = time.perf_counter()
    subprocess.run([*cli, "finetune", "--pack", "bench", "--threads", str(args.threads)], check=True, env=env)
    t2 = time.perf_counter()
    card = json.loads((data_dir / "packs/bench/adapter/training_card.json").read_text())
    ev = card["eval"]["eval"]
    result = {
        "machine": machine(), "load_before": load_before, "load_after": os.getloadavg(),
        "seconds": {"pack_create": round(t1 - t0, 1), "finetune_eval_curve": round(t2 - t1, 1),
                    "total": round(t2 - t0, 1)},
        "durations_s": card["durations_s"], "n_train": card["data"]["train"]["n"], "n_eval": ev["n"],
        "accuracy": {"base": ev["base"]["accuracy"], "finetuned": ev["finetuned"]["accuracy"]},
        "learning_curve": card.get("learning_curve", []),
    }
    curve = "; ".join(f"{p['fraction']:.0%}: {p['accuracy']:.1%}" for p in result["learning_curve"])
    emit("byot", result, f"pack create + finetune + eval + curve: {result['seconds']['total']} s "
         f"(load {load_before[0]:.1f} -> {result['load_after'][0]:.1f}); base {ev['base']['accuracy']:.1%} / "
         f"fine-tuned {ev['finetuned']['accuracy']:.1%} on {ev['n']}; curve {curve}")


if __name__ == "__main__":
    main()
