"""Teams activity -> router `Request`: conversation kinds, privacy, mentions, card submits."""

from __future__ import annotations

from microsoft_agents.activity import Activity

from bot.teams.conversation import (
    card_action,
    channel_type,
    dedupe_key,
    message_text,
    split_conversation_id,
    to_conversation,
    to_request,
)
from tests.bot.teams import payloads as p

URL = "https://smba.trafficmanager.net/emea/"


def act(payload: dict[str, object]) -> Activity:
    return Activity.model_validate(payload)


def test_channel_mention_maps_to_public_channel_and_reply_chain() -> None:
    a = act(p.channel_mention(URL, "should we fine-tune?", root_id="1700000000001"))
    conv = to_conversation(a)
    assert conv.platform == "teams" and conv.workspace == p.TENANT
    assert conv.channel == p.CHANNEL_ID and conv.thread == "1700000000001"
    assert conv.channel_type == "public" and not conv.is_private
    assert conv.user == p.ADA["aadObjectId"] and conv.user_name == "Ada Lovelace"
    assert to_request(a).text == "should we fine-tune?"


def test_a_request_carries_its_activity_key_so_a_redo_saves_nothing_twice() -> None:
    payload = p.channel_mention(URL, "note r=8 was enough", root_id="1700000000001")
    a, redelivered, other = act(payload), act(payload), act(p.channel_mention(URL, "note r=8 was enough"))
    assert to_request(a).work_key == dedupe_key(a) == to_request(redelivered).work_key
    assert to_request(other).work_key != to_request(a).work_key


def test_private_and_shared_channels_personal_and_group_chats_are_private() -> None:
    assert channel_type(act(p.channel_mention(URL, "x", channel_type="private"))) == "private"
    assert channel_type(act(p.channel_mention(URL, "x", channel_type="shared"))) == "private"
    # a channel whose membership type Teams did not send might be private: treated as private
    assert channel_type(act(p.channel_mention(URL, "x", channel_type=None))) == "private"
    personal = to_conversation(act(p.personal_message(URL, "hi")))
    assert personal.channel_type == "dm" and personal.channel == p.PERSONAL_CHAT_ID and personal.thread == ""
    group = to_conversation(act(p.group_mention(URL, "hi")))
    assert group.channel_type == "group" and group.is_private


def test_message_text_strips_the_bot_mention_and_markup_but_keeps_other_people() -> None:
    a = act(p.channel_mention(URL, "ask <at>Grace Hopper</at> about&nbsp;LoRA <b>now</b>"))
    assert message_text(a) == "ask Grace Hopper about LoRA now"
    assert message_text(act(p.personal_message(URL, "  notes  \n\n list "))) == "notes\nlist"


def test_card_submit_becomes_a_router_action_with_inputs_merged() -> None:
    data = {
        "ftAction": "assess.answer",
        "ftValue": {"question": "data", "choice": "small"},
        "free": "typed",
        "msteams": {"type": "messageBack"},
    }
    a = act(p.card_submit(URL, p.channel_conversation("1"), data, reply_to="2"))
    action = card_action(a)
    assert action is not None and action.name == "assess.answer"
    assert action.value == {"question": "data", "choice": "small", "free": "typed"}
    request = to_request(a)
    assert request.action == action and request.text == ""


def test_action_execute_invoke_carries_the_same_data() -> None:
    invoke = act(
        {
            **p.personal_message(URL, ""),
            "type": "invoke",
            "name": "adaptiveCard/action",
            "value": {
                "action": {
                    "type": "Action.Execute",
                    "verb": "assess.answer",
                    "data": {"ftAction": "assess.answer", "ftValue": {"choice": "a"}},
                }
            },
        }
    )
    action = card_action(invoke)
    assert action is not None and action.value == {"choice": "a"}


def test_plain_messages_and_foreign_values_are_not_actions() -> None:
    assert card_action(act(p.personal_message(URL, "hello"))) is None
    odd = act(p.card_submit(URL, p.personal_conversation(), {"something": "else"}, reply_to="1"))
    assert card_action(odd) is None


def test_conversation_id_split_and_dedupe_key() -> None:
    assert split_conversation_id("19:a@thread.tacv2;messageid=42") == ("19:a@thread.tacv2", "42")
    assert split_conversation_id("a:1xyz") == ("a:1xyz", "")
    a = act(p.personal_message(URL, "hi"))
    assert dedupe_key(a) == f"teams:{p.PERSONAL_CHAT_ID}:{a.id}"


def test_a_cards_text_box_is_the_user_typing_in_the_thread() -> None:
    data = {"ftAction": "reply.text", "ftValue": {"criterion": "volume"}, "text": "  about 5,000 a day "}
    request = to_request(act(p.card_submit(URL, p.channel_conversation("9"), data, reply_to="10")))
    assert request.action is None and request.text == "about 5,000 a day"
    assert request.conversation.thread == "9"
