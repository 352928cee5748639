"""Example token prices and break-even assumptions (`prices.yaml`): schema and loader.

The numbers are editable examples with a date, not live prices; every break-even result carries
that date and note so nobody mistakes them for a quote.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from knowledge.rubric.model import SAFE_LOADER

PRICES_PATH = Path(__file__).resolve().parent / "prices.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ModelPrice(_Strict):
    name: str
    input_per_1m: float = Field(ge=0)  # USD per 1M input tokens
    output_per_1m: float = Field(ge=0)  # USD per 1M output tokens


class TrainingPrice(_Strict):
    per_1m_training_tokens: float = Field(ge=0)
    epochs: int = Field(ge=1)
    tokens_per_example: int = Field(ge=1)
    default_examples: int = Field(ge=1)  # when the team did not say how many examples it has
    fixed_usd: float = Field(0.0, ge=0)  # evaluation runs, data cleaning... (one-off)


class Assumptions(_Strict):
    output_tokens: int = Field(ge=0)  # per request, when not given
    tuned_prompt_tokens: int = Field(ge=0)  # prompt length after fine-tuning, when not given
    days_per_month: float = Field(30.0, gt=0)


class Prices(_Strict):
    as_of: str  # date the example prices were taken
    editable_example: bool = True
    note: str
    currency: str = "USD"
    base_model: ModelPrice
    fine_tuned_model: ModelPrice
    training: TrainingPrice
    assumptions: Assumptions


def load_prices(path: Path | None = None) -> Prices:
    data = yaml.load((path or PRICES_PATH).read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    return Prices.model_validate(data)


@lru_cache(maxsize=1)
def shipped_prices() -> Prices:
    return load_prices()
