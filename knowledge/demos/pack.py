"""Demo task packs: one folder per task with `pack.yaml`, labelled data and (optionally) an adapter.

A pack says what the task is, how each arm is prompted (a few-shot prompt for the base model, a
minimal prompt for the fine-tuned one), what the output must look like (a pydantic schema), where
its train / eval / off-distribution sets are, and what a local machine hour costs. See
`knowledge/demos/ticket-triage/README.md` for the format, written for people copying it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from knowledge.demos.schemas import REGISTERED, canonical_json, field_choices, schema_from_fields
from knowledge.hashing import file_sha256

PACKS_DIR = Path(__file__).resolve().parent
PromptName = Literal["few_shot", "minimal"]
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


class PackError(ValueError):
    """A pack or one of its data files is missing or malformed; the message says where."""


class Example(BaseModel):
    """One labelled input: a line of `train.jsonl` / `eval.jsonl` / `offdist.jsonl`."""

    model_config = ConfigDict(extra="ignore")

    text: str = Field(min_length=1)
    label: dict[str, str]


class OutputSpec(BaseModel):
    """Either a registered schema name or inline `{field: [allowed values]}`."""

    model_config = ConfigDict(extra="forbid")

    schema_name: str | None = Field(default=None, alias="schema")
    fields: dict[str, list[str]] | None = None

    @model_validator(mode="after")
    def _one_of(self) -> OutputSpec:
        if (self.schema_name is None) == (self.fields is None):
            raise ValueError("set exactly one of `output.schema` (a registered name) or `output.fields`")
        if self.schema_name is not None and self.schema_name not in REGISTERED:
            raise ValueError(f"unknown output schema {self.schema_name!r}; registered: {sorted(REGISTERED)}")
        return self


class Template(BaseModel):
    """`{text}` marks where the input goes; the arm's answer follows the template directly."""

    model_config = ConfigDict(extra="forbid")

    template: str

    @field_validator("template")
    @classmethod
    def _has_slot(cls, v: str) -> str:
        if "{text}" not in v:
            raise ValueError("a prompt template must contain {text}")
        return v

    def fill(self, text: str) -> str:
        return self.template.replace("{text}", text)


class FewShot(Template):
    instructions: str
    shots: list[Example] = Field(min_length=1)


class Prompts(BaseModel):
    model_config = ConfigDict(extra="forbid")

    few_shot: FewShot  # the base arm: instructions and worked examples
    minimal: Template  # the fine-tuned arm: the input and nothing else


class Generation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    max_tokens: int = Field(default=32, ge=1, le=512)
    stop: list[str] = Field(default_factory=lambda: ["\n"], max_length=4)


class Prices(BaseModel):
    model_config = ConfigDict(extra="forbid")

    local_usd_per_hour: float = Field(default=0.10, ge=0)  # one machine running the local arms


class DataFiles(BaseModel):
    model_config = ConfigDict(extra="forbid")

    train: str = "data/train.jsonl"
    eval: str = "data/eval.jsonl"
    offdist: str | None = "data/offdist.jsonl"


class AdapterFiles(BaseModel):
    model_config = ConfigDict(extra="forbid")

    gguf: str = "adapter/adapter.gguf"
    card: str = "adapter/training_card.json"


class PackSpec(BaseModel):
    """The contents of `pack.yaml`."""

    model_config = ConfigDict(extra="forbid")

    name: str
    title: str
    description: str
    output: OutputSpec
    prompts: Prompts
    generation: Generation = Generation()
    prices: Prices = Prices()
    data: DataFiles = DataFiles()
    adapter: AdapterFiles = AdapterFiles()
    max_text_chars: int = Field(default=1500, ge=50)
    sample: str  # an input suggested to users trying the demo


