"""Every reply kind rendered for Slack stays within Block Kit's limits (what `chat.postMessage`
rejects with `invalid_blocks`): blocks per message, text lengths, elements per block, unique ids."""

from __future__ import annotations

from typing import Any

import pytest

from bot.slack.render import render
from handlers.replies import reply_kinds
from tests.bot.replies import samples

MAX_BLOCKS = 50
SECTION_TEXT = 3000
HEADER_TEXT = 150
CONTEXT_ELEMENTS = 10
ACTIONS_ELEMENTS = 25
BUTTON_TEXT = 75
BUTTON_VALUE = 2000
ID_CHARS = 255
FALLBACK_TEXT = 40_000


def check_block(block: dict[str, Any], action_ids: list[str]) -> None:
    kind = block["type"]
    if kind == "section":
        assert "text" in block or block.get("fields")  # a section needs text or fields
        assert 0 < len(block.get("text", {"text": "-"})["text"]) <= SECTION_TEXT
        for f in block.get("fields", []):
            assert len(f["text"]) <= 2000
        assert len(block.get("fields", [])) <= 10
    elif kind == "header":
        assert block["text"]["type"] == "plain_text" and 0 < len(block["text"]["text"]) <= HEADER_TEXT
    elif kind == "context":
        assert 0 < len(block["elements"]) <= CONTEXT_ELEMENTS
        assert all(len(e.get("text", "")) <= SECTION_TEXT for e in block["elements"])
    elif kind == "actions":
        assert 0 < len(block["elements"]) <= ACTIONS_ELEMENTS
        for e in block["elements"]:
            assert 0 < len(e["text"]["text"]) <= BUTTON_TEXT
            assert len(e.get("value", "")) <= BUTTON_VALUE
            assert 0 < len(e["action_id"]) <= ID_CHARS
            action_ids.append(e["action_id"])
    elif kind == "image":
        assert block["alt_text"] and len(block["alt_text"]) <= 2000
    else:
        assert kind in ("divider", "rich_text"), kind


@pytest.mark.parametrize("kind", reply_kinds())
def test_every_reply_kind_stays_within_block_kit_limits(kind: str) -> None:
    for reply in samples()[kind]:
        messages = render(reply)
        assert messages
        for message in messages:
            payload = message.payload()
            assert len(payload["text"].strip()) > 0 and len(payload["text"]) <= FALLBACK_TEXT
            assert len(payload["blocks"]) <= MAX_BLOCKS
            action_ids: list[str] = []
            block_ids = [b["block_id"] for b in payload["blocks"] if "block_id" in b]
            for block in payload["blocks"]:
                check_block(block, action_ids)
            assert len(action_ids) == len(set(action_ids)), action_ids  # Slack rejects duplicates
            assert len(block_ids) == len(set(block_ids)) and all(len(b) <= ID_CHARS for b in block_ids)
