"""`ftadvisor digest subscribe|list|unsubscribe|sweep`, `ftadvisor digest --dry-run [--channel C]
[--json]` and `ftadvisor clock` (the scheduler process of the Procfile)."""

from __future__ import annotations

import getpass
from typing import TYPE_CHECKING

import typer

from bot.cli.context import console, container
from bot.cli.output import emit_json, fail, say, show

if TYPE_CHECKING:
    from bot.container import Container
    from handlers.digest.models import ChannelRef

digest_app = typer.Typer(
    help="Scheduled digests: subscribe channels, preview what would be posted, run the clock.",
    invoke_without_command=True,
)

PLATFORM_HELP = (
    "terminal | slack | teams (default: the platform of the channel's subscription, else terminal)."
)


def register(app: typer.Typer) -> None:
    app.add_typer(digest_app, name="digest")
    app.command("clock")(handle_clock)


def _ref(channel: str, platform: str | None, workspace: str | None) -> ChannelRef:
    """The channel named on the command line; platform/workspace from its subscription if unique."""
    from handlers.digest.models import ChannelRef

    if platform is None or workspace is None:
        matches = [
            s.ref
            for s in container().digest_subscriptions.list(active_only=False)
            if s.ref.channel == channel
            and (platform is None or s.ref.platform == platform)
            and (workspace is None or s.ref.workspace == workspace)
        ]
        if len(matches) == 1:
            return matches[0]
    return ChannelRef(platform=platform or "terminal", workspace=workspace or "", channel=channel)


@digest_app.callback()
def handle_digest(
    ctx: typer.Context,
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the digest that would be posted now."),
    channel: str = typer.Option("terminal", help="Channel to build the digest for."),
    platform: str = typer.Option(None, help=PLATFORM_HELP),
    workspace: str = typer.Option(None, help="Slack team / Teams tenant id of the channel."),
    as_json: bool = typer.Option(False, "--json", help='Print {"channel", "period", "sections", "text"}.'),
) -> None:
    """Without a sub-command: `--dry-run` prints what would be posted now (nothing is posted)."""
    if ctx.invoked_subcommand is not None:
        return
    if not dry_run:
        console.print(ctx.get_help())
        return
    reply = container().digests.preview(_ref(channel, platform, workspace))
    if as_json:
        emit_json(reply.contract())
    else:
        show(reply)


@digest_app.command("subscribe")
def handle_subscribe(
    rule: list[str] = typer.Argument(
        None, help="[daily|weekly] [day] [HH:MM] [timezone], e.g. weekly mon 09:00 Europe/Berlin"
    ),
    channel: str = typer.Option("terminal", help="Channel that gets the digest."),
    platform: str = typer.Option("terminal", help="terminal | slack | teams."),
    workspace: str = typer.Option("", help="Slack team / Teams tenant id of the channel."),
    channel_type: str = typer.Option("public", help="public | private | dm | group."),
    by: str = typer.Option("", help="Who subscribes (default: your user name)."),
) -> None:
    """Subscribe a channel (replaces its previous rule)."""
    from handlers.digest.models import ChannelRef
    from handlers.digest.schedule import format_local, next_fire
    from handlers.errors import BadInput

    c = container()
    ref = ChannelRef(platform=platform, workspace=workspace, channel=channel)
    try:
        sub = c.digests.subscribe(
            ref, rule or [], created_by=by or getpass.getuser(), channel_type=channel_type
        )
    except BadInput as exc:
        fail(exc.user_message)
    nxt = format_local(sub.rule, next_fire(sub.rule, c.clock.now()))
    say(f"subscribed {ref.key}: {sub.rule.describe()}; next {nxt}")


@digest_app.command("unsubscribe")
def handle_unsubscribe(
    channel: str = typer.Option("terminal", help="Channel to unsubscribe."),
    platform: str = typer.Option(None, help=PLATFORM_HELP),
    workspace: str = typer.Option(None, help="Slack team / Teams tenant id of the channel."),
) -> None:
    """Stop a channel's digest."""
    ref = _ref(channel, platform, workspace)
    if container().digests.unsubscribe(ref):
        say(f"unsubscribed {ref.key}")
    else:
        fail(f"{ref.key} has no active subscription", code=1)


@digest_app.command("list")
def handle_list(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Active subscriptions with their next post time."""
    from rich.table import Table

    from handlers.digest.schedule import format_local, next_fire

    c = container()
    subs = c.digests.list_subscriptions()
    now = c.clock.now()
    if as_json:
        rows = [
            {
                **s.model_dump(mode="json"),
                "channel_key": s.ref.key,
                "next": next_fire(s.rule, now).isoformat(),
            }
            for s in subs
        ]
        emit_json(rows)
        return
    from rich.text import Text

    from handlers.sanitize import sanitize

    hosts = tuple(c.settings.link_allowlist)
    table = Table(title=f"{len(subs)} digest subscription(s)")
    for col in ("channel", "rule", "next", "by", "last posted"):
        table.add_column(col)
    for s in subs:
        last = c.digest_posts.last_delivered_end(s.ref.key)
        cells = (
            s.ref.key,
            s.rule.describe(),
            format_local(s.rule, next_fire(s.rule, now)),
            s.created_by,
            format_local(s.rule, last) if last else "-",
        )
        table.add_row(*(Text(sanitize(cell, hosts)) for cell in cells))
    console.print(table)


@digest_app.command("sweep")
def handle_sweep() -> None:
    """Post every digest that is due now and not posted yet (what the clock does every few minutes)."""
    c = container()
    _check_slack_token(c)
    outcomes = c.digest_runner.sweep()
    for sub_id, outcome in outcomes.items():
        say(f"{sub_id}: {outcome}")
    failed = [s for s, o in outcomes.items() if o == "failed"]
    if failed:
        fail(f"{len(failed)} digest(s) could not be posted; the reasons are in the log (ftadvisor.log in the data dir)",
             code=1)


def _check_slack_token(c: Container) -> None:
    """With Slack subscriptions due, a refused token is said in one line before anything runs."""
    if not any(s.ref.platform == "slack" for s in c.digest_subscriptions.list(active_only=True)):
        return
    from slack_sdk.errors import SlackApiError

    from bot.scheduler.slack_delivery import make_web_client
    from handlers.errors import ConfigError

    try:
        make_web_client(c.settings).auth_test()
    except ConfigError as exc:
        fail(str(exc))
    except SlackApiError as exc:
        fail(f"Slack rejected SLACK_BOT_TOKEN ({exc.response.get('error')}): no digest was posted.")
    except Exception as exc:  # unreachable after the client's retries
        fail(f"Cannot reach Slack at {c.settings.slack_api_url} ({type(exc).__name__}): no digest was posted.", code=1)


def handle_clock() -> None:
    """Run the digest scheduler (Procfile `clock:`): cron jobs per subscription plus a sweep."""
    from datetime import timedelta

    from bot.scheduler.clock import DigestClock

    c = container()
    DigestClock(
        c.digest_runner, c.digest_subscriptions, sweep_interval=timedelta(seconds=c.settings.digest_sweep_s)
    ).run_forever()
