"""The assessment interview over HTTP: started by an @mention in a channel, answered through the
cards' buttons (and once through the card's text box), finished with the verdict card - all in
the post's reply chain."""

from __future__ import annotations

import json
from typing import Any

from bot.container import Container
from tests.bot.teams import payloads as p
from tests.bot.teams.conftest import TeamsHarness, run_scenario
from tests.bot.teams.fake_connector import Posted

MAX_QUESTIONS = 40


def is_question(posted: Posted) -> bool:
    return "Assessment \\u00b7 Question" in json.dumps(posted.card)


def is_result(posted: Posted) -> bool:
    return "Assessment result" in json.dumps(posted.card)


def first_choice(card: dict[str, Any]) -> dict[str, Any]:
    """What Teams sends when the first choice is picked and Send pressed (inputs merged in)."""
    [send] = [
        dict(action["data"])
        for element in card["body"] if element.get("type") == "ActionSet"
        for action in element["actions"] if action["data"]["ftAction"] == "assess.answer"
    ]
    choice_sets = [e for e in card["body"] if e.get("type") == "Input.ChoiceSet"]
    if choice_sets:
        send["choice"] = choice_sets[0]["choices"][0]["value"]
    else:
        send["text"] = "2,000"
    return send


def test_an_assessment_completes_through_card_submits(teams_container: Container) -> None:
    async def scenario(h: TeamsHarness) -> None:
        start = p.channel_mention(h.service_url, "assess we triage 5,000 support tickets a day")
        root = start["id"]
        await h.send(start)
        thread = p.channel_conversation(root)
        await h.drain()  # a turn may post more than one message ("Noted ...", then the next question)
        first = h.connector.messages()[-1]
        assert is_question(first), first.card
        assert first.conversation_id == f"{p.CHANNEL_ID};messageid={root}"
        current = first
        typed = False
        questions = 0
        for _ in range(MAX_QUESTIONS):
            if is_result(current):
                break
            assert is_question(current), current.card
            if not typed:  # once, answer in our own words through the card's text box
                criterion = first_choice(current.card)["ftValue"]["criterion"]
                data: dict[str, Any] = {  # Send with nothing picked and text typed
                    "ftAction": "assess.answer",
                    "ftValue": {"criterion": criterion},
                    "text": "skip",
                }
                typed = True
            else:
                data = first_choice(current.card)
            submit = p.card_submit(h.service_url, thread, data, reply_to=root, channel=p.channel_data())
            status, _ = await h.send(submit)
            assert status in (200, 202)
            await h.drain()
            current = h.connector.messages()[-1]
            questions += 1
            assert current.conversation_id == f"{p.CHANNEL_ID};messageid={root}"  # stays in the reply chain
        assert is_result(current), "the interview did not finish"
        verdict = json.dumps(current.card)
        assert "Recommendation: " in verdict
        assert current.card["actions"][-1]["data"]["ftAction"] == "assess.start"
        assert questions >= 2
        assert all(m.conversation_id == first.conversation_id for m in h.connector.messages())

    run_scenario(teams_container, scenario)
