"""`ftadvisor serve teams` and `ftadvisor teams package|icons`."""

from __future__ import annotations

from pathlib import Path

import typer

from bot.cli.context import console, container, err_console
from bot.cli.output import complain
from bot.cli.serve import serve_app

teams_app = typer.Typer(help="Microsoft Teams: the app package to upload.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(teams_app, name="teams")


@serve_app.command("teams")
def handle_serve_teams(
    port: int = typer.Option(None, "--port", help="HTTP port (default: $PORT, else 3000)."),
    host: str = typer.Option("0.0.0.0", "--host", help="Interface to listen on."),
) -> None:
    """Serve the Teams bot at http://HOST:PORT/api/messages (Microsoft 365 Agents SDK)."""
    from bot.teams.app import serve
    from bot.teams.auth import ANONYMOUS_WARNING
    from handlers.errors import ConfigError

    c = container()
    if c.settings.teams_anonymous:
        err_console.print(f"[yellow]WARNING: {ANONYMOUS_WARNING}[/yellow]")
    listen = port or c.settings.port
    try:
        serve(c, port=listen, host=host, announce=lambda url: console.print(f"ft-advisor for Teams on {url}"))
    except ConfigError as exc:
        complain(str(exc))
        raise typer.Exit(2) from None


@teams_app.command("package")
def handle_teams_package(
    out: Path = typer.Option(Path("build/ft-advisor-teams.zip"), "--out", "-o", help="Zip to write."),
    app_id: str = typer.Option(None, "--app-id", help="Entra app (client) id (default: $TEAMS_APP_ID)."),
    version: str = typer.Option(None, "--version", help="App version in the manifest (e.g. 1.0.1)."),
) -> None:
    """Write the Teams app package (manifest.json + icons) to upload in Teams or the admin center."""
    from bot.settings import load_settings
    from bot.teams.package import PackageError, build_package

    chosen = app_id or load_settings().teams_app_id
    if not chosen:
        err_console.print("[red]Set TEAMS_APP_ID (or pass --app-id): the bot's Entra app id.[/red]")
        raise typer.Exit(2)
    try:
        path = build_package(out, app_id=chosen, version=version)
    except PackageError as exc:
        complain(f"The package would be rejected: {exc}")
        raise typer.Exit(2) from None
    console.print(f"wrote {path} - upload it in Teams: Apps > Manage your apps > Upload an app")


@teams_app.command("icons")
def handle_teams_icons(
    folder: Path = typer.Option(None, "--folder", help="Where to write them (default: bot/teams/appPackage)."),
) -> None:
    """Redraw color.png (192x192) and outline.png (32x32)."""
    from bot.teams.icons import write_icons
    from bot.teams.package import SOURCE_DIR

    for path in write_icons(folder or SOURCE_DIR):
        console.print(f"wrote {path}")
