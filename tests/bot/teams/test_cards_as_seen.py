"""Every reply kind rendered for Teams, checked against the Adaptive Card 1.5 schema and against
what people saw go wrong in the Agents Playground (issue 15, part 6)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from bot.teams.cards import render
from handlers.help import COMMANDS, INTRO
from handlers.models import HelpReply
from handlers.replies import reply_kinds
from tests.bot.replies import samples
from tests.bot.teams.card_schema import SCHEMA
from tests.bot.teams.test_cards import OPTS, check_card, walk

VALIDATOR = Draft202012Validator(SCHEMA)
HTML_LIKE = re.compile(r"<[A-Za-z/][^<>]*>")  # Teams drops it as a tag: `**<question>**` shows nothing
BUTTON_TITLE_CHARS = 40  # longer titles are cut off on buttons: such text belongs in a wrapping list


def test_the_schema_rejects_what_teams_does_not_support() -> None:
    [message] = render(samples()["text"][0], OPTS)
    assert not list(VALIDATOR.iter_errors(message.card))
    assert list(VALIDATOR.iter_errors({**message.card, "msteams": {"width": "Full"}}))
    assert list(VALIDATOR.iter_errors({**message.card, "body": [{"type": "TextBlok", "text": "x"}]}))
    assert list(VALIDATOR.iter_errors({**message.card, "body": [{"type": "TextBlock", "text": "x", "colour": "Good"}]}))


@pytest.mark.parametrize("kind", reply_kinds())
def test_every_reply_kind_renders_valid_readable_cards(kind: str) -> None:
    for reply in samples()[kind]:
        messages = render(reply, OPTS)
        assert messages or kind == "digest"
        for message in messages:
            check_card(message)
            errors = [f"{list(e.absolute_path)}: {e.message[:200]}" for e in VALIDATOR.iter_errors(message.card)]
            assert not errors, errors
            assert "msteams" not in message.card  # "Full width control is not supported"
            for node in walk(message.card):
                assert node.get("color") != "Warning", node  # yellow on white is unreadable
                if node.get("type") == "TextBlock":
                    assert not HTML_LIKE.search(node["text"]), node["text"]
                if str(node.get("type", "")).startswith("Action."):
                    assert 0 < len(node["title"]) <= BUTTON_TITLE_CHARS, node["title"]


def test_help_card_shows_every_usage_in_full_on_its_own_row() -> None:
    [message] = render(HelpReply(commands=COMMANDS, intro=INTRO), OPTS)
    body = json.dumps(message.card)
    assert "ColumnSet" not in body  # a long usage squeezed the description column to one word
    texts = [n["text"] for n in walk(message.card["body"]) if n.get("type") == "TextBlock"]
    assert "**digest subscribe weekly mon 09:00 Europe/Berlin**" in texts
    assert "**\u2039question\u203a**" in texts and "**note \u2039text\u203a**" in texts


def test_interview_choices_wrap_and_the_counter_counts_skips() -> None:
    question: Any = samples()["assess_question"][0].model_copy(update={"asked": 1, "answered": 0})
    [message] = render(question, OPTS)
    [choices] = [n for n in message.card["body"] if n.get("type") == "Input.ChoiceSet"]
    assert choices["style"] == "expanded" and choices["wrap"] is True
    assert "Question 2 of up to 16 (0 answered)" in json.dumps(message.card)
