"""The training process: `python -m bot.train.worker` reads one job (JSON on stdin), writes events.

Runs apart from the bot (its own process, lower CPU priority, its own thread count) so that
training never slows answering. Stdout carries one JSON event per line: `plan`, `stage`, `step`
(with loss), `item` (evaluation progress), `evaluated` (the side-by-side result on the held-out
split, sent as soon as it is known), more `step`/`item` events for the learning curve, then `result`
(everything, curve included) or `error`. The supervisor (`bot/train/supervisor.py`) enforces the
time and memory limits and relays the events.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field


class TrainJob(BaseModel):
    """What to train; everything the worker needs, so it reads no settings of its own."""

    data_dir: str
    pack: str
    out_dir: str | None = None
    steps: int | None = None  # None: two epochs, at most 120 steps
    batch_size: int = 8
    learning_rate: float = 2e-3
    rank: int = 8
    seed: int = 0
    threads: int = 1
    evaluate: bool = True
    curve: bool = True
    limit: int | None = None
    max_examples: int | None = None
    max_seq_tokens: int | None = None
    command: list[str] | None = None
    nice: int = Field(default=10, ge=0, le=19)  # background jobs yield the CPU to answering


def emit(**event: Any) -> None:
    sys.stdout.write(json.dumps(event, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def run(job: TrainJob) -> dict[str, Any]:
    """Train on all examples and evaluate both arms (reported at once as an `evaluated` event: the
    side-by-side result), then compute the learning curve; the `result` holds both."""
    from bot.settings import load_settings
    from bot.train.card import write_card
    from bot.train.curve import CurvePlan, auto_steps, learning_curve, share
    from bot.train.finetune import run_finetune
    from bot.train.trainer import LoraConfig
    from handlers.byot.curve import FRACTIONS, CurvePoint, read_curve
    from knowledge.demos.pack import load_pack

    settings = load_settings(data_dir=Path(job.data_dir))
    pack = load_pack(job.pack, search=[settings.data_dir / "packs"])
    train = pack.examples("train")[: job.limit] if job.limit else pack.examples("train")
    n_eval = len(pack.examples("eval")) if job.evaluate else 0

    def cfg_for(n: int) -> LoraConfig:
        steps = job.steps if job.steps and n == len(train) else None
        if job.steps and n != len(train):  # same epochs as the full run
            steps = max(2, round(job.steps * n / len(train)))
        steps = steps or auto_steps(n, job.batch_size)
        return LoraConfig(
            steps=steps, batch_size=job.batch_size, learning_rate=job.learning_rate, r=job.rank,
            alpha=2 * job.rank, seed=job.seed, threads=job.threads, warmup_steps=min(8, max(1, steps // 10)),
        )

    cfg = cfg_for(len(train))
    plans = [
        CurvePlan(fraction=f, cfg=cfg_for(len(share(train, f))), phase=f"{round(f * 100)}%")
        for f in FRACTIONS if f < 1 and job.curve and job.evaluate
    ]
    # progress counts two units per training step and one per model call; `total` is the work up to
    # the side-by-side result, `curve_total` the learning curve's, reported after it
    total = 2 * cfg.steps + 2 * n_eval
    curve_total = sum(2 * p.cfg.steps + n_eval for p in plans)
    emit(event="plan", total=total, curve_total=curve_total,
         phases=[{"name": "all", "examples": len(train), "steps": cfg.steps}]
         + [{"name": p.phase, "examples": len(share(train, p.fraction)), "steps": p.cfg.steps} for p in plans])

    def step(phase: str, base: int, of: int) -> Any:
        def on_step(s: int, n: int, loss: float) -> None:
            emit(event="step", phase=phase, step=s, steps=n, loss=loss, done=base + 2 * s, total=of)
        return on_step

    def item(phase: str, base: int, weight: int, of: int) -> Any:
        def on_item(i: int, n: int) -> None:
            emit(event="item", phase=phase, item=i, items=n, done=base + weight * i, total=of)
        return on_item

    out_dir = Path(job.out_dir) if job.out_dir else pack.root / "adapter"
    outcome = run_finetune(
        settings, pack, cfg, out_dir=out_dir, evaluate=job.evaluate, limit=job.limit, command=job.command,
        on_stage=lambda m: emit(event="stage", message=m), on_step=step("all", 0, total),
        on_item=item("eval", 2 * cfg.steps, 2, total), max_examples=job.max_examples,
        max_seq_tokens=job.max_seq_tokens,
    )
    card = outcome.card
    result: dict[str, Any] = {
        "adapter": str(outcome.adapter_path), "card": str(outcome.card_path), "pack": pack.name,
        "eval": card.eval, "durations_s": card.durations_s, "curve": [], "reading": "", "n_eval": n_eval,
        "steps": cfg.steps, "n_train": len(train),
    }
    if not plans:
        return result
    emit(event="evaluated", **result, curve_next=[p.phase for p in plans])

    # the curve trains every point first (one loaded model), then scores each adapter
    trained_before = {p.phase: sum(2 * q.cfg.steps for q in plans[:i]) for i, p in enumerate(plans)}
    scored_before = {p.phase: sum(2 * q.cfg.steps for q in plans) + i * n_eval for i, p in enumerate(plans)}
    with tempfile.TemporaryDirectory(prefix="ftadvisor-curve-") as scratch:
        run = learning_curve(
            settings, pack, train, outcome.encoded, plans, scratch=Path(scratch),
            on_step=lambda p: step(p.phase, trained_before[p.phase], curve_total),
            on_item=lambda p: item(f"eval {p.phase}", scored_before[p.phase], 1, curve_total),
            on_stage=lambda m: emit(event="stage", message=m),
        )
    full = card.eval["eval"]["finetuned"]["accuracy"]
    points = sorted([*run.points, CurvePoint(fraction=1.0, n_train=len(train), steps=cfg.steps, accuracy=full)],
                    key=lambda p: p.fraction)
    reading = read_curve(points, n_eval)
    card.learning_curve = [p.__dict__ | {"reading": reading} for p in points]
    card.durations_s |= {f"curve_{k}": v for k, v in run.seconds.items()}
    write_card(card, outcome.card_path)
    return result | {"curve": [p.__dict__ for p in points], "reading": reading, "durations_s": card.durations_s}


def main() -> int:
    try:
        job = TrainJob.model_validate_json(sys.stdin.read())
    except ValueError as exc:
        emit(event="error", kind="job", message=f"bad job: {exc}")
        return 2
    with contextlib.suppress(OSError):
        os.nice(job.nice)  # answering first: the bot's process keeps its priority
    from bot.train.finetune import TrainingLimitError
    from handlers.errors import AdvisorError
    from knowledge.demos.pack import PackError

    try:
        emit(event="result", **run(job))
    except (TrainingLimitError, PackError) as exc:
        emit(event="error", kind="limit" if isinstance(exc, TrainingLimitError) else "pack", message=str(exc))
        return 1
    except AdvisorError as exc:
        emit(event="error", kind="config", message=str(exc))
        return 1
    except Exception as exc:  # the supervisor logs the traceback (stderr) and tells the user politely
        traceback.print_exc()
        emit(event="error", kind="internal", message=f"{exc.__class__.__name__}: {exc}"[:300])
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