class Pack:
    """A loaded, validated pack: prompts rendered on demand, data read and checked on demand."""

    def __init__(self, spec: PackSpec, root: Path) -> None:
        self.spec = spec
        self.root = root
        out = spec.output
        self.schema = (
            REGISTERED[out.schema_name]
            if out.schema_name
            else schema_from_fields(f"{spec.name.replace('-', '_')}_output", out.fields or {})
        )
        self.fields = list(field_choices(self.schema))
        for shot in spec.prompts.few_shot.shots:
            self._check_label(shot.label, "prompts.few_shot.shots")

    @property
    def name(self) -> str:
        return self.spec.name

    # --- prompts -------------------------------------------------------------------------------
    def normalize(self, text: str) -> str:
        """Whitespace collapsed to single spaces and cut at `max_text_chars`: one line per input."""
        flat = " ".join(text.split())
        limit = self.spec.max_text_chars
        return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"

    def answer(self, label: dict[str, Any]) -> str:
        """The completion an arm should produce after the prompt (leading space, no newline)."""
        return " " + canonical_json({f: label[f] for f in self.fields})

    def prompt(self, name: PromptName, text: str) -> str:
        p = self.spec.prompts
        if name == "minimal":
            return p.minimal.fill(self.normalize(text))
        shots = "\n\n".join(p.few_shot.fill(self.normalize(s.text)) + self.answer(s.label) for s in p.few_shot.shots)
        return f"{p.few_shot.instructions.strip()}\n\n{shots}\n\n{p.few_shot.fill(self.normalize(text))}"

    # --- data ----------------------------------------------------------------------------------
    def data_path(self, split: str) -> Path:
        rel = {
            "train": self.spec.data.train,
            "eval": self.spec.data.eval,
            "offdist": self.spec.data.offdist,
        }.get(split)
        if rel is None:
            raise PackError(f"pack {self.name!r} has no {split!r} set")
        return self.root / rel

    def examples(self, split: str) -> list[Example]:
        return self.load_examples(self.data_path(split))

    def load_examples(self, path: Path) -> list[Example]:
        """Every line of a JSONL file as an `Example` whose label matches the schema."""
        if not path.is_file():
            raise PackError(f"{path}: no such file")
        out: list[Example] = []
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                ex = Example.model_validate(json.loads(line))
            except (json.JSONDecodeError, ValidationError) as exc:
                raise PackError(
                    f'{path}:{n}: expected {{"text": str, "label": {{...}}}} ({exc.__class__.__name__})'
                ) from None
            self._check_label(ex.label, f"{path}:{n}")
            out.append(ex)
        if not out:
            raise PackError(f"{path}: no examples")
        return out

    def data_sha256(self, split: str) -> str:
        return file_sha256(self.data_path(split))

    def _check_label(self, label: dict[str, Any], where: str) -> None:
        try:
            self.schema.model_validate(label)
        except ValidationError:
            choices = "; ".join(f"{k}: {'|'.join(v)}" for k, v in field_choices(self.schema).items())
            raise PackError(f"{where}: label {label} does not match the output schema ({choices})") from None

    # --- adapter -------------------------------------------------------------------------------
    @property
    def adapter_path(self) -> Path:
        return self.root / self.spec.adapter.gguf

    @property
    def adapter_card_path(self) -> Path:
        return self.root / self.spec.adapter.card


def load_pack(name_or_dir: str | Path, search: Sequence[Path] = ()) -> Pack:
    """A built-in pack by name (`ticket-triage`), a pack made from a team's file (by name, under one
    of the `search` folders, e.g. `<data dir>/packs`) or any folder holding a `pack.yaml`."""
    candidate = Path(name_or_dir)
    if candidate.is_dir() and (candidate / "pack.yaml").is_file():
        root = candidate.resolve()
    elif isinstance(name_or_dir, str) and _NAME.match(name_or_dir):
        root = PACKS_DIR / name_or_dir
        if not root.is_dir():
            root = next((d / name_or_dir for d in search if (d / name_or_dir / "pack.yaml").is_file()), root)
    else:
        raise PackError(f"{name_or_dir!r} is neither a built-in pack name nor a folder with a pack.yaml")
    spec_file = root / "pack.yaml"
    if not spec_file.is_file():
        raise PackError(f"no demo pack {str(name_or_dir)!r}; built-in packs: {', '.join(builtin_packs()) or 'none'}")
    try:
        raw = yaml.safe_load(spec_file.read_text(encoding="utf-8"))
        spec = PackSpec.model_validate(raw)
    except (yaml.YAMLError, ValidationError) as exc:
        raise PackError(f"{spec_file}: {exc}") from None
    return Pack(spec, root)


def builtin_packs() -> list[str]:
    return sorted(p.parent.name for p in PACKS_DIR.glob("*/pack.yaml"))
