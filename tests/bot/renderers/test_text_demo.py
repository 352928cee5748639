"""The terminal demo renderers (pure): every value a user needs is on screen at 80 columns."""

from __future__ import annotations

from rich.console import Console

from bot.renderers.text import render_reply
from handlers.demo.models import ArmOutput, DemoReply


def arm(role: str, **kw) -> ArmOutput:  # type: ignore[no-untyped-def]
    base = {
        "role": role,
        "name": f"model-{role}",
        "prompt_kind": "minimal prompt",
        "text": ' {"category":"shipping","priority":"urgent"}',
        "output": {"category": "shipping", "priority": "urgent"},
        "valid": True,
        "latency_ms": 412.4,
        "prompt_tokens": 527,
        "completion_tokens": 9,
        "cost_usd": 0.0000114,
        "pricing": "$0.1/hour of machine time",
    }
    return ArmOutput.model_validate(base | kw)


def shown(reply: DemoReply, width: int = 80) -> str:
    console = Console(width=width, record=True, color_system=None)
    console.print(render_reply(reply, allowed_hosts=()))
    return " ".join(console.export_text().split())


def test_side_by_side_shows_both_outputs_in_full_at_80_columns() -> None:
    reply = DemoReply(pack="p", pack_title="Triage", text="parcel lost", base=arm("base"), finetuned=arm("finetuned"))
    out = shown(reply)
    # each panel wraps the object over two lines, side by side
    assert out.count('{"category": "shipping",') == 2 and out.count('"priority": "urgent"}') == 2, out
    assert "…" not in out
    assert "412 ms" in out and "527 prompt + 9 completion" in out and "$0.000011" in out


def test_failed_and_invalid_arms_say_why() -> None:
    reply = DemoReply(
        pack="p",
        pack_title="Triage",
        text="x",
        base=arm("base", text="Sure! Here", output=None, valid=False, problem="no JSON object in the output"),
        finetuned=arm("finetuned", text="", output=None, valid=False, error="timeout after 20 s"),
    )
    out = shown(reply, width=120)
    assert "Sure! Here" in out and "not valid: no JSON object in the output" in out
    assert "failed: timeout after 20 s" in out
