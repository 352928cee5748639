"""`ftadvisor serve <platform>`: the long-running chat servers. Each adapter's CLI module adds its
subcommand to `serve_app` (`serve teams` in `bot/cli/teams.py`; `serve slack` likewise)."""

from __future__ import annotations

import typer

serve_app = typer.Typer(help="Run a chat server: `serve teams` (and `serve slack`).", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(serve_app, name="serve")
