"""Block Kit for the live demo: one input side by side (`demo`) and a batch evaluation
(`demo_eval`, with its chart uploaded next to the message)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from slack_sdk.models.blocks import ActionsBlock, Block, DividerBlock, MarkdownTextObject, SectionBlock

from bot.renderers.demo_rows import metric_rows, model_label, prompt_arm_line, usd
from bot.slack.blocks import (
    SlackFile,
    SlackMessage,
    button,
    context_blocks,
    header,
    paginate,
    raw_sections,
)
from bot.slack.mrkdwn import escape, truncate
from handlers.demo.models import ArmOutput, DemoEvalReply, DemoReply, PromptArm

FIELD_LIMIT = 2000  # characters per section field
ARM_TITLES = {"base": "Prompted model", "finetuned": "Fine-tuned model"}


def _shown(value: dict[str, Any] | str | None) -> str:
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value or "")


def arm_field(arm: ArmOutput) -> str:
    """One arm's column: what it answered and whether that is usable."""
    if arm.error:
        verdict = f":x: call failed: {escape(truncate(arm.error, 200))}"
    elif arm.valid:
        verdict = ":white_check_mark: valid output"
    else:
        verdict = f":x: not valid: {escape(truncate(arm.problem or 'does not match the schema', 200))}"
    body = _shown(arm.output) if arm.output is not None else arm.text
    code = escape(truncate(body.strip() or "(empty)", 1200)).replace("```", "'''")
    text = (
        f"*{ARM_TITLES.get(arm.role, arm.role)}*\n_{escape(truncate(arm.prompt_kind, 120))}_ · "
        f"`{escape(truncate(arm.name, 80))}` · {escape(arm.family or '?')} family\n```{code}```\n{verdict}"
    )
    return truncate(text, FIELD_LIMIT)


def _prompt_arm_context(arm: PromptArm | None) -> list[Block]:
    line = prompt_arm_line(arm)
    return context_blocks([escape(line)]) if line else []


def _table(rows: list[tuple[str, str, str]]) -> str:
    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(r[1]) for r in rows)
    lines = [f"{a.ljust(w0)}  {b.ljust(w1)}  {c}" for a, b, c in rows]
    return "```\n" + escape("\n".join(lines)) + "\n```"


def demo_message(reply: DemoReply) -> list[SlackMessage]:
    b, f = reply.base, reply.finetuned
    rows = [
        ("", "base + prompt", "fine-tuned"),
        ("valid output", "yes" if b.valid else "no", "yes" if f.valid else "no"),
        ("latency", f"{b.latency_ms:.0f} ms", f"{f.latency_ms:.0f} ms"),
        ("prompt tokens", str(b.prompt_tokens), str(f.prompt_tokens)),
        ("completion tokens", str(b.completion_tokens), str(f.completion_tokens)),
        ("cost", usd(b.cost_usd), usd(f.cost_usd)),
    ]
    blocks: list[Block] = [
        header(f"Live demo: {reply.pack_title}"),
        SectionBlock(
            text=MarkdownTextObject(text=truncate("*Input*\n>" + escape(reply.text).replace("\n", "\n>"), 3000))
        ),
        SectionBlock(fields=[MarkdownTextObject(text=arm_field(b)), MarkdownTextObject(text=arm_field(f))]),
        *context_blocks([":warning: " + escape(reply.families_note)] if reply.families_note else []),
        *_prompt_arm_context(reply.prompt_arm),
        *raw_sections(_table(rows)),
        *context_blocks([f"Pricing: base {escape(b.pricing)}; fine-tuned {escape(f.pricing)}"]),
        ActionsBlock(
            block_id="demo_next",
            elements=[
                button("Score both on the eval set", "demo.eval:0", {"set": "eval"}, style="primary"),
                button("Off-distribution set", "demo.eval:1", {"set": "offdist"}),
            ],
        ),
    ]
    text = (
        f"Demo ({reply.pack_title}): base {'valid' if b.valid else 'invalid'} in {b.latency_ms:.0f} ms, "
        f"fine-tuned {'valid' if f.valid else 'invalid'} in {f.latency_ms:.0f} ms"
    )
    return paginate(blocks, escape(text))


def demo_eval_message(reply: DemoEvalReply) -> list[SlackMessage]:
    b, f = reply.base.metrics, reply.finetuned.metrics
    blocks: list[Block] = [
        header(f"Demo evaluation: {reply.pack_title}"),
        *context_blocks(
            [
                f"{reply.n} examples from the {escape(reply.dataset)} in {reply.duration_s:.0f} s · "
                f"prompted: `{escape(model_label(reply.base.name, reply.base.family))}` "
                f"({escape(reply.base.prompt_kind)}) · "
                f"fine-tuned: `{escape(model_label(reply.finetuned.name, reply.finetuned.family))}` "
                f"({escape(reply.finetuned.prompt_kind)})"
            ]
        ),
        *_prompt_arm_context(reply.prompt_arm),
        *raw_sections(_table([("", "base + prompt", "fine-tuned"), *metric_rows(b, f)])),
        *context_blocks([":warning: " + escape(reply.families_note)] if reply.families_note else []),
    ]
    errors = [
        f"{ARM_TITLES[r]}: {s.errors} failed calls"
        for r, s in (("base", reply.base), ("finetuned", reply.finetuned))
        if s.errors
    ]
    if errors:
        blocks.extend(context_blocks([":warning: " + escape("; ".join(errors))]))
    if reply.examples:
        blocks.append(DividerBlock())
        lines = ["*Where they disagree*"]
        for ex in reply.examples[:3]:
            lines.append(
                f">{escape(truncate(' '.join(ex.text.split()), 300))}\n"
                f"expected `{escape(_shown(ex.expected))}` · "
                f"base `{escape(truncate(_shown(ex.base), 200))}` · "
                f"fine-tuned `{escape(truncate(_shown(ex.finetuned), 200))}`"
            )
        blocks.extend(raw_sections("\n".join(lines)))
    files: tuple[SlackFile, ...] = ()
    if reply.chart_path:
        path = Path(reply.chart_path)
        files = (
            SlackFile(
                filename=path.name,
                title=f"Demo evaluation: {reply.pack_title} ({reply.dataset})",
                path=path,
                alt_text="Accuracy, latency and cost per arm",
            ),
        )
    elif reply.chart_error:
        blocks.extend(context_blocks([f"No chart: {escape(reply.chart_error)}"]))
    text = (
        f"Demo evaluation ({reply.n} examples): "
        f"accuracy base {b.accuracy:.0%} vs fine-tuned {f.accuracy:.0%}, "
        f"p50 latency {b.latency_p50_ms:.0f} vs {f.latency_p50_ms:.0f} ms"
    )
    return paginate(blocks, escape(text), files=files)
