"""Break-even cost (pure): monthly cost of prompting a base model with today's prompt versus a
fine-tuned model with a shorter prompt, the one-off training cost, and months to break even.

Inputs: request volume (per day), today's prompt length, the expected fine-tuned prompt length
and output length (rubric answers, else the price file's assumptions), and the example prices in
`knowledge/rubric/prices.yaml` (dated, editable). Every result repeats the price date and note.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from knowledge.rubric.model import Answers
from knowledge.rubric.prices import Prices


class CostPath(BaseModel):
    path: Literal["prompt", "fine_tuned"]
    label: str
    model: str
    prompt_tokens: int
    output_tokens: int
    cost_per_1k_requests_usd: float
    monthly_usd: float
    one_off_usd: float


class BreakEven(BaseModel):
    available: bool
    missing: list[str] = Field(default_factory=list)  # criteria needed for the computation
    prices_as_of: str
    prices_note: str
    editable_example: bool = True
    requests_per_month: float | None = None
    training_examples: int | None = None
    paths: list[CostPath] = Field(default_factory=list)
    monthly_savings_usd: float | None = None
    months_to_break_even: float | None = None  # None: never at these prices (or not computable)
    assumed: list[str] = Field(default_factory=list)  # inputs taken from the price file's assumptions
    summary: str = ""


COST_INPUTS = ("request_volume", "prompt_tokens")  # what the comparison needs from the team


def _num(answers: Answers, key: str) -> float | None:
    value = answers.get(key)
    return float(value) if isinstance(value, int | float) else None


_MISSING_TEXT = {
    ("request_volume", "prompt_tokens"): "the request volume and today's prompt length (tokens)",
    ("request_volume",): "the request volume (e.g. 50k requests a day)",
    ("prompt_tokens",): "today's prompt length in tokens (e.g. a 2,000-token prompt)",
}


def break_even(answers: Answers, prices: Prices) -> BreakEven:
    head: dict[str, Any] = {
        "prices_as_of": prices.as_of,
        "prices_note": prices.note,
        "editable_example": prices.editable_example,
    }
    volume, prompt = _num(answers, "request_volume"), _num(answers, "prompt_tokens")
    missing = [k for k, v in (("request_volume", volume), ("prompt_tokens", prompt)) if v is None]
    if volume is None or prompt is None:
        return BreakEven(
            available=False,
            missing=missing,
            **head,
            summary=f"Tell me {_MISSING_TEXT[tuple(missing)]} to compare costs.",
        )
    assumed: list[str] = []
    tuned = _num(answers, "tuned_prompt_tokens")
    if tuned is None:
        tuned = float(min(prices.assumptions.tuned_prompt_tokens, prompt))
        assumed.append(f"fine-tuned prompt of {int(tuned):,} tokens")
    output = _num(answers, "output_tokens")
    if output is None:
        output = float(prices.assumptions.output_tokens)
        assumed.append(f"{int(output):,} output tokens per request")
    examples = _num(answers, "labelled_examples")
    if examples is None or examples < 1:
        examples = float(prices.training.default_examples)
        assumed.append(f"{int(examples):,} training examples")

    per_month = volume * prices.assumptions.days_per_month
    base, tuned_model, train = prices.base_model, prices.fine_tuned_model, prices.training
    prompt_per_req = (prompt * base.input_per_1m + output * base.output_per_1m) / 1e6
    tuned_per_req = (tuned * tuned_model.input_per_1m + output * tuned_model.output_per_1m) / 1e6
    training = (
        examples * train.tokens_per_example * train.epochs * train.per_1m_training_tokens / 1e6
        + train.fixed_usd
    )
    monthly_prompt, monthly_tuned = per_month * prompt_per_req, per_month * tuned_per_req
    savings = monthly_prompt - monthly_tuned
    months = training / savings if savings > 0 else None
    paths = [
        CostPath(
            path="prompt",
            label="Prompting the base model",
            model=base.name,
            prompt_tokens=int(prompt),
            output_tokens=int(output),
            cost_per_1k_requests_usd=_money(prompt_per_req * 1000),
            monthly_usd=_money(monthly_prompt),
            one_off_usd=0.0,
        ),
        CostPath(
            path="fine_tuned",
            label="Fine-tuned model, shorter prompt",
            model=tuned_model.name,
            prompt_tokens=int(tuned),
            output_tokens=int(output),
            cost_per_1k_requests_usd=_money(tuned_per_req * 1000),
            monthly_usd=_money(monthly_tuned),
            one_off_usd=_money(training),
        ),
    ]
    return BreakEven(
        available=True,
        **head,
        requests_per_month=round(per_month, 1),
        training_examples=int(examples),
        paths=paths,
        monthly_savings_usd=_money(savings),
        months_to_break_even=round(months, 3) if months is not None else None,
        assumed=assumed,
        summary=_summary(savings, months, training),
    )


def _summary(savings: float, months: float | None, training: float) -> str:
    if months is None:
        return (
            f"At these example prices fine-tuning never pays back on token cost: it costs "
            f"${-savings:,.2f} more per month (plus ${training:,.2f} to train)."
        )
    if months < 1:
        when = f"{months * 30:.0f} days" if months * 30 >= 1 else "under a day"
    else:
        when = f"{months:.1f} months"
    return (
        f"Fine-tuning saves about ${savings:,.2f} a month on tokens and recovers its "
        f"${training:,.2f} training cost in {when} (example prices)."
    )


def _money(value: float) -> float:
    return round(value, 2)
