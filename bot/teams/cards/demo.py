"""Demo cards: both arms side by side (a prompted base model and the fine-tuned one), for one
input (`demo`) and for the evaluation set (`demo eval`: accuracy, latency, tokens, cost)."""

from __future__ import annotations

import json
from typing import Any

from bot.renderers.demo_rows import metric_rows, model_label, prompt_arm_line
from bot.teams.cards.common import (
    CardMessage,
    Json,
    RenderOptions,
    card,
    clean,
    fact_set,
    heading,
    subtle,
    summarize,
    text_block,
    truncate,
)
from handlers.demo.models import ArmOutput, ArmSummary, DemoEvalReply, DemoReply

RAW_TEXT_CHARS = 600
MAX_EXAMPLES = 3
ARM_TITLES = {"base": "Prompted model", "finetuned": "Fine-tuned (LoRA)"}


def _value(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def arm_column(arm: ArmOutput, opts: RenderOptions) -> Json:
    items: list[Json] = [
        text_block(f"**{ARM_TITLES.get(arm.role, arm.role)}**"),
        subtle(clean(f"{model_label(arm.name, arm.family)} \u00b7 {arm.prompt_kind}", opts), spacing="None"),
    ]
    if arm.error:
        items.append(text_block(f"\u274c {clean(arm.error, opts)}", color="Attention"))
    elif arm.valid and arm.output is not None:
        items.append(text_block("\u2705 valid output", color="Good", size="Small"))
        items.append(fact_set([(clean(k, opts), clean(_value(v), opts)) for k, v in arm.output.items()]))
    else:
        items.append(text_block(f"\u26a0\ufe0f {clean(arm.problem or 'not valid', opts)}", weight="Bolder"))
        items.append(subtle(clean(truncate(arm.text, RAW_TEXT_CHARS), opts)))
    items.append(
        fact_set([
            ("Latency", f"{arm.latency_ms:,.0f} ms"),
            ("Tokens", f"{arm.prompt_tokens:,} in / {arm.completion_tokens:,} out"),
            ("Cost", f"${arm.cost_usd:.6f}"),
        ])
    )
    items.append(subtle(clean(arm.pricing, opts)))
    return {"type": "Column", "width": "stretch", "items": items}


def side_by_side(left: Json, right: Json) -> Json:
    return {"type": "ColumnSet", "spacing": "Medium", "separator": True, "columns": [left, right]}


def demo_cards(reply: DemoReply, opts: RenderOptions) -> list[CardMessage]:
    title = clean(reply.pack_title, opts)
    body: list[Json] = [
        heading(f"Demo: {title}"),
        subtle("Input sent to both models:"),
        text_block(clean(truncate(reply.text, 2000), opts), spacing="None"),
        side_by_side(arm_column(reply.base, opts), arm_column(reply.finetuned, opts)),
    ]
    if reply.families_note:
        body.append(text_block(clean(reply.families_note, opts), color="Warning", size="Small"))
    choice = prompt_arm_line(reply.prompt_arm)
    if choice:
        body.append(subtle(clean(choice, opts)))
    lines = [f"Demo: {reply.pack_title}"]
    if reply.families_note:
        lines.append(reply.families_note)
    for arm in (reply.base, reply.finetuned):
        shown = arm.error or (_value(arm.output) if arm.valid and arm.output is not None else arm.problem)
        lines.append(f"{ARM_TITLES.get(arm.role, arm.role)}: {shown} ({arm.latency_ms:,.0f} ms)")
    fallback = clean("\n".join(lines), opts)
    return [CardMessage(card(body, fallback=fallback), summary=summarize(f"Demo: {title}"))]


def metrics_table(reply: DemoEvalReply, opts: RenderOptions) -> Json:
    rows = [
        (label[:1].upper() + label[1:], b, f)
        for label, b, f in metric_rows(reply.base.metrics, reply.finetuned.metrics)
    ] + [("Failed calls", str(reply.base.errors), str(reply.finetuned.errors))]
    header = ["", ARM_TITLES["base"], ARM_TITLES["finetuned"]]
    columns: list[Json] = []
    for i, name in enumerate(header):
        cells = [text_block(f"**{name}**" if name else " ", size="Small")]
        cells += [text_block(clean(row[i], opts), size="Small", spacing="Small") for row in rows]
        columns.append({"type": "Column", "width": "stretch" if i else "auto", "items": cells})
    return {"type": "ColumnSet", "columns": columns, "spacing": "Medium", "separator": True}


def _arm_line(role: str, arm: ArmSummary) -> str:
    return f"{ARM_TITLES[role]}: {model_label(arm.name, arm.family)} \u00b7 {arm.prompt_kind} \u00b7 {arm.pricing}"


def eval_cards(reply: DemoEvalReply, opts: RenderOptions) -> list[CardMessage]:
    title = clean(reply.pack_title, opts)
    body: list[Json] = [
        heading(f"Demo evaluation: {title}"),
        subtle(clean(f"{reply.n} items from {reply.dataset} in {reply.duration_s:,.1f} s", opts)),
        metrics_table(reply, opts),
        subtle(clean(_arm_line("base", reply.base), opts)),
        subtle(clean(_arm_line("finetuned", reply.finetuned), opts), spacing="None"),
    ]
    if reply.families_note:
        body.append(text_block(clean(reply.families_note, opts), color="Warning", size="Small"))
    choice = prompt_arm_line(reply.prompt_arm)
    if choice:
        body.append(subtle(clean(choice, opts)))
    if reply.examples:
        body.append(text_block("**Where they disagree**", spacing="Medium", separator=True))
        for ex in reply.examples[:MAX_EXAMPLES]:
            body.append(text_block(clean(truncate(ex.text, 300), opts), spacing="Small"))
            body.append(fact_set([
                ("Expected", clean(_value(ex.expected), opts)),
                ("Base", clean(truncate(_value(ex.base), 300), opts)),
                ("Fine-tuned", clean(truncate(_value(ex.finetuned), 300), opts)),
            ]))
    b, f = reply.base.metrics, reply.finetuned.metrics
    headline = (f"{title}: fine-tuned {f.accuracy:.0%} vs prompted {b.accuracy:.0%} accuracy, "
                f"{f.latency_p50_ms:,.0f} vs {b.latency_p50_ms:,.0f} ms p50")
    fallback = clean(headline, opts)
    return [CardMessage(card(body, fallback=fallback), summary=summarize(fallback))]
