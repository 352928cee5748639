"""Teams activities go through the inbox: two replicas (two Teams apps on one database) get the
same activity at once and answer it once; a replica that dies mid-work has its activity answered by
the other's sweeper once its lease is over; a replica whose lease was taken over while it worked
posts nothing. Real Teams apps over HTTP, a fake Bot Connector, a scripted router."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from microsoft_agents.activity import Activity
from sqlalchemy import update

from bot.container import Container
from bot.inbox_worker import InboxSweeper
from bot.storage.schema import inbox_table
from bot.teams.conversation import dedupe_key
from bot.teams.inbox import teams_sweeper
from handlers.models import Request, TextReply
from handlers.router import Context
from tests.bot.slack.conftest import wait_until
from tests.bot.teams import payloads as p
from tests.bot.teams.conftest import Replicas, ScriptedRouter, TeamsHarness, run


class ProcessDied(BaseException):
    """Stands for SIGKILL: nothing in the app catches it."""


def text_of(posted: Any) -> str:
    return json.dumps(posted.card)


def key_of(activity: dict[str, Any]) -> str:
    return dedupe_key(Activity.model_validate(activity))


def expire(container: Container) -> None:
    """As if the lease holder stopped heart-beating long enough: every lease is over."""
    with container.db.begin() as conn:
        conn.execute(update(inbox_table).values(lease_until=inbox_table.c.created_at))


def sweeper_of(h: TeamsHarness, container: Container, owner: str) -> InboxSweeper:
    assert h.teams is not None
    return teams_sweeper(h.teams, container.inbox, owner, asyncio.get_running_loop(), every_s=60)


def test_the_same_activity_to_two_replicas_at_once_is_answered_once(
    bare_container: Container, replicas: Replicas
) -> None:
    async def main() -> None:
        async with TeamsHarness(replicas("a", ScriptedRouter())) as a, \
                TeamsHarness(replicas("b", ScriptedRouter())) as b:
            for i in range(5):
                activity = p.personal_message(a.service_url, f"question {i}")
                statuses = await asyncio.gather(a.send(activity), b.send(activity))
                assert all(status in (200, 202) for status, _ in statuses)
                await a.drain()
                await b.drain()
                assert bare_container.inbox.status(key_of(activity)) == "done"
            said = [text_of(m) for m in a.connector.messages()]
            assert len(said) == 5 and all(f"you said: question {i}" in said[i] for i in range(5))
            assert b.connector.messages() == []  # (b's replies would also go to the activity's serviceUrl)

    run(main())


class DiesMidTurn:
    def handle(self, request: Request, ctx: Context | None = None) -> list[Any]:
        raise ProcessDied


def test_an_activity_whose_replica_died_is_answered_by_another_once(
    bare_container: Container, replicas: Replicas
) -> None:
    async def main() -> None:
        async with TeamsHarness(replicas("a", DiesMidTurn())) as a, \
                TeamsHarness(replicas("b", ScriptedRouter())) as b:
            activity = p.personal_message(a.service_url, "are you there?")
            status, _ = await a.send(activity)
            assert status in (200, 202)
            await asyncio.gather(*a.teams.bot._tasks, return_exceptions=True)  # A "died" in its work
            assert bare_container.inbox.status(key_of(activity)) == "leased" and a.connector.messages() == []

            sweeper = sweeper_of(b, bare_container, "b")
            assert await asyncio.to_thread(sweeper.sweep_once) == 0  # A's lease is still alive
            expire(bare_container)
            assert await asyncio.to_thread(sweeper.sweep_once) == 1
            [reply] = a.connector.messages()
            assert "you said: are you there?" in text_of(reply) and reply.reply_to == activity["id"]
            assert bare_container.inbox.status(key_of(activity)) == "done"
            assert await asyncio.to_thread(sweeper.sweep_once) == 0

    run(main())


class OvertakenMidTurn:
    """A's router: while A works, its lease runs out and B's sweeper takes the activity over and
    answers it; then A's own answer is ready."""

    def __init__(self, container: Container) -> None:
        self.container = container
        self.b: InboxSweeper | None = None

    def handle(self, request: Request, ctx: Context | None = None) -> list[Any]:
        assert self.b is not None
        b = self.b

        def expire_then_sweep() -> bool:
            expire(self.container)
            return b.sweep_once() > 0

        wait_until(expire_then_sweep, timeout=30)
        return [TextReply(text="A's late answer")]


def test_a_replica_whose_lease_was_taken_over_while_working_posts_nothing(
    bare_container: Container, replicas: Replicas
) -> None:
    async def main() -> None:
        overtaken = OvertakenMidTurn(bare_container)
        async with TeamsHarness(replicas("a", overtaken)) as a, \
                TeamsHarness(replicas("b", ScriptedRouter())) as b:
            overtaken.b = sweeper_of(b, bare_container, "b")
            activity = p.personal_message(a.service_url, "a slow one")
            await a.send(activity)
            await a.drain()
            [reply] = a.connector.messages()
            assert "you said: a slow one" in text_of(reply)  # B's; A's late answer was not posted
            assert bare_container.inbox.status(key_of(activity)) == "done"

    run(main())
