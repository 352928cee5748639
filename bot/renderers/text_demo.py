"""Terminal rendering of the demo replies (rich): side by side, and the batch-eval summary."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from bot.renderers.demo_rows import metric_rows, model_label, prompt_arm_line
from handlers.demo.models import ArmOutput, DemoEvalReply, DemoReply

_TITLES = {"base": "Model + prompt", "finetuned": "Fine-tuned model"}


def _shown(value: dict[str, Any] | str | None) -> str:
    if value is None:
        return "-"
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else value


def _arm_panel(arm: ArmOutput) -> Panel:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column()
    if arm.error:
        grid.add_row("output", Text(f"failed: {arm.error}", style="red"))
    else:
        # the parsed object with spaces wraps at word boundaries in a narrow panel; raw text otherwise
        shown = json.dumps(arm.output, ensure_ascii=False) if isinstance(arm.output, dict) else arm.text.strip()
        grid.add_row("output", Text(shown or "(empty)", style="bold", overflow="fold"))
    validity = (
        Text("valid JSON for the schema", style="green")
        if arm.valid
        else Text(f"not valid: {arm.problem or arm.error or 'no output'}", style="yellow")
    )
    grid.add_row("valid", validity)
    grid.add_row("latency", f"{arm.latency_ms:,.0f} ms")
    grid.add_row("tokens", f"{arm.prompt_tokens:,} prompt + {arm.completion_tokens:,} completion")
    grid.add_row("cost", Text(f"${arm.cost_usd:.6f} ({arm.pricing})"))
    grid.add_row("model", Text(model_label(arm.name, arm.family)))
    grid.add_row("prompt", Text(arm.prompt_kind))
    return Panel(grid, title=_TITLES[arm.role], title_align="left", border_style="green" if arm.valid else "yellow")


def render_side_by_side(reply: DemoReply) -> RenderableType:
    row = Table.grid(expand=True, padding=(0, 1))
    row.add_column(ratio=1)
    row.add_column(ratio=1)
    row.add_row(_arm_panel(reply.base), _arm_panel(reply.finetuned))
    head = Text.assemble(("Demo: ", "bold"), reply.pack_title, ("  input: ", "dim"), reply.text)
    parts: list[RenderableType] = [head]
    if reply.families_note:
        parts.append(Text(reply.families_note, style="yellow"))
    choice = prompt_arm_line(reply.prompt_arm)
    if choice:
        parts.append(Text(choice, style="dim"))
    return Group(*parts, row)


def render_demo_eval(reply: DemoEvalReply) -> RenderableType:
    table = Table(title=Text(f"{reply.pack_title}: {reply.dataset} ({reply.n} examples, {reply.duration_s:.0f} s)"))
    table.add_column("")
    for role, arm in (("base", reply.base), ("finetuned", reply.finetuned)):
        label = f"{model_label(arm.name, arm.family)}, {arm.prompt_kind}"
        heading = Text.assemble(f"{_TITLES[role]}\n", (label, "dim"))
        table.add_column(heading, justify="right")
    rows = metric_rows(reply.base.metrics, reply.finetuned.metrics, precise=True)
    if reply.base.errors or reply.finetuned.errors:
        rows.append(("failed calls", str(reply.base.errors), str(reply.finetuned.errors)))
    for label, b, f in rows:
        table.add_row(Text(label), Text(b), Text(f))
    parts: list[RenderableType] = [table]
    if reply.families_note:
        parts.append(Text(reply.families_note, style="yellow"))
    choice = prompt_arm_line(reply.prompt_arm)
    if choice:
        parts.append(Text(choice, style="dim"))
    if reply.examples:
        ex = Table(title="Where the arms differ (a few)", show_lines=True)
        for col in ("input", "expected", "base", "fine-tuned"):
            ex.add_column(col, overflow="fold")
        for d in reply.examples:
            ex.add_row(*(Text(v) for v in (d.text[:200], _shown(d.expected), _shown(d.base), _shown(d.finetuned))))
        parts.append(ex)
    if reply.chart_path:
        parts.append(Text(f"Chart: {reply.chart_path}", style="cyan"))
    if reply.chart_error:
        parts.append(Text(reply.chart_error, style="yellow"))
    parts.append(Text(f"Costs: base {reply.base.pricing}; fine-tuned {reply.finetuned.pricing}.", style="dim"))
    return Group(*parts)
