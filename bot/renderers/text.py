"""Terminal rendering of every reply kind (rich), through one table from reply kind to builder.
Pure: reply in, rich renderable out.

`render_reply` is the terminal's output boundary: the reply passes the one output sanitizer
(`handlers.sanitize`) first, and text is always given to rich as `Text` (never parsed as markup),
so a note holding `[/x]` or `[bold]` prints as written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.markdown import Markdown
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from bot.renderers.text_assess import render_question, render_result
from bot.renderers.text_demo import render_demo_eval, render_side_by_side
from bot.renderers.text_digest import render_digest
from handlers.models import Answer, ErrorReply, HelpReply, NotesReply, TextReply
from handlers.sanitize import sanitize_value


def render_answer(answer: Answer) -> RenderableType:
    parts: list[RenderableType] = []
    if answer.notice:
        parts.append(Text(answer.notice, style="yellow"))
    parts.append(Markdown(answer.answer))
    if answer.citations:
        sources = Table.grid(padding=(0, 1))
        for c in answer.citations:
            sources.add_row(
                Text(f"[{c.n}]", style="bold cyan"),
                Text.assemble((c.title, "bold"), f" - {c.source}  ", (f"({c.id})", "dim")),
            )
            sources.add_row(Text(""), Text(f"\u201c{c.quote}\u201d", style="italic dim"))
        parts.append(Panel(sources, title="Sources", title_align="left", border_style="cyan"))
    parts.append(Text(f"({answer.how_made})", style="dim"))
    return Group(*parts)


def render_text(reply: TextReply) -> RenderableType:
    style = {"info": "", "success": "green", "warning": "yellow"}[reply.tone]
    return Text(reply.text, style=style)


def render_error(reply: ErrorReply) -> RenderableType:
    return Text(f"{reply.text} (reference: {reply.reference_id})", style="red")


def render_notes(reply: NotesReply) -> RenderableType:
    table = Table(title=Text(reply.title), show_lines=False)
    for col in ("id", "author", "visibility", "created", "note"):
        table.add_column(col)
    for n in reply.notes:
        table.add_row(*(Text(v) for v in (n.id, n.author, n.visibility, n.created_at, n.text)))
    return table


def render_help(reply: HelpReply) -> RenderableType:
    table = Table.grid(padding=(0, 2))
    for usage, what in reply.commands:
        table.add_row(Text(usage, style="bold"), Text(what))
    return Group(Text(reply.intro), Text(""), table)


Builder = Callable[[Any], RenderableType]

BUILDERS: dict[str, Builder] = {
    "answer": lambda reply: render_answer(reply.answer),
    "text": render_text,
    "error": render_error,
    "notes": render_notes,
    "help": render_help,
    "assess_question": render_question,
    "assess_result": render_result,
    "digest": render_digest,
    "demo": render_side_by_side,
    "demo_eval": render_demo_eval,
}


def render_reply(reply: Any, *, allowed_hosts: Sequence[str]) -> RenderableType:
    """Any reply, sanitized (links only to `allowed_hosts`), as a rich renderable."""
    return _render(sanitize_value(reply, allowed_hosts))


def _render(reply: Any) -> RenderableType:
    build = BUILDERS.get(str(getattr(reply, "kind", "")))
    return build(reply) if build is not None else Text(str(getattr(reply, "text", reply)))
