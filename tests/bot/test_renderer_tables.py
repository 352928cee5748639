"""Every reply kind has a builder on every platform, and every sample of it renders."""

from __future__ import annotations

from typing import Any

import pytest
from rich.console import Console

from bot.renderers.text import BUILDERS as TERMINAL
from bot.renderers.text import render_reply
from bot.slack.render import BUILDERS as SLACK
from bot.slack.render import render as slack_render
from bot.teams.cards import BUILDERS as TEAMS
from bot.teams.cards import render as teams_render
from handlers.replies import reply_kinds, reply_models
from tests.bot.replies import samples

TABLES: dict[str, dict[str, Any]] = {"slack": SLACK, "teams": TEAMS, "terminal": TERMINAL}


def test_reply_kinds_are_read_off_the_reply_models() -> None:
    assert len(reply_kinds()) == len(reply_models()) == len(set(reply_kinds()))
    assert {"answer", "text", "error", "notes", "help", "assess_question", "digest", "demo"} <= set(reply_kinds())


@pytest.mark.parametrize("platform", sorted(TABLES))
def test_every_reply_kind_has_a_builder(platform: str) -> None:
    assert sorted(TABLES[platform]) == sorted(reply_kinds())


def test_every_reply_kind_has_samples() -> None:
    found = samples()
    assert sorted(found) == sorted(reply_kinds())
    for kind, replies in found.items():
        assert replies and all(r.kind == kind for r in replies)


@pytest.mark.parametrize("kind", reply_kinds())
def test_every_sample_renders_on_every_platform(kind: str) -> None:
    console = Console(width=100, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    for reply in samples()[kind]:
        assert slack_render(reply)
        assert teams_render(reply)
        console.print(render_reply(reply, allowed_hosts=()))
        assert console.export_text().strip()
