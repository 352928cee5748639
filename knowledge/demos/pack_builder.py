"""Turning a checked file of a team's own examples into a demo pack folder, and listing such packs.

Owns the pack a file becomes: an inline enum schema from the labels, the deterministic split, a
few-shot prompt built from training examples, `pack.yaml`, the data files and a card (`card.json`
for tools, `PACK.md` for people). Packs made this way live under `<data dir>/packs/<name>` and load
by name like the built-in ones (`load_pack(name, search=[...])`).
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from knowledge.demos.intake import Intake, Labelled, Problem
from knowledge.demos.pack import Pack, PackError, builtin_packs, load_pack
from knowledge.demos.schemas import canonical_json
from knowledge.demos.split import Split, pick_shots, split_examples
from knowledge.hashing import file_sha256

NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
TEMPLATE = "Text: {text}\nLabel:"


class PackBuildError(PackError):
    """The file cannot become a pack; `problems` lists why, row by row."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


@dataclass(frozen=True)
class BuiltPack:
    pack: Pack
    split: Split
    card: dict[str, Any]


def check_name(name: str) -> str:
    if not NAME.match(name):
        raise PackBuildError(f"{name!r} is not a pack name: use lower-case letters, digits, '-' and '_' (max 64)")
    if name in builtin_packs():
        raise PackBuildError(f"{name!r} is a built-in pack; choose another name")
    return name


def build_pack(
    intake: Intake,
    name: str,
    packs_root: Path,
    *,
    title: str | None = None,
    source_bytes: bytes | None = None,
    command: str | None = None,
    replace: bool = False,
) -> BuiltPack:
    """Write `<packs_root>/<name>/`; refuses a file with problems (every one of them, row by row)."""
    check_name(name)
    if not intake.ok:
        raise PackBuildError(f"{intake.source}: {len(intake.problems)} problem(s)", intake.problems)
    split = split_examples(intake.examples)
    if split.problems:
        raise PackBuildError(f"{intake.source}: texts in both train and eval", split.problems)
    if not split.eval:
        raise PackBuildError(f"{intake.source}: too few examples to hold any out for evaluation")
    root = packs_root / name
    if root.exists() and not replace:
        raise PackBuildError(f"a pack named {name!r} exists already ({root}); choose another name or replace it")
    partial = packs_root / f".{name}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    (partial / "data").mkdir(parents=True)
    _write_jsonl(partial / "data" / "train.jsonl", split.train)
    _write_jsonl(partial / "data" / "eval.jsonl", split.eval)
    fields = intake.fields
    spec = _spec(name, title or name.replace("-", " ").replace("_", " ").capitalize(), fields, split, intake)
    (partial / "pack.yaml").write_text(
        "# Made by ftadvisor from a team's own examples; format: knowledge/demos/ticket-triage/README.md\n"
        + yaml.safe_dump(spec, sort_keys=False, allow_unicode=True, width=110),
        encoding="utf-8",
    )
    card = _card(name, intake, split, source_bytes, command, partial)
    (partial / "card.json").write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (partial / "PACK.md").write_text(card_markdown(card), encoding="utf-8")
    load_pack(partial)  # the written pack must load: the same checks as any pack
    if root.exists():
        shutil.rmtree(root)
    partial.replace(root)
    return BuiltPack(pack=load_pack(root), split=split, card=card)


def _write_jsonl(path: Path, examples: list[Labelled]) -> None:
    path.write_text(
        "".join(json.dumps({"text": ex.text, "label": ex.label}, ensure_ascii=False) + "\n" for ex in examples),
        encoding="utf-8",
    )


def _spec(name: str, title: str, fields: dict[str, list[str]], split: Split, intake: Intake) -> dict[str, Any]:
    choices = "\n".join(f"{f}: one of {', '.join(v)}." for f, v in fields.items())
    shots = pick_shots(split.train)
    longest = max((len(canonical_json(ex.label)) for ex in intake.examples), default=40)
    return {
        "name": name,
        "title": title,
        "description": f"Label a text with {', '.join(fields)} (made from {intake.source}).",
        "output": {"fields": fields},
        "prompts": {
            "few_shot": {
                "instructions": f"Label each text with JSON.\n{choices}",
                "template": TEMPLATE,
                "shots": [{"text": ex.text, "label": ex.label} for ex in shots],
            },
            "minimal": {"template": TEMPLATE},
        },
        "generation": {"max_tokens": min(128, longest // 2 + 8), "stop": ["\n"]},
        "data": {"train": "data/train.jsonl", "eval": "data/eval.jsonl", "offdist": None},
        "adapter": {"gguf": f"adapter/{name}-lora.gguf", "card": "adapter/training_card.json"},
        "max_text_chars": 1500,
        "sample": shots[0].text if shots else split.train[0].text,
    }


def _card(
    name: str, intake: Intake, split: Split, source_bytes: bytes | None, command: str | None, root: Path
) -> dict[str, Any]:
    import hashlib

    return {
        "pack": name,
        "created_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "produced_by": command or "",
        "source": {
            "file": intake.source,
            "format": intake.fmt,
            "sha256": hashlib.sha256(source_bytes).hexdigest() if source_bytes is not None else "",
            "rows": intake.rows,
        },
        "examples": len(intake.examples),
        "fields": intake.fields,
        "balance": intake.balance(),
        "split": {
            "method": "the file's own split column" if any(e.split for e in intake.examples)
            else "stratified by label, by a hash of each text (deterministic)",
            "train": len(split.train),
            "eval": len(split.eval),
            "train_sha256": file_sha256(root / "data" / "train.jsonl"),
            "eval_sha256": file_sha256(root / "data" / "eval.jsonl"),
        },
        "warnings": intake.warnings,
    }


def card_markdown(card: dict[str, Any]) -> str:
    src, sp = card["source"], card["split"]
    lines = [
        f"# Pack card: `{card['pack']}`",
        "",
        f"Made on {card['created_at']} from `{src['file']}` ({src['format']}, {src['rows']} rows, sha256 "
        f"`{src['sha256'][:16]}…`)" + (f" by `{card['produced_by']}`" if card["produced_by"] else "") + ".",
        "",
        f"- Examples: {card['examples']} ({sp['train']} train, {sp['eval']} eval; split: {sp['method']})",
        "",
        "| field | value | examples |",
        "|---|---|---|",
    ]
    for f, counts in card["balance"].items():
        lines += [f"| {f} | {v} | {n} |" for v, n in counts.items()]
    if card["warnings"]:
        lines += ["", "Warnings:", *(f"- {w}" for w in card["warnings"])]
    return "\n".join(lines) + "\n"


def list_packs(packs_root: Path) -> list[dict[str, Any]]:
    """Every pack under `packs_root`: name, title, sizes, whether an adapter was trained, its eval score."""
    out: list[dict[str, Any]] = []
    for spec_file in sorted(packs_root.glob("*/pack.yaml")):
        try:
            pack = load_pack(spec_file.parent)
        except PackError as exc:
            out.append({"name": spec_file.parent.name, "error": str(exc)})
            continue
        card = _read_json(pack.root / "card.json")
        trained = _read_json(pack.adapter_card_path)
        out.append({
            "name": pack.name,
            "title": pack.spec.title,
            "path": str(pack.root),
            "train": card.get("split", {}).get("train"),
            "eval": card.get("split", {}).get("eval"),
            "fields": list(pack.fields),
            "trained": pack.adapter_path.is_file(),
            "trained_at": trained.get("created_at"),
        })
    return out


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}
    return data if isinstance(data, dict) else {}
