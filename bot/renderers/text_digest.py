"""Terminal rendering of a `DigestReply` (rich). Pure: reply in, renderable out."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.markdown import Markdown
from rich.panel import Panel
from rich.text import Text

from handlers.digest.models import DigestReply


def render_digest(reply: DigestReply) -> RenderableType:
    if not reply.postable:
        return Text("(quiet period: nothing would be posted - FTADVISOR_DIGEST_QUIET=skip)", style="dim")
    parts: list[RenderableType] = []
    if reply.ephemeral:
        parts.append(Text("Preview - only you can see this.", style="dim"))
    if reply.quiet:
        parts.append(Text(reply.text))
    for section in reply.sections:
        parts.append(Text(section.title, style="bold cyan"))
        if section.kind == "fact" and section.items:
            fact = section.items[0]
            parts.append(Text(f"\u201c{fact['text']}\u201d", style="italic"))
            parts.append(
                Text.assemble(
                    (str(fact["title"]), "bold"), f" - {fact['source']}  ", (f"({fact['id']})", "dim")
                )
            )
        else:
            parts.append(Markdown("\n".join(f"- {line}" for line in section.lines)))
        parts.append(Text(""))
    subtitle = Text(reply.subtitle) if reply.subtitle else None
    return Panel(Group(*parts), title=Text(reply.title), subtitle=subtitle, title_align="left")
