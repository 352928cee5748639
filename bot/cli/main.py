"""Entry point of `ftadvisor` / `python -m bot`: mounts every command group."""

from __future__ import annotations

import typer

from bot.cli import ask, assess, config, db, demo, digest, ingest, notes, pack, serve, slack, teams
from bot.cli.errors import SafeGroup

app = typer.Typer(
    name="ftadvisor",
    help="ft-advisor: should we fine-tune? Answers, assessments and live demos, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=SafeGroup,  # whatever a command raises ends as one line and a non-zero exit
)

for module in (ask, assess, config, db, demo, digest, ingest, notes, pack, serve, slack, teams):
    module.register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
