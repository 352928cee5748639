from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from handlers.digest.feature import DigestFeature
from handlers.digest.models import ChannelRef, DigestReply
from handlers.digest.ports import NoActivity
from handlers.digest.service import DigestService
from handlers.models import Command, Conversation, Request, TextReply
from handlers.router import Context, Router
from tests.handlers.digest.fakes import (
    MemoryHistory,
    MemoryNotes,
    MemoryQuestions,
    MemorySubscriptions,
    StaticFacts,
)
from tests.support.clock import FakeClock

NOW = datetime(2026, 3, 25, 12, 0, tzinfo=UTC)  # a Wednesday


class Fallback:
    name = "ask"
    commands: tuple[str, ...] = ("ask",)
    action_prefix = ""

    def claims(self, request: Request) -> bool:
        return False

    def handle(self, request: Request, ctx: Context) -> list[object]:
        return [TextReply(text="answer")]


@dataclass
class World:
    clock: FakeClock
    subs: MemorySubscriptions
    history: MemoryHistory
    notes: MemoryNotes
    questions: MemoryQuestions
    service: DigestService
    router: Router


@pytest.fixture
def world() -> World:
    clock = FakeClock(NOW)
    subs, history, notes, questions = MemorySubscriptions(), MemoryHistory(), MemoryNotes(), MemoryQuestions()
    none = NoActivity()
    service = DigestService(
        subscriptions=subs,
        history=history,
        notes=notes,
        questions=questions,
        assessments=none,
        demos=none,
        feedback=none,
        facts=StaticFacts(),
        clock=clock,
        default_tz="Europe/Berlin",
    )
    router = Router([DigestFeature(service)], fallback=Fallback())
    return World(clock, subs, history, notes, questions, service, router)


def conv(channel: str = "C1") -> Conversation:
    return Conversation(
        platform="slack", workspace="T1", channel=channel, channel_type="public", user="U1", user_name="alice"
    )


def say(world: World, text: str, *, command: Command | None = None, channel: str = "C1") -> list[Any]:
    return world.router.handle(Request(text=text, conversation=conv(channel), command=command))


def test_subscribe_typed_and_slash_forms(world: World) -> None:
    [reply] = say(world, "digest subscribe weekly fri 17:30")
    assert isinstance(reply, TextReply) and reply.tone == "success"
    assert "every Friday at 17:30 (Europe/Berlin)" in reply.text and "Fri 27 Mar 17:30 CET" in reply.text
    [reply] = say(world, "subscribe daily 08:00 UTC", command="digest")  # `/ft-digest subscribe ...`
    sub = world.subs.get(ChannelRef(platform="slack", workspace="T1", channel="C1"))
    assert sub is not None
    assert sub.rule.cadence == "daily" and sub.rule.tz == "UTC" and sub.created_by == "alice"
    assert len(world.subs.list()) == 1  # one subscription per channel: replaced


def test_bad_rule_is_a_polite_warning(world: World) -> None:
    [reply] = say(world, "digest subscribe fortnightly")
    assert isinstance(reply, TextReply) and reply.tone == "warning" and "Usage" in reply.text


def test_unsubscribe(world: World) -> None:
    say(world, "digest subscribe")
    [reply] = say(world, "digest unsubscribe")
    assert reply.tone == "success"
    assert world.subs.list() == []
    [reply] = say(world, "digest unsubscribe")
    assert "no digest subscription" in reply.text


def test_preview_is_ephemeral_and_scoped_to_the_channel(world: World) -> None:
    notes = world.notes
    notes.put("public tip", author="bob", channel="C9", at=NOW - timedelta(days=1))
    notes.put("C2 secret", author="eve", channel="C2", visibility="private", at=NOW - timedelta(days=1))
    world.questions.ask("C1", "What is LoRA?", grounded=True, at=NOW - timedelta(hours=1))
    [reply] = say(world, "digest preview")
    assert isinstance(reply, DigestReply) and reply.ephemeral
    assert "public tip" in reply.text and "C2 secret" not in reply.text and "What is LoRA?" in reply.text
    [other] = say(world, "digest preview", channel="C2")
    assert "C2 secret" in other.text


def test_preview_covers_since_the_last_digest(world: World) -> None:
    say(world, "digest subscribe weekly mon 09:00")
    world.notes.put("before last digest", author="bob", channel="C1", at=NOW - timedelta(days=2))
    world.notes.put("after last digest", author="bob", channel="C1", at=NOW - timedelta(hours=2))
    world.history.ends[ChannelRef(platform="slack", workspace="T1", channel="C1").key] = NOW - timedelta(
        days=1
    )
    [reply] = say(world, "digest preview")
    assert reply.period.start == NOW - timedelta(days=1) and reply.period.end == NOW
    assert "after last digest" in reply.text and "before last digest" not in reply.text


def test_list_hides_other_private_channels(world: World) -> None:
    svc: DigestService = world.service
    svc.subscribe(ChannelRef(platform="slack", workspace="T1", channel="CPUB"), [], created_by="x")
    svc.subscribe(
        ChannelRef(platform="slack", workspace="T1", channel="CPRIV"),
        [],
        created_by="x",
        channel_type="private",
    )
    svc.subscribe(ChannelRef(platform="slack", workspace="T2", channel="COTHER"), [], created_by="x")
    [reply] = say(world, "digest list")
    assert "CPUB" in reply.text and "CPRIV" not in reply.text and "COTHER" not in reply.text


def test_claims_only_digest_words(world: World) -> None:
    feature = DigestFeature(world.service)
    assert feature.claims(Request(text="digest preview"))
    assert feature.claims(Request(text="/ft-digest list"))
    assert not feature.claims(Request(text="what is a digest of LoRA?"))
    [reply] = say(world, "digest")
    assert "no digest" in reply.text and "subscribe" in reply.text
