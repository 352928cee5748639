"""`ftadvisor serve slack`: the Slack app, over Socket Mode or the Events API (HTTP)."""

from __future__ import annotations

import typer

from bot.cli.context import console, container
from bot.cli.output import complain
from bot.cli.serve import serve_app
from bot.heap import freeze_startup_heap


def register(app: typer.Typer) -> None:
    """`serve slack` is added to the `serve` group when this module is imported."""


@serve_app.command("slack")
def handle_serve_slack(
    port: int = typer.Option(None, "--port", help="HTTP port (default: $PORT, else 3000; 0: any free port)."),
    host: str = typer.Option("0.0.0.0", "--host", help="Interface to listen on (HTTP mode)."),
) -> None:
    """Serve the Slack app: Socket Mode when SLACK_APP_TOKEN is set, else HTTP at /slack/events."""
    from slack_bolt.error import BoltError

    from bot.slack.app import build_app, secret
    from bot.slack.inbox import start_inbox_sweeper
    from bot.slack.server import SlackHttpServer, start_socket_mode
    from handlers.errors import ConfigError

    c = container()
    settings = c.settings
    socket_mode = settings.slack_app_token is not None and bool(settings.slack_app_token.get_secret_value())
    try:
        secret(settings, "slack_bot_token", "SLACK_BOT_TOKEN")
        if not socket_mode:
            secret(settings, "slack_signing_secret", "SLACK_SIGNING_SECRET")
        with console.status("loading the knowledge base..."):
            c.router  # noqa: B018 - build the features and index the corpus before the first event
            c.retriever  # noqa: B018
        app = build_app(c, socket_mode=socket_mode)
    except ConfigError as exc:
        complain(str(exc))
        raise typer.Exit(2) from None
    except BoltError as exc:  # auth.test refused the token
        complain(f"Slack rejected SLACK_BOT_TOKEN: {exc}")
        raise typer.Exit(2) from None
    from bot.slack.listeners.train import slack_train_runner

    slack_train_runner(c, app.client).start()  # `/ft-demo train` jobs, one at a time, in the background
    start_inbox_sweeper(app, c)  # takes over accepted work whose replica died
    freeze_startup_heap()  # the start-up's objects never again walked by a full GC (see there)
    if socket_mode:
        console.print("ft-advisor for Slack: connecting over Socket Mode (SLACK_APP_TOKEN is set)")
        start_socket_mode(app, settings.slack_app_token.get_secret_value())  # type: ignore[union-attr]
        return
    server = SlackHttpServer(app, host=host, port=settings.port if port is None else port)  # 0: any free port
    console.print(f"ft-advisor for Slack: Events API on http://{host}:{server.port}/slack/events")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.httpd.server_close()
