"""The measured arms of a pack (`<pack>/measured_arms.json`): each arm's figures on the eval and
off-distribution sets, written by `python -m bench.demo_bench --three-arms --write` and committed
with the pack. The demo reads it to pick its default prompted arm (the strongest one on eval) and
to say why; `eval_sha256` ties the figures to the eval set they were measured on.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from knowledge.demos.pack import Pack, PackError

MEASURED_FILE = "measured_arms.json"


class SplitFigures(BaseModel):
    model_config = ConfigDict(extra="ignore")

    n: int = Field(ge=1)
    accuracy: float = Field(ge=0, le=1)
    valid_rate: float = Field(ge=0, le=1)
    latency_p50_ms: float = Field(ge=0)
    latency_p95_ms: float = Field(default=0.0, ge=0)
    prompt_tokens_avg: float = Field(default=0.0, ge=0)
    completion_tokens_avg: float = Field(default=0.0, ge=0)
    cost_per_1k_requests: float = Field(default=0.0, ge=0)
    errors: int = Field(default=0, ge=0)


class MeasuredArm(BaseModel):
    model_config = ConfigDict(extra="ignore")

    name: str
    family: str
    prompted: bool  # a prompted arm (a candidate for the demo's prompt side), not a fine-tuned one
    prompt: str  # "few_shot", "minimal"
    splits: dict[str, SplitFigures]  # "eval", "offdist"


class MeasuredArms(BaseModel):
    model_config = ConfigDict(extra="ignore")

    pack: str
    measured_at: str  # ISO date-time, UTC
    command: str
    machine: str
    eval_sha256: str
    arms: dict[str, MeasuredArm]  # arm id ("gemma", "smollm2", "gemma-lora") -> figures


def measured_path(pack: Pack) -> Path:
    return pack.root / MEASURED_FILE


def read_measured(pack: Pack) -> MeasuredArms | None:
    """The pack's measured figures; None when it has none. A malformed file is a `PackError`."""
    path = measured_path(pack)
    if not path.is_file():
        return None
    try:
        return MeasuredArms.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, ValidationError) as exc:
        raise PackError(f"{path}: not a measured-arms file ({exc.__class__.__name__})") from None


def write_measured(pack: Pack, measured: MeasuredArms) -> Path:
    path = measured_path(pack)
    path.write_text(json.dumps(measured.model_dump(mode="json"), indent=2) + "\n", encoding="utf-8")
    return path
