"""The CLI's output boundary: every reply, JSON document and line a command prints goes through
here, so it passes the one output sanitizer (`handlers.sanitize`, with `FTADVISOR_LINK_ALLOWLIST`)
and user text is never read as rich markup (a note containing `[/x]` prints as written)."""

from __future__ import annotations

import json
from typing import Any, NoReturn

import typer
from rich.text import Text

from handlers.sanitize import sanitize, sanitize_value


def allowed_hosts() -> tuple[str, ...]:
    """The link allowlist of this process's settings (none when the settings cannot load)."""
    from bot.cli.context import container

    try:
        return tuple(container().settings.link_allowlist)
    except SystemExit:
        return ()


def show(reply: Any) -> None:
    """A reply model, rendered for the terminal (sanitized by the renderer)."""
    from bot.cli.context import console
    from bot.renderers.text import render_reply

    console.print(render_reply(reply, allowed_hosts=allowed_hosts()))


def emit_json(value: Any) -> None:
    """A JSON document on stdout, every string in it sanitized."""
    typer.echo(json.dumps(sanitize_value(value, allowed_hosts()), ensure_ascii=False))


def say(text: str, style: str = "") -> None:
    """One line on stdout: plain text (no markup), sanitized."""
    from bot.cli.context import console

    console.print(Text(sanitize(text, allowed_hosts()), style=style), soft_wrap=True)


def complain(text: str, style: str = "red") -> None:
    """One line on stderr: plain text (no markup), sanitized."""
    from bot.cli.context import err_console

    err_console.print(Text(sanitize(text, allowed_hosts()), style=style), soft_wrap=True)


def fail(text: str, code: int = 2) -> NoReturn:
    """One line on stderr, then exit with `code`."""
    complain(text)
    raise typer.Exit(code)
