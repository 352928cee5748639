"""Learning-curve points: LoRA trained on a stratified share of the training set, scored on eval.

Each point trains a fresh adapter on 25 % or 50 % of the examples (the same share of every label,
chosen by a hash of the text, so reruns pick the same ones) for the same number of epochs as the
full run, writes it to a scratch folder and scores the fine-tuned arm alone on the eval set (the
base arm does not change with the training data).
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bot.settings import Settings
from bot.train.trainer import Encoded, LoraConfig, StepCallback, train_lora
from handlers.byot.curve import CurvePoint
from knowledge.demos.pack import Example, Pack

ItemCallback = Callable[[int, int], None]


def share(examples: Sequence[Example], fraction: float) -> list[Example]:
    """A stratified, deterministic `fraction` of `examples` (at least one of each label)."""
    if fraction >= 1:
        return list(examples)
    groups: dict[str, list[Example]] = defaultdict(list)
    for ex in examples:
        groups[repr(sorted(ex.label.items()))].append(ex)
    chosen: set[int] = set()
    for members in groups.values():
        ranked = sorted(members, key=lambda e: hashlib.sha256(e.text.encode("utf-8")).hexdigest())
        chosen.update(id(e) for e in ranked[: max(1, round(len(members) * fraction))])
    return [ex for ex in examples if id(ex) in chosen]


def auto_steps(n_train: int, batch_size: int, epochs: float = 2.0, cap: int = 120) -> int:
    """Steps for `epochs` passes over `n_train` examples, between 4 and `cap`."""
    return max(4, min(cap, math.ceil(epochs * n_train / batch_size)))


def curve_point(
    settings: Settings,
    pack: Pack,
    examples: Sequence[Example],
    cfg: LoraConfig,
    *,
    fraction: float,
    scratch: Path,
    encode: Callable[[Any, Sequence[Example]], list[Encoded]],
    on_step: StepCallback | None = None,
    on_item: ItemCallback | None = None,
) -> CurvePoint:
    """Train on `fraction` of `examples` with `cfg` and score the fine-tuned arm on the eval set."""
    from bot.demo_arms import build_demo_arms
    from bot.train.hf_model import load_trainable
    from bot.train.lora_gguf import write_lora_gguf
    from handlers.demo.runner import DemoRunner

    subset = share(examples, fraction)
    model, tokenizer, _ = load_trainable(settings.data_dir / "models")
    result = train_lora(model, encode(tokenizer, subset), cfg, on_step)
    del model
    adapter = write_lora_gguf(result.state, scratch / f"curve-{round(fraction * 100)}.gguf", alpha=cfg.alpha)
    local = settings.model_copy(update={"demo_arms_file": None})
    arms = build_demo_arms(local, pack, adapter_override=adapter)
    runner = DemoRunner(pack, arms)
    held = pack.examples("eval")
    right = 0
    for i, ex in enumerate(held, start=1):
        got = runner.run_arm(arms.finetuned, ex.text).parsed.value or {}
        right += all(got.get(f) == ex.label.get(f) for f in pack.fields)
        if on_item is not None:
            on_item(i, len(held))
    del arms, runner  # frees the llama.cpp model before the next point
    adapter.unlink(missing_ok=True)
    return CurvePoint(fraction=fraction, n_train=len(subset), steps=cfg.steps, accuracy=right / len(held))
