"""`ftadvisor config env-example|show`: the settings, their defaults and descriptions."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from bot.settings import env_names

config_app = typer.Typer(help="Settings: list them, or regenerate .env.example.", no_args_is_help=True)

HEADER = "# ft-advisor settings. Every variable is optional; the defaults run offline with no keys.\n"


def register(app: typer.Typer) -> None:
    app.add_typer(config_app, name="config")


def env_example() -> str:
    lines = [HEADER]
    for env, (default, description) in env_names().items():
        value: object = "" if default is None else default
        if isinstance(value, list):
            value = json.dumps([str(v) for v in value])
        lines.append(f"# {description}\n# {env}={value}\n")
    return "\n".join(lines)


@config_app.command("env-example")
def handle_env_example(path: Path = typer.Option(Path(".env.example"), help="Where to write.")) -> None:
    path.write_text(env_example())
    typer.echo(f"wrote {path}")


@config_app.command("show")
def handle_show() -> None:
    """Every setting with its environment variable, default and description (secrets never shown)."""
    for env, (default, description) in env_names().items():
        typer.echo(f"{env:34} default={default!r:30} {description}")
