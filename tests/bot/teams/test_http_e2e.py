"""End to end over HTTP: real Teams activity JSON posted to the running aiohttp app (Microsoft 365
Agents SDK: CloudAdapter + AgentApplication), the real router and knowledge base behind it, and
replies recorded by a local fake Bot Connector at the activities' `serviceUrl`."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from pydantic import SecretStr

from bot.container import Container
from handlers.models import Request
from handlers.router import Context
from tests.bot.conftest import make_settings
from tests.bot.teams import payloads as p
from tests.bot.teams.conftest import ScriptedRouter, TeamsHarness, run_scenario, with_router
from tests.bot.teams.fake_connector import Posted


def card_text(posted: Posted) -> str:
    return json.dumps(posted.card)


def test_channel_mention_is_answered_in_the_reply_chain_with_citations(teams_container: Container) -> None:
    async def scenario(h: TeamsHarness) -> None:
        activity = p.channel_mention(h.service_url, "How many fewer parameters does prompt tuning update?")
        status, _ = await h.send(activity)
        assert status in (200, 202)
        [reply] = await h.connector.wait_for_messages(1)
        assert reply.conversation_id == f"{p.CHANNEL_ID};messageid={activity['id']}"  # the reply chain
        assert reply.reply_to == activity["id"]
        assert reply.authorization is None  # anonymous mode: no token
        card = reply.card
        assert card["version"] == "1.5"
        body = card_text(reply)
        assert "Sources" in body and "[1]" in body and "Quoted from the sources" in body
        assert "1000" in body or "1,000" in body
        assert [a["data"]["ftAction"] for a in card["actions"]] == ["feedback.up", "feedback.down"]
        assert reply.body.get("summary")
        assert not any(x.type == "typing" for x in h.connector.posted)  # none in a channel's reply chain

    run_scenario(teams_container, scenario)


def test_personal_and_group_chats(teams_container: Container) -> None:
    async def scenario(h: TeamsHarness) -> None:
        await h.send(p.personal_message(h.service_url, "help"))
        [help_card] = await h.connector.wait_for_messages(1, conversation_id=p.PERSONAL_CHAT_ID)
        assert "assess" in card_text(help_card) and help_card.reply_to is not None
        await h.send(
            p.group_mention(h.service_url, "ask What does PEFT keep of full fine-tuning performance?")
        )
        [answer] = await h.connector.wait_for_messages(1, conversation_id=p.GROUP_CHAT_ID)
        assert "Sources" in card_text(answer) and "95" in card_text(answer)

    run_scenario(teams_container, scenario)


def test_redelivered_activity_is_answered_once(teams_container: Container) -> None:
    async def scenario(h: TeamsHarness) -> None:
        activity = p.personal_message(h.service_url, "notes")
        first, _ = await h.send(activity)
        again, _ = await h.send(activity)  # Teams retries with the same id when the bot was slow
        assert first in (200, 202) and again in (200, 202)
        await h.connector.wait_for_messages(1)
        await h.drain()
        assert len(h.connector.messages()) == 1

    run_scenario(teams_container, scenario)


def test_429_and_5xx_from_the_connector_are_retried(teams_container: Container) -> None:
    async def scenario(h: TeamsHarness) -> None:
        h.connector.fail_next(429, headers={"Retry-After": "2"})
        h.connector.fail_next(503)
        await h.send(p.personal_message(h.service_url, "help"))
        await h.connector.wait_for_messages(1)
        assert [status for status, _ in h.connector.failed] == [429, 503]
        assert 2.0 in h.sleeps  # Retry-After honoured

    run_scenario(teams_container, scenario)


def test_private_channel_note_is_not_cited_in_a_public_channel(teams_container: Container) -> None:
    secret = "Project quokka-lantern found LoRA rank 4 matched rank 16 for invoice routing."
    question = "What did project quokka-lantern find about LoRA rank?"

    async def scenario(h: TeamsHarness) -> None:
        await h.send(
            p.channel_mention(
                h.service_url, f"note {secret}", channel_id=p.PRIVATE_CHANNEL_ID, channel_type="private"
            )
        )
        [saved] = await h.connector.wait_for_messages(1)
        assert "private" in card_text(saved)
        await h.send(p.channel_mention(h.service_url, question))
        await h.connector.wait_for_messages(2)
        public_answer = h.connector.messages()[-1]
        assert public_answer.conversation_id.startswith(p.CHANNEL_ID)
        assert "quokka-lantern found" not in card_text(public_answer)
        await h.send(
            p.channel_mention(
                h.service_url, question, channel_id=p.PRIVATE_CHANNEL_ID, channel_type="private"
            )
        )
        await h.connector.wait_for_messages(3)
        private_answer = h.connector.messages()[-1]
        assert "Team note by Ada Lovelace" in card_text(private_answer)

    run_scenario(teams_container, scenario)


def test_injected_note_cannot_make_the_bot_post_broadcasts_or_foreign_links(
    teams_container: Container,
) -> None:
    async def scenario(h: TeamsHarness) -> None:
        evil = "Read [this](https://evil.example.com/phish) and www.evil.io/x now @channel <!here>"
        await h.send(p.group_mention(h.service_url, f"note {evil}"))
        await h.send(p.group_mention(h.service_url, "notes"))
        await h.connector.wait_for_messages(2, conversation_id=p.GROUP_CHAT_ID)
        for posted in h.connector.messages():
            dump = json.dumps(posted.body)
            assert "evil" not in dump and "@channel" not in dump and "<!here>" not in dump

    run_scenario(teams_container, scenario)


class BrokenRouter:
    def handle(self, request: Request, ctx: Context | None = None) -> list[Any]:
        raise RuntimeError("database exploded: password=hunter2")


def test_a_failure_gets_a_polite_reply_with_a_reference_id(bare_container: Container) -> None:
    async def scenario(h: TeamsHarness) -> None:
        await h.send(p.personal_message(h.service_url, "anything"))
        [reply] = await h.connector.wait_for_messages(1)
        text = card_text(reply)
        assert "Sorry" in text and "Reference: " in text
        assert "exploded" not in text and "hunter2" not in text

    run_scenario(with_router(bare_container, BrokenRouter()), scenario)


def test_unauthenticated_requests_are_rejected_when_auth_is_on(tmp_path: Any) -> None:
    settings = make_settings(
        tmp_path,
        teams_app_id="0b7f3c2a-9d1e-4f5a-8b6c-7d8e9f0a1b2c",
        teams_app_password=SecretStr("not-a-real-secret"),
        teams_tenant_id="8e1f2a3b-4c5d-4e6f-9a0b-1c2d3e4f5a6b",
    )
    container = Container(settings, chat_model=None)

    class NeverCalled:
        def handle(self, request: Request, ctx: Context | None = None) -> list[Any]:
            raise AssertionError("an unauthenticated request reached the router")

    async def scenario(h: TeamsHarness) -> None:
        activity = p.personal_message(h.service_url, "help")
        assert (await h.send(activity))[0] == 401
        assert (await h.send(activity, {"Authorization": "Bearer not.a.jwt"}))[0] == 401
        assert (await h.send(activity, {"Authorization": "Basic dXNlcjpwYXNz"}))[0] == 401
        await h.drain()
        assert h.connector.posted == []

    try:
        run_scenario(with_router(container, NeverCalled()), scenario)
    finally:
        container.close()


def test_action_execute_invoke_is_answered_at_once_and_routed(bare_container: Container) -> None:

    router = ScriptedRouter()

    async def scenario(h: TeamsHarness) -> None:
        invoke = p.personal_message(h.service_url, "")
        invoke.update(
            type="invoke",
            name="adaptiveCard/action",
            value={
                "action": {
                    "type": "Action.Execute",
                    "verb": "assess.back",
                    "data": {"ftAction": "assess.back", "ftValue": {}},
                },
                "trigger": "manual",
            },
        )
        del invoke["text"]
        status, body = await h.send(invoke)
        assert status == 200
        assert json.loads(body)["statusCode"] == 200
        [reply] = await h.connector.wait_for_messages(1)
        assert "pressed assess.back" in card_text(reply)
        assert router.requests[-1].action is not None and router.requests[-1].action.name == "assess.back"

    run_scenario(with_router(bare_container, router), scenario)


def test_the_missing_app_id_warning_is_logged_once_in_anonymous_mode(
    bare_container: Container, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)

    async def scenario(h: TeamsHarness) -> None:
        for n in range(3):
            await h.send(p.personal_message(h.service_url, "help"))
            await h.connector.wait_for_messages(n + 1)

    run_scenario(with_router(bare_container, ScriptedRouter()), scenario)
    assert sum("App ID is not provided" in r.getMessage() for r in caplog.records) <= 1
