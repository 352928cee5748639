"""The one way the app posts: sanitized payloads, unfurling off, placeholders replaced, files uploaded
(a real WebClient against the fake Slack Web API)."""

from __future__ import annotations

import json
from pathlib import Path

from slack_sdk import WebClient

from bot.slack.blocks import SlackFile, SlackMessage, context_blocks, placeholder_message, raw_sections
from bot.slack.delivery import SlackPoster, response_payload, safe_payload
from tests.support.fake_slack import FakeSlack

HOSTS = ("slack.com",)


def poster(fake: FakeSlack) -> SlackPoster:
    return SlackPoster(WebClient(token="xoxb-delivery", base_url=fake.api_url), HOSTS)


def test_safe_payload_cleans_every_text_but_not_ids_or_values() -> None:
    payload = {
        "text": "hi <!channel> https://evil.com",
        "blocks": [
            {"type": "section", "block_id": "<!here>", "text": {"type": "mrkdwn", "text": "&lt;!here&gt; ok"}},
            {
                "type": "actions",
                "elements": [
                    {"type": "button", "value": "https://evil.com", "text": {"type": "plain_text", "text": "@channel"}}
                ],
            },
        ],
    }
    out = safe_payload(payload, HOSTS)
    assert out["text"] == "hi  [link removed]"
    assert out["blocks"][0]["text"]["text"] == " ok" and out["blocks"][0]["block_id"] == "<!here>"
    assert out["blocks"][1]["elements"][0]["text"]["text"] == "channel"
    assert out["blocks"][1]["elements"][0]["value"] == "https://evil.com"  # never shown, passed back to us


def test_send_replaces_the_placeholder_and_continues_in_its_thread(fake: FakeSlack) -> None:
    p = poster(fake)
    root = p.post("CDELIV1", placeholder_message("Thinking..."))
    messages = [SlackMessage(text=f"part {i}", blocks=raw_sections(f"part {i}")) for i in range(3)]
    posted = p.send("CDELIV1", messages, replace_ts=root)
    assert posted[0] == root
    [update] = fake.calls_to("chat.update", lambda c: c.params.get("channel") == "CDELIV1")
    assert update.params["ts"] == root and update.params["text"] == "part 0"
    follow = fake.calls_to("chat.postMessage", lambda c: c.params.get("channel") == "CDELIV1")[1:]
    assert [c.params["thread_ts"] for c in follow] == [root, root]
    assert all(c.params["unfurl_links"] is False and c.params["unfurl_media"] is False for c in follow)


def test_a_message_with_a_chart_uploads_it_into_the_thread(fake: FakeSlack, tmp_path: Path) -> None:
    chart = tmp_path / "chart.png"
    chart.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    message = SlackMessage(
        text="eval",
        blocks=context_blocks(["eval"]),
        files=(SlackFile(filename="chart.png", title="Demo <!here> chart", path=chart, alt_text="bars"),),
    )
    ts = poster(fake).post("CDELIV2", message, thread_ts="1.1")
    assert ts
    [get_url] = fake.calls_to("files.getUploadURLExternal", lambda c: c.params.get("filename") == "chart.png")
    assert int(get_url.params["length"]) == chart.stat().st_size
    [upload] = fake.calls_to("upload")
    assert upload.params["_bytes"] > 0
    [complete] = fake.calls_to("files.completeUploadExternal")
    assert complete.params["channel_id"] == "CDELIV2" and complete.params["thread_ts"] == "1.1"
    files = complete.params["files"]
    files = json.loads(files) if isinstance(files, str) else files
    assert files[0]["title"] == "Demo  chart"


def test_response_payload_is_ephemeral_unless_asked_and_never_unfurls() -> None:
    msg = SlackMessage(text="<!channel> hi", blocks=raw_sections("hi"))
    eph = response_payload(msg, HOSTS)
    assert eph["response_type"] == "ephemeral" and eph["text"] == " hi"
    assert eph["unfurl_links"] is False and eph["unfurl_media"] is False
    assert response_payload(msg, HOSTS, in_channel=True)["response_type"] == "in_channel"
