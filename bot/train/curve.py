"""Learning-curve points: LoRA trained on a stratified share of the training set, scored on eval.

Each point trains a fresh adapter on 25 % or 50 % of the examples (the same share of every label,
chosen by a hash of the text, so reruns pick the same ones) for the same number of epochs as the
full run, so a smaller share costs proportionally fewer steps. The points share one loaded base
model (`train_lora` leaves it as it found it) and the already tokenised examples; their adapters
are written to a scratch folder and, once the torch model is freed, each is scored with the
fine-tuned arm alone on the eval set (the base arm does not change with the training data).

The curve is computed after the side-by-side result has been reported: it is a follow-up, and its
cost never delays the answer to "does fine-tuning help on our task?".
"""

from __future__ import annotations

import hashlib
import math
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.settings import Settings
from bot.train.trainer import Encoded, LoraConfig, StepCallback, train_lora
from handlers.byot.curve import CurvePoint
from knowledge.demos.pack import Example, Pack

ItemCallback = Callable[[int, int], None]


def share(examples: Sequence[Example], fraction: float) -> list[int]:
    """Indices of a stratified, deterministic `fraction` of `examples` (at least one of each label)."""
    if fraction >= 1:
        return list(range(len(examples)))
    groups: dict[str, list[int]] = defaultdict(list)
    for i, ex in enumerate(examples):
        groups[repr(sorted(ex.label.items()))].append(i)
    chosen: set[int] = set()
    for members in groups.values():
        ranked = sorted(members, key=lambda i: hashlib.sha256(examples[i].text.encode("utf-8")).hexdigest())
        chosen.update(ranked[: max(1, round(len(members) * fraction))])
    return sorted(chosen)


def auto_steps(n_train: int, batch_size: int, epochs: float = 2.0, cap: int = 120) -> int:
    """Steps for `epochs` passes over `n_train` examples, between 4 and `cap`."""
    return max(4, min(cap, math.ceil(epochs * n_train / batch_size)))


@dataclass(frozen=True)
class CurvePlan:
    """One point to compute: its share of the training set and its training configuration."""

    fraction: float
    cfg: LoraConfig
    phase: str  # "25%", the name progress events carry


@dataclass
class CurveRun:
    points: list[CurvePoint]
    seconds: dict[str, float]  # train / evaluate, wall and CPU


def learning_curve(
    settings: Settings,
    pack: Pack,
    examples: Sequence[Example],
    encoded: Sequence[Encoded],
    plans: Sequence[CurvePlan],
    *,
    scratch: Path,
    on_step: Callable[[CurvePlan], StepCallback | None] = lambda _p: None,
    on_item: Callable[[CurvePlan], ItemCallback | None] = lambda _p: None,
    on_stage: Callable[[str], None] = lambda _m: None,
) -> CurveRun:
    """Train every planned point on one loaded model, then score each adapter on the eval set."""
    from bot.train.hf_model import load_trainable
    from bot.train.lora_gguf import write_lora_gguf

    wall, cpu = time.perf_counter(), time.process_time()
    model, _tokenizer, _ = load_trainable(settings.data_dir / "models")
    adapters: list[tuple[CurvePlan, Path, int]] = []
    for plan in plans:
        subset = share(examples, plan.fraction)
        on_stage(f"learning curve: training on {plan.phase} of the examples ({len(subset)}, {plan.cfg.steps} steps)")
        result = train_lora(model, [encoded[i] for i in subset], plan.cfg, on_step(plan))
        path = write_lora_gguf(result.state, scratch / f"curve-{round(plan.fraction * 100)}.gguf", alpha=plan.cfg.alpha)
        adapters.append((plan, path, len(subset)))
    del model  # frees ~1.1 GB before llama.cpp loads
    seconds = {"train": time.perf_counter() - wall, "train_cpu": time.process_time() - cpu}
    wall, cpu = time.perf_counter(), time.process_time()
    points = []
    for plan, path, n_train in adapters:
        on_stage(f"learning curve: scoring the adapter trained on {plan.phase} of the examples")
        accuracy = score_adapter(settings, pack, path, on_item(plan))
        path.unlink(missing_ok=True)
        points.append(CurvePoint(fraction=plan.fraction, n_train=n_train, steps=plan.cfg.steps, accuracy=accuracy))
    seconds |= {"evaluate": time.perf_counter() - wall, "evaluate_cpu": time.process_time() - cpu}
    return CurveRun(points=points, seconds={k: round(v, 1) for k, v in seconds.items()})


def score_adapter(settings: Settings, pack: Pack, adapter: Path, on_item: ItemCallback | None = None) -> float:
    """Exact-match accuracy (every field) of the base model + `adapter` with the minimal prompt, on eval."""
    from bot.demo_arms import build_demo_arms
    from handlers.demo.runner import DemoRunner

    local = settings.model_copy(update={"demo_arms_file": None})
    arms = build_demo_arms(local, pack, adapter_override=adapter)
    runner = DemoRunner(pack, arms)
    held = pack.examples("eval")
    right = 0
    for i, ex in enumerate(held, start=1):
        got: dict[str, Any] = runner.run_arm(arms.finetuned, ex.text).parsed.value or {}
        right += all(got.get(f) == ex.label.get(f) for f in pack.fields)
        if on_item is not None:
            on_item(i, len(held))
    del arms, runner  # frees the llama.cpp model before the next adapter
    return right / len(held)
