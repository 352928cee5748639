"""Proactive digest delivery: the app is installed in a team (HTTP, real activity JSON), which
stores the channel's conversation reference; later the clock's `TeamsDelivery` posts a digest
there as a new channel post, through the Agents SDK's continue-conversation path."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

from bot.container import Container
from bot.scheduler.delivery import Deliveries
from bot.scheduler.teams_delivery import TeamsDelivery, register_teams
from bot.teams.app import build_poster
from bot.teams.outgoing import RetryPolicy, TeamsSender
from bot.teams.proactive import UnknownConversation
from handlers.digest.models import ChannelRef, DigestReply, DigestSection, Period, Rule, Subscription
from tests.bot.teams import payloads as p
from tests.bot.teams.conftest import ScriptedRouter, TeamsHarness, run_scenario, with_router

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def subscription(channel: str) -> Subscription:
    return Subscription(
        id="sub-1",
        ref=ChannelRef(platform="teams", workspace=p.TENANT, channel=channel),
        rule=Rule(cadence="weekly", day="mon", time="09:00", tz="Europe/Berlin"),
        active_since=NOW,
        created_at=NOW,
    )


def weekly_digest(channel: str) -> DigestReply:
    return DigestReply(
        channel=channel,
        period=Period(start=datetime(2026, 11, 16, tzinfo=UTC), end=NOW),
        title="ft-advisor weekly digest",
        sections=[
            DigestSection(
                kind="notes",
                title="New team notes",
                items=[{"author": "ada"}],
                lines=["Ada Lovelace: LoRA r=8 was enough for triage"],
            )
        ],
        text="ft-advisor weekly digest\nNew team notes\n- Ada Lovelace: LoRA r=8 was enough for triage",
    )


def test_digest_is_posted_proactively_with_the_reference_stored_at_install(bare_container: Container) -> None:
    container = with_router(bare_container, ScriptedRouter())

    async def scenario(h: TeamsHarness) -> None:
        status, _ = await h.send(p.bot_added(h.service_url, p.team_conversation(), channel=p.channel_data()))
        assert status in (200, 202)
        [welcome] = await h.connector.wait_for_messages(1)
        assert welcome.conversation_id == p.CHANNEL_ID and "I help you decide." in json.dumps(welcome.card)
        await h.send(p.installation_update(h.service_url, p.team_conversation(), channel=p.channel_data()))
        stored = bare_container.teams_references.get(p.CHANNEL_ID)
        assert stored is not None and stored.channel_type == "public"

        # the clock process: its own adapter and event loop, the stored reference, retries
        h.connector.fail_next(503)
        sender = TeamsSender(RetryPolicy(base_delay_s=0.01))
        delivery = TeamsDelivery(build_poster(container, sender=sender))
        try:
            ref = await asyncio.to_thread(
                delivery.post, subscription(p.CHANNEL_ID), weekly_digest(p.CHANNEL_ID), idempotency_key="k1"
            )
            assert delivery.find(subscription(p.CHANNEL_ID), idempotency_key="k1", since=NOW) is None
        finally:
            delivery.close()
        [_, digest] = h.connector.messages()
        assert ref == f"{p.CHANNEL_ID}:posted-2"
        assert digest.conversation_id == p.CHANNEL_ID  # a new post in the channel, not a reply
        assert digest.reply_to is None
        card = json.dumps(digest.card)
        assert "ft-advisor weekly digest" in card and "LoRA r=8 was enough" in card
        assert h.connector.failed and h.connector.failed[0][0] == 503

        # uninstall forgets the reference: later digests fail loudly instead of posting
        await h.send(
            p.installation_update(
                h.service_url, p.team_conversation(), action="remove", channel=p.channel_data()
            )
        )
        assert bare_container.teams_references.get(p.CHANNEL_ID) is None
        poster = build_poster(container)
        try:
            await poster.post(p.CHANNEL_ID, [weekly_digest(p.CHANNEL_ID)])
            raise AssertionError("posted without a stored reference")
        except UnknownConversation:
            pass

    run_scenario(container, scenario)


def test_teams_delivery_is_registered_only_when_teams_is_configured(bare_container: Container) -> None:
    deliveries = Deliveries()
    register_teams(deliveries, bare_container)  # anonymous mode counts as configured
    assert "teams" in deliveries.platforms()
    production = Container(bare_container.settings.model_copy(update={"teams_anonymous": False}), chat_model=None)
    empty = Deliveries()
    register_teams(empty, production)
    assert empty.platforms() == []
    production.close()
