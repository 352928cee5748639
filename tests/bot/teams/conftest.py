"""Teams test fixtures: one real container (real SQLite, chroma, ONNX embeddings, the shared router)
in anonymous mode, and a harness that serves the real aiohttp app over HTTP next to a fake Bot
Connector that the activities' `serviceUrl` points at. The harness takes a real `Container`, as
`serve teams` does; a test that injects a router sets it on a container of its own (`with_router`,
`replicas`)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from bot.container import Container
from bot.teams.app import Teams, build_teams, create_web_app
from bot.teams.outgoing import RetryPolicy, TeamsSender
from bot.teams.ports import RequestRouter
from handlers.models import HelpReply, Request, TextReply
from handlers.router import Context
from tests.bot.conftest import make_settings
from tests.bot.teams.fake_connector import FakeConnector

T = TypeVar("T")

ALLOWED_HOSTS = ["microsoft.com", "github.com"]


def run(coro: Awaitable[T]) -> T:
    return asyncio.run(coro)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def teams_container(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Container]:
    settings = make_settings(
        tmp_path_factory.mktemp("teams"), teams_anonymous=True, link_allowlist=ALLOWED_HOSTS
    )
    c = Container(settings, chat_model=None)
    c.retriever  # noqa: B018 - index the corpus once
    yield c
    c.close()


@pytest.fixture
def bare_container(tmp_path: Path) -> Iterator[Container]:
    """Anonymous mode, real stores, no knowledge base (for tests that inject a router)."""
    c = Container(
        make_settings(tmp_path, teams_anonymous=True, link_allowlist=ALLOWED_HOSTS), chat_model=None
    )
    yield c
    c.close()


class TeamsHarness:
    """The Teams app on a real local port, a fake Bot Connector, and an HTTP client."""

    def __init__(self, container: Container) -> None:
        self.container = container
        self.sleeps: list[float] = []
        self.connector = FakeConnector()
        self.teams: Teams | None = None
        self.server: TestServer | None = None
        self.session: aiohttp.ClientSession | None = None

    async def _sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        await asyncio.sleep(min(seconds, 0.01))

    async def __aenter__(self) -> TeamsHarness:
        await self.connector.start()
        sender = TeamsSender(RetryPolicy(attempts=4, base_delay_s=0.05, max_delay_s=5.0, sleep=self._sleep))
        self.teams = build_teams(self.container, sender=sender)
        self.server = TestServer(create_web_app(self.teams), host="127.0.0.1")
        await self.server.start_server()
        self.session = aiohttp.ClientSession()
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.teams is not None:
            await self.teams.bot.drain()
        if self.session is not None:
            await self.session.close()
        if self.server is not None:
            await self.server.close()
        await self.connector.close()

    @property
    def service_url(self) -> str:
        return self.connector.url

    @property
    def endpoint(self) -> str:
        assert self.server is not None
        return str(self.server.make_url("/api/messages"))

    async def send(self, activity: dict[str, Any], headers: dict[str, str] | None = None) -> tuple[int, str]:
        """POST an activity the way the Bot Connector does; returns (status, body)."""
        assert self.session is not None
        async with self.session.post(self.endpoint, json=activity, headers=headers or {}) as resp:
            return resp.status, await resp.text()

    async def drain(self) -> None:
        assert self.teams is not None
        await self.teams.bot.drain()


class ScriptedRouter:
    """Answers `help` with the help reply and echoes card actions; records what it was asked."""

    def __init__(self) -> None:
        self.requests: list[Request] = []

    def handle(self, request: Request, ctx: Context | None = None) -> list[Any]:
        self.requests.append(request)
        if request.action is not None:
            return [TextReply(text=f"pressed {request.action.name} {request.action.value.get('rating')}")]
        if request.text == "help":
            return [HelpReply(commands=[("assess", "An interview.")], intro="I help you decide.")]
        return [TextReply(text=f"you said: {request.text}")]


def with_router(container: Container, router: RequestRouter) -> Container:
    """`container` answering through `router` (to inject failures). The router is one of the
    container's lazily built parts: assigned before its first use, it is the one every consumer gets."""
    container.router = router  # a scripted router stands for the real one
    return container


Replicas = Callable[[str, RequestRouter], Container]


@pytest.fixture
def replicas(bare_container: Container) -> Iterator[Replicas]:
    """`replicas(name, router)`: another process on `bare_container`'s database, with its own stores,
    its own name as the owner of inbox leases (and heart-beats under it) and the given router."""
    made: list[Container] = []

    def replica(name: str, router: RequestRouter) -> Container:
        c = Container(bare_container.settings, chat_model=None)
        c.replica_id = name
        made.append(with_router(c, router))
        return c

    yield replica
    for c in made:
        c.close()


Scenario = Callable[[TeamsHarness], Awaitable[None]]


def run_scenario(container: Container, scenario: Scenario) -> None:
    async def main() -> None:
        async with TeamsHarness(container) as harness:
            await scenario(harness)

    run(main())
