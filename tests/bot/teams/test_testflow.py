"""The Teams agent driven in-process by Microsoft's own test tooling (`microsoft_agents.testing`:
`TestAdapter` + `TestFlow`), on a Teams personal-chat conversation: install, welcome, a typed
command, a card button - the same `AgentApplication` routes `serve teams` runs."""

from __future__ import annotations

import asyncio
from typing import Any

from microsoft_agents.activity import (
    Activity,
    ActivityTypes,
    ChannelAccount,
    ChannelId,
    ConversationAccount,
    ConversationReference,
)
from microsoft_agents.testing import TestAdapter, TestFlow

from bot.container import Container
from bot.teams.app import build_teams
from tests.bot.teams import payloads as p
from tests.bot.teams.conftest import ScriptedRouter, with_router


def teams_personal_chat() -> ConversationReference:
    return ConversationReference(
        channel_id=ChannelId("msteams"),
        service_url="https://smba.trafficmanager.net/emea/",
        user=ChannelAccount(id=p.ADA["id"], name=p.ADA["name"], aad_object_id=p.ADA["aadObjectId"]),
        agent=ChannelAccount(id=p.BOT_ID, name=p.BOT_NAME),
        conversation=ConversationAccount(
            id=p.PERSONAL_CHAT_ID, conversation_type="personal", tenant_id=p.TENANT
        ),
        locale="en-US",
    )


def card_text(reply: Activity) -> str:
    assert reply.type == ActivityTypes.message and reply.attachments, reply
    return str(reply.attachments[0].content)


def test_install_welcome_command_and_card_button_through_test_flow(bare_container: Container) -> None:
    router = ScriptedRouter()
    teams = build_teams(with_router(bare_container, router))
    adapter = TestAdapter(conversation=teams_personal_chat())

    def shows(expected: str) -> Any:
        def check(reply: Activity) -> None:
            assert expected in card_text(reply), card_text(reply)

        return check

    skip = Activity(type=ActivityTypes.message, value={"ftAction": "assess.skip", "ftValue": {"rating": "-"}})
    feedback = Activity(
        type=ActivityTypes.message,
        reply_to_id="answer-card-1",
        value={"ftAction": "feedback.down", "ftValue": {"q": "what is PEFT?"}},
    )

    async def main() -> None:
        flow = (
            TestFlow(adapter, teams.agent.on_turn)
            .send_conversation_update([ChannelAccount(id=p.BOT_ID, name=p.BOT_NAME)])
            .assert_reply(shows("I help you decide."))  # the welcome, on install
            .send("help")
            .assert_typing_indicator()
            .assert_reply(shows("**assess**"), timeout=10)
            .send(skip)  # a card button: routed to its feature as an Action
            .assert_typing_indicator()
            .assert_reply(shows("pressed assess.skip"), timeout=10)
            .send(feedback)  # a thumbs button: routed and answered in the turn (no typing)
            .assert_reply(shows("pressed feedback.down"))
            .assert_no_more_replies()
        )
        await flow.start_test()
        await teams.bot.drain()

    asyncio.run(main())
    stored = bare_container.teams_references.get(p.PERSONAL_CHAT_ID)
    assert stored is not None and stored.channel_type == "dm" and stored.tenant_id == p.TENANT
    assert stored.reference["serviceUrl"] == "https://smba.trafficmanager.net/emea/"
    asked = [r for r in router.requests if r.text == "help" or r.action]
    assert asked[0].conversation.platform == "teams" and asked[0].conversation.channel_type == "dm"
    assert asked[-2].action is not None and asked[-2].action.name == "assess.skip"
    vote = asked[-1].action
    assert vote is not None and vote.name == "feedback.down"
    assert vote.value == {"q": "what is PEFT?", "message_id": "answer-card-1"}
