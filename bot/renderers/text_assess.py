"""Terminal rendering of the assessment replies (rich). Pure: reply in, renderable out.

The verdict reads like advice from a senior engineer: verdict first, three cited reasons (only
reasons for it), the trade-offs that count against it, the cost comparison, what would change
the call, next steps.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from handlers.assess.models import AssessmentQuestionReply, AssessmentResultReply


def render_question(reply: AssessmentQuestionReply) -> RenderableType:
    parts: list[RenderableType] = []
    if reply.understood:
        parts.append(Text("Noted: " + "; ".join(reply.understood), style="green"))
    if reply.note:
        parts.append(Text(reply.note, style="yellow"))
    parts.append(Text(reply.question, style="bold"))
    options = Table.grid(padding=(0, 1))
    for i, choice in enumerate(reply.choices, 1):
        options.add_row(Text(f"{i}.", style="bold cyan"), Text(choice.label))
    parts.append(options)
    parts.append(Text(reply.hint, style="dim"))
    return Panel(
        Group(*parts),
        title=f"Assessment - {reply.counter}",
        title_align="left",
        border_style="cyan",
    )


def render_result(reply: AssessmentResultReply) -> RenderableType:
    parts: list[RenderableType] = [
        Text.assemble(("Recommendation: ", "bold"), (reply.verdict, "bold green")),
        Text(f"Confidence: {reply.confidence_label} ({reply.confidence:.2f})", style="dim"),
        Text(reply.headline),
        Text(""),
        Text("Why", style="bold cyan"),
    ]
    for reason in reply.reasons:
        parts.append(Text.assemble("- ", reason.text, (f" [{reason.citation.n}]", "bold cyan")))
    parts.append(Text(""))
    if reply.tradeoffs:
        parts.append(Text("Trade-offs", style="bold cyan"))
        for t in reply.tradeoffs:
            parts.append(Text.assemble("- ", t.text, (f" [{t.citation.n}]", "bold cyan")))
        parts.append(Text(""))
    parts.append(_costs(reply))
    if reply.flips:
        parts.append(Text("What would change my mind", style="bold cyan"))
        for flip in reply.flips:
            parts.append(Text(f"- {flip.text}"))
        parts.append(Text(""))
    parts.append(Text("Next steps", style="bold cyan"))
    for i, step in enumerate(reply.next_steps, 1):
        parts.append(Text(f"{i}. {step}"))
    parts.append(Text(""))
    if reply.answers:
        answers = Table.grid(padding=(0, 2))
        for a in reply.answers:
            answers.add_row(Text(a.label, style="dim"), Text(a.value))
        parts.append(Panel(answers, title="What I went on", title_align="left", border_style="dim"))
    if reply.missing:
        parts.append(Text("Not answered: " + ", ".join(reply.missing), style="dim"))
    sources = Table.grid(padding=(0, 1))
    cited = {r.citation.n: r.citation for r in [*reply.reasons, *reply.tradeoffs]}
    for c in [cited[n] for n in sorted(cited)]:
        sources.add_row(
            Text(f"[{c.n}]", style="bold cyan"), Text.assemble((c.title, "bold"), "  ", (f"({c.id})", "dim"))
        )
        if c.quote:
            sources.add_row(Text(""), Text(f"\u201c{c.quote}\u201d", style="italic dim"))
    parts.append(Panel(sources, title="Sources", title_align="left", border_style="cyan"))
    return Panel(Group(*parts), title="Assessment", title_align="left", border_style="green")


def _costs(reply: AssessmentResultReply) -> RenderableType:
    costs = reply.costs
    if not costs.available:
        return Group(Text("Cost comparison", style="bold cyan"), Text(costs.summary, style="dim"), Text(""))
    table = Table(title="Cost comparison (example prices)", title_justify="left", show_edge=False)
    for col in ("path", "prompt tokens", "per 1k requests", "per month", "one-off"):
        table.add_column(col, justify="left" if col == "path" else "right")
    for p in costs.paths:
        table.add_row(
            Text(p.label),
            f"{p.prompt_tokens:,}",
            f"${p.cost_per_1k_requests_usd:,.2f}",
            f"${p.monthly_usd:,.2f}",
            f"${p.one_off_usd:,.2f}",
        )
    notes = [costs.summary]
    if costs.assumed:
        notes.append("Assumed: " + ", ".join(costs.assumed) + ".")
    notes.append(f"Prices as of {costs.prices_as_of} - editable examples in knowledge/rubric/prices.yaml.")
    return Group(table, *(Text(n, style="dim") for n in notes), Text(""))
