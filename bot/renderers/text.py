"""Terminal rendering of every reply kind (rich). Pure: reply in, rich renderable out.

`render_reply` is the terminal's output boundary: the reply passes the one output sanitizer
(`handlers.sanitize`) first, and text is always given to rich as `Text` (never parsed as markup),
so a note holding `[/x]` or `[bold]` prints as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.markdown import Markdown
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from handlers.models import Answer, AnswerReply, ErrorReply, HelpReply, NotesReply, TextReply
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
            if c.quote:
                sources.add_row(Text(""), Text(c.shown_quote(), style="italic dim"))
        parts.append(Panel(sources, title="Sources", title_align="left", border_style="cyan"))
    mode = answer.made_how() if answer.grounded else "not covered"
    parts.append(Text(f"({mode})", style="dim"))
    return Group(*parts)


def render_reply(reply: Any, *, allowed_hosts: Sequence[str]) -> RenderableType:
    """Any reply, sanitized (links only to `allowed_hosts`), as a rich renderable."""
    return _render(sanitize_value(reply, allowed_hosts))


def _render(reply: Any) -> RenderableType:
    kind = getattr(reply, "kind", None)
    if isinstance(reply, AnswerReply):
        return render_answer(reply.answer)
    if isinstance(reply, TextReply):
        style = {"info": "", "success": "green", "warning": "yellow"}[reply.tone]
        return Text(reply.text, style=style)
    if isinstance(reply, ErrorReply):
        return Text(f"{reply.text} (reference: {reply.reference_id})", style="red")
    if isinstance(reply, NotesReply):
        table = Table(title=Text(reply.title), show_lines=False)
        for col in ("id", "author", "visibility", "created", "note"):
            table.add_column(col)
        for n in reply.notes:
            table.add_row(*(Text(v) for v in (n.id, n.author, n.visibility, n.created_at, n.text)))
        return table
    if isinstance(reply, HelpReply):
        table = Table.grid(padding=(0, 2))
        for usage, what in reply.commands:
            table.add_row(Text(usage, style="bold"), Text(what))
        return Group(Text(reply.intro), Text(""), table)
    if kind in ("demo", "demo_eval"):
        from bot.renderers.text_demo import render_demo

        return render_demo(reply)
    if kind == "digest":
        from bot.renderers.text_digest import render_digest

        return render_digest(reply)
    if kind in ("assess_question", "assess_result"):
        from bot.renderers.text_assess import render_assessment

        return render_assessment(reply)
    renderer = _EXTRA.get(kind or "")
    if renderer is not None:
        return renderer(reply)
    return Text(str(getattr(reply, "text", reply)))


_EXTRA: dict[str, Any] = {}


def register_renderer(kind: str, fn: Any) -> None:
    """Feature modules add their reply kinds here (see bot/renderers/__init__)."""
    _EXTRA[kind] = fn
