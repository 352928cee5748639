"""Wiring only: the Agents SDK application, adapter and HTTP endpoint around `TeamsBot`.

`build_teams(container)` gives the pieces (also used by the digest delivery in the clock process);
`create_web_app(teams)` the aiohttp app serving `POST /api/messages` (JWT-checked by the SDK's
decorator) and `GET /healthz`; `serve(container, port)` runs it, with the inbox sweeper that redoes
the activities of replicas that died (`bot.teams.inbox`).
"""

from __future__ import annotations

import asyncio
import logging
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from aiohttp import web
from microsoft_agents.activity import ActivityTypes
from microsoft_agents.hosting.aiohttp import CloudAdapter, jwt_authorization_decorator, start_agent_process
from microsoft_agents.hosting.core import AgentApplication, MemoryStorage, TurnState

from bot.heap import freeze_startup_heap
from bot.teams.auth import ANONYMOUS_WARNING, TeamsAuth, build_auth
from bot.teams.cards import RenderOptions
from bot.teams.cards.common import ACTION_KEY
from bot.teams.handlers import TeamsBot
from bot.teams.inbox import start_teams_sweeper, teams_inbox
from bot.teams.logsafe import install_redaction, quiet_missing_app_id
from bot.teams.outgoing import TeamsSender
from bot.teams.proactive import TeamsPoster

if TYPE_CHECKING:
    from bot.container import Container
    from bot.settings import Settings
    from bot.teams.train import TeamsTrainFlow

log = logging.getLogger(__name__)

MESSAGES_PATH = "/api/messages"
_ANY = re.compile(r".+")


@dataclass
class Teams:
    """The assembled Teams surface."""

    agent: AgentApplication[TurnState]
    adapter: CloudAdapter
    bot: TeamsBot
    auth: TeamsAuth


def build_teams(container: Container, *, sender: TeamsSender | None = None) -> Teams:
    """Assemble the SDK objects around the container's router and stores."""
    settings = container.settings
    auth = _auth(settings)
    bot = TeamsBot(
        router=container.router,
        receipts=container.event_receipts,
        references=container.teams_references,
        sender=sender,
        render_options=RenderOptions(allowed_hosts=tuple(settings.link_allowlist)),
        train=_train_flow(container),
        inbox=teams_inbox(container),
        stream_answers=container.chat_model is not None,  # answers stream in personal chats
    )
    adapter = CloudAdapter(connection_manager=auth.connections, host_validator=auth.host_validator)
    adapter.on_turn_error = bot.handle_turn_error
    agent = AgentApplication[TurnState](
        storage=MemoryStorage(),  # no SDK turn state is used: our state lives in the database
        connection_manager=auth.connections,
        start_typing_timer=False,  # the bot sends "typing" itself while background work runs
    )
    agent.adaptive_card.action_submit(_ANY, submit_filter=ACTION_KEY)(bot.handle_card_submit)
    agent.adaptive_card.action_execute(_ANY)(bot.handle_card_execute)
    agent.activity(ActivityTypes.message)(bot.handle_message)
    agent.activity(ActivityTypes.conversation_update)(bot.handle_conversation_update)
    agent.activity(ActivityTypes.installation_update)(bot.handle_installation_update)
    agent.error(bot.handle_turn_error)
    return Teams(agent=agent, adapter=adapter, bot=bot, auth=auth)


def create_web_app(teams: Teams) -> web.Application:
    @jwt_authorization_decorator
    async def messages(request: web.Request) -> web.StreamResponse:
        response = await start_agent_process(request, teams.agent, teams.adapter)
        return response if response is not None else web.Response(status=202)

    async def healthz(_: web.Request) -> web.Response:
        return web.json_response({"ok": True, "busy": teams.bot.busy})

    async def drain(_: web.Application) -> None:
        await teams.bot.drain()

    app = web.Application()
    with warnings.catch_warnings():  # the SDK's JWT decorator looks the configuration up by this str key
        warnings.simplefilter("ignore", web.NotAppKeyWarning)
        app["agent_configuration"] = teams.auth.configuration
    app.router.add_post(MESSAGES_PATH, messages)
    app.router.add_get("/healthz", healthz)
    app.on_shutdown.append(drain)
    return app


def serve(
    container: Container, *, port: int, host: str = "0.0.0.0", announce: Callable[[str], None] | None = None
) -> None:
    """Check the credentials (a `ConfigError` naming the variable, before anything is announced),
    then announce the endpoint URL and serve it."""
    teams = build_teams(container)
    if teams.auth.anonymous:
        log.warning(ANONYMOUS_WARNING)
    url = f"http://{host}:{port}{MESSAGES_PATH}"
    log.info("teams endpoint on %s", url)
    if announce is not None:
        announce(url)
    _start_train_runner(container)
    web_app = create_web_app(teams)

    async def start_sweeper(_: web.Application) -> None:
        start_teams_sweeper(teams, container, asyncio.get_running_loop())

    web_app.on_startup.append(start_sweeper)
    freeze_startup_heap()  # full collections no longer walk the start-up's objects (bot/heap.py)
    web.run_app(web_app, host=host, port=port, print=None)


def build_poster(container: Container, *, sender: TeamsSender | None = None) -> TeamsPoster:
    """What a process without the HTTP endpoint (the digest clock) needs to post to Teams."""
    settings = container.settings
    auth = _auth(settings)
    adapter = CloudAdapter(connection_manager=auth.connections, host_validator=auth.host_validator)
    return TeamsPoster(
        adapter=adapter,
        references=container.teams_references,
        sender=sender,
        render_options=RenderOptions(allowed_hosts=tuple(settings.link_allowlist)),
        app_id=auth.app_id,
        anonymous=auth.anonymous,
    )


def _auth(settings: Settings) -> TeamsAuth:
    """The credentials (a `ConfigError` when they are missing), with secrets kept out of the logs and,
    in anonymous mode, the SDK's "App ID is not provided" warning logged once instead of per call."""
    auth = build_auth(settings)
    install_redaction(settings)
    if auth.anonymous:
        quiet_missing_app_id()
    return auth


def _train_flow(container: Container) -> TeamsTrainFlow:
    """Training on a file sent in a personal chat, through the container's training queue."""
    from bot.teams.train import TeamsTrainFlow

    return TeamsTrainFlow(container.train_jobs, container.settings)


def _start_train_runner(container: Container) -> None:
    """Trainings queued from Teams chats run one at a time in the background of this server."""
    from bot.demo_chart import MatplotlibChartWriter
    from bot.scheduler.teams_delivery import TeamsDelivery
    from bot.teams.train import TeamsTrainNotifier
    from bot.train.queue_runner import TrainQueueRunner

    notifier = TeamsTrainNotifier(TeamsDelivery(build_poster(container)))
    TrainQueueRunner(
        container.train_jobs, container.settings, {"teams": lambda: notifier}, chart_writer=MatplotlibChartWriter()
    ).start()
