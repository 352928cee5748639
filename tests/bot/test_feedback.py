"""The thumbs buttons on both platforms: the button each renderer puts under an answer, pressed as
the platform delivers it, goes through the adapter's request builder and the real router to the
feedback feature; the vote is stored and the same thanks come back, shown only to the voter."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from microsoft_agents.activity import Activity

from bot.slack.listeners.actions import feedback_request as slack_feedback_request
from bot.slack.render import render_all as slack_render
from bot.storage.db import Database
from bot.storage.feedback import SqlFeedbackStore
from bot.teams.cards import render_all as teams_render
from bot.teams.cards.common import ACTION_KEY, VALUE_KEY
from bot.teams.handlers import feedback_request as teams_feedback_request
from handlers.feedback import THANKS_DOWN, THANKS_UP, FeedbackFeature
from handlers.help import HelpFeature
from handlers.models import Answer, AnswerReply, Request, TextReply
from handlers.router import Router
from tests.bot.teams import payloads as p

QUESTION = "Is prompt tuning cheaper than PEFT?"
ANSWER = AnswerReply(question=QUESTION, answer=Answer(answer="Yes, usually.", grounded=True))


def slack_click(vote: str) -> Request:
    [message] = slack_render([ANSWER])
    [buttons] = [b.to_dict() for b in message.blocks if b.to_dict().get("block_id") == "feedback"]
    [pressed] = [e for e in buttons["elements"] if e["action_id"].endswith(vote)]
    body: dict[str, Any] = {
        "type": "block_actions",
        "user": {"id": "U0007"},
        "channel": {"id": "CPUB26"},
        "container": {"type": "message", "message_ts": "1700.01", "channel_id": "CPUB26"},
        "message": {"ts": "1700.01", "thread_ts": "1699.99", "text": "Yes, usually."},
        "actions": [pressed],
    }
    return slack_feedback_request(body, pressed, team="T1")


def teams_click(vote: str) -> Request:
    [message] = teams_render([ANSWER])
    [pressed] = [a for a in message.card["actions"] if a["data"][ACTION_KEY].endswith(vote)]
    data = {ACTION_KEY: pressed["data"][ACTION_KEY], VALUE_KEY: pressed["data"][VALUE_KEY]}
    payload = p.card_submit("https://smba.example/", p.personal_conversation(), data, reply_to="answer-card-1")
    return teams_feedback_request(Activity.model_validate(payload))


CLICKS = {"slack": (slack_click, "1700.01"), "teams": (teams_click, "answer-card-1")}


@pytest.mark.parametrize("platform", sorted(CLICKS))
@pytest.mark.parametrize(("vote", "value", "thanks"), [("up", 1, THANKS_UP), ("down", -1, THANKS_DOWN)])
def test_a_thumbs_button_stores_the_vote_and_thanks_only_the_voter(
    platform: str, vote: str, value: int, thanks: str, tmp_path: Path
) -> None:
    db = Database(f"sqlite:///{tmp_path / 'feedback.db'}")
    db.create_schema()
    store = SqlFeedbackStore(db)
    router = Router([FeedbackFeature(store)], fallback=HelpFeature())
    click, message_id = CLICKS[platform]
    request = click(vote)

    [reply] = router.handle(request)

    assert reply == TextReply(text=thanks, tone="success", ephemeral=True)
    [stored] = store.recent()
    assert (stored.vote, stored.question, stored.message_id) == (value, QUESTION, message_id)
    assert stored.thread_key.startswith(f"{platform}:")
    assert stored.user == request.conversation.user and stored.user
    assert all(m.targeted for m in teams_render([reply]))  # Slack posts it with chat.postEphemeral
    assert thanks in slack_render([reply])[0].text


def test_a_failing_store_gives_a_polite_line_with_a_reference() -> None:
    class Broken:
        def record(self, **_: Any) -> None:
            raise OSError("database is gone")

    router = Router([FeedbackFeature(Broken())], fallback=HelpFeature())
    [reply] = router.handle(slack_click("up"))
    assert reply.kind == "error" and "could not record your feedback" in reply.text and reply.reference_id
