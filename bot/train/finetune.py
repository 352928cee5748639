"""`ftadvisor finetune`: LoRA on a pack's training set, exported as a GGUF adapter, with a training card.

Stages: load the trainable model (cached fp32 copy of the GGUF), encode the pack's training set
with the fine-tuned arm's minimal prompt, train (loss on answer tokens only), write the GGUF
adapter, evaluate both arms on the eval and off-distribution sets with llama.cpp (the adapter
exactly as it will be served), and write `training_card.json` + `TRAINING_CARD.md`.
"""

from __future__ import annotations

import shlex
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.settings import Settings
from bot.train.card import TrainingCard, write_card
from bot.train.trainer import Encoded, LoraConfig, StepCallback, encode_pairs, train_lora
from knowledge.demos.pack import Example, Pack
from knowledge.hashing import file_sha256

Stage = Callable[[str], None]


class TrainingLimitError(ValueError):
    """A job exceeds one of the training limits; the message names the setting to change."""


@dataclass(frozen=True)
class FinetuneOutcome:
    adapter_path: Path
    card_path: Path
    card: TrainingCard
    encoded: Sequence[Encoded] = ()  # the training examples as tokenised for training (the curve reuses them)


def encode_examples(pack: Pack, tokenizer: Any, examples: Sequence[Example]) -> list[Encoded]:
    """The minimal prompt and the canonical answer of each example, tokenised for training."""
    return encode_pairs(tokenizer, [(pack.prompt("minimal", e.text), pack.answer(e.label) + "\n") for e in examples])


def check_lengths(data: Sequence[Encoded], examples: Sequence[Example], max_tokens: int | None) -> None:
    """Refuse training examples longer than `max_tokens` (prompt + answer), quoting the first few."""
    if not max_tokens:
        return
    long = [(len(d.ids), e.text) for d, e in zip(data, examples, strict=True) if len(d.ids) > max_tokens]
    if long:
        quoted = "; ".join(f"{n} tokens: {t[:50]!r}" for n, t in long[:3])
        raise TrainingLimitError(
            f"{len(long)} training example(s) are longer than FTADVISOR_TRAIN_MAX_SEQ_TOKENS={max_tokens} "
            f"({quoted}); shorten them or raise the limit"
        )


def run_finetune(
    settings: Settings,
    pack: Pack,
    cfg: LoraConfig,
    *,
    out_dir: Path,
    evaluate: bool = True,
    limit: int | None = None,
    command: list[str] | None = None,
    on_stage: Stage | None = None,
    on_step: StepCallback | None = None,
    on_item: Callable[[int, int], None] | None = None,
    max_examples: int | None = None,
    max_seq_tokens: int | None = None,
) -> FinetuneOutcome:
    """Train, export and (optionally) evaluate; `limit` trains on the first N examples only (tests).

    `max_examples` and `max_seq_tokens` are the guards of background jobs (`TrainingLimitError`)."""
    from bot.train.hf_model import load_trainable
    from bot.train.lora_gguf import write_lora_gguf

    stage = on_stage or (lambda _msg: None)
    t0 = time.perf_counter()
    durations: dict[str, float] = {}
    examples = pack.examples("train")[:limit] if limit else pack.examples("train")
    if max_examples and len(examples) > max_examples:
        raise TrainingLimitError(
            f"the pack has {len(examples):,} training examples; FTADVISOR_TRAIN_MAX_EXAMPLES allows "
            f"{max_examples:,}. Make a smaller pack or raise the limit"
        )

    stage("loading the trainable model")
    t = time.perf_counter()
    model, tokenizer, convert_s = load_trainable(settings.data_dir / "models")
    durations["convert_gguf_to_hf"] = round(convert_s, 1)
    durations["load_model"] = round(time.perf_counter() - t - convert_s, 1)
    data = encode_examples(pack, tokenizer, examples)
    check_lengths(data, examples, max_seq_tokens)

    stage(f"training LoRA r={cfg.r} on {len(data)} examples for {cfg.steps} steps")
    result = train_lora(model, data, cfg, on_step)
    durations["train"] = round(result.seconds, 1)
    durations["train_cpu"] = round(result.cpu_seconds, 1)

    stage("writing the GGUF adapter")
    t = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    adapter = out_dir / Path(pack.spec.adapter.gguf).name
    card_file = out_dir / Path(pack.spec.adapter.card).name
    card_file.unlink(missing_ok=True)  # a stale card would carry the previous adapter's hash
    from bot.llm.local_arms import MODEL_SHA256

    write_lora_gguf(
        result.state,
        adapter,
        alpha=cfg.alpha,
        metadata={"pack": pack.name, "base_model_sha256": MODEL_SHA256, "train_sha256": pack.data_sha256("train")},
    )
    durations["export_gguf"] = round(time.perf_counter() - t, 2)
    del model, result.state  # free ~1.1 GB before the llama.cpp evaluation

    metrics: dict[str, Any] = {}
    if evaluate:
        t, cpu = time.perf_counter(), time.process_time()
        metrics = _evaluate(settings, pack, adapter, stage, on_item)
        durations["evaluate"] = round(time.perf_counter() - t, 1)
        durations["evaluate_cpu"] = round(time.process_time() - cpu, 1)
    durations["total"] = round(time.perf_counter() - t0, 1)

    card = TrainingCard.build(
        pack=pack,
        cfg=cfg,
        losses=result.losses,
        trainable_params=result.trainable_params,
        n_train=len(data),
        examples_seen=result.examples_seen,
        limit=limit,
        adapter=adapter,
        adapter_sha256=file_sha256(adapter),
        durations=durations,
        metrics=metrics,
        command=shlex.join(command) if command else None,
    )
    card_path = write_card(card, card_file)
    stage(f"done in {durations['total']:.0f} s: {adapter}")
    return FinetuneOutcome(adapter_path=adapter, card_path=card_path, card=card, encoded=data)


def _evaluate(
    settings: Settings, pack: Pack, adapter: Path, stage: Stage, on_item: Callable[[int, int], None] | None = None
) -> dict[str, Any]:
    """Both arms (base + few-shot, base + the new adapter + minimal prompt) on eval and offdist."""
    from bot.demo_arms import build_demo_arms as build
    from handlers.demo.runner import DemoRunner

    # Always the embedded local arms, and the prompted side is the same Gemma base the adapter was
    # trained on: the card's "base" figures (and handlers/byot/result.py's label) mean that model.
    local = settings.model_copy(update={"demo_arms_file": None, "demo_prompt_arm": "gemma"})
    arms = build(local, pack, adapter_override=adapter)
    for setup in arms:
        setup.arm.warm()
    runner = DemoRunner(pack, arms)
    out: dict[str, Any] = {}
    for split in ("eval", "offdist"):
        if split == "offdist" and pack.spec.data.offdist is None:
            continue
        examples = pack.examples(split)
        stage(f"evaluating both arms on the {split} set ({len(examples)} examples)")
        run = runner.evaluate(examples, on_item)
        out[split] = {
            "n": run.report.n,
            "sha256": pack.data_sha256(split),
            "base": run.report.base.model_dump(),
            "finetuned": run.report.finetuned.model_dump(),
            "errors": run.errors,
            "seconds": round(run.duration_s, 1),
        }
    return out
