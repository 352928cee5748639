"""A pack's prompt as chat turns, and its measured-arms file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from knowledge.demos import load_pack
from knowledge.demos.chat import ANSWER_RULE, chat_messages
from knowledge.demos.measured import MeasuredArm, MeasuredArms, SplitFigures, read_measured, write_measured
from knowledge.demos.pack import PackError

PACK = load_pack("ticket-triage")


def test_few_shot_prompt_as_chat_turns() -> None:
    messages = chat_messages(PACK, "few_shot", "  Where is\nmy parcel? ")
    shots = PACK.spec.prompts.few_shot.shots
    assert [m["role"] for m in messages] == ["system", *(["user", "assistant"] * len(shots)), "user"]
    assert messages[0]["content"].startswith("Brightlane support ticket triage.")
    assert messages[0]["content"].endswith(ANSWER_RULE)
    assert messages[1]["content"] == f"Ticket: {shots[0].text}\nLabel:"
    assert messages[2]["content"] == '{"category":"billing","priority":"urgent"}'
    assert messages[-1] == {"role": "user", "content": "Ticket: Where is my parcel?\nLabel:"}
    assert chat_messages(PACK, "minimal", "hi") == [{"role": "user", "content": "Ticket: hi\nLabel:"}]


def test_measured_file_round_trip_and_errors(tmp_path: Path) -> None:
    root = tmp_path / "pack"
    shutil.copytree(PACK.root, root, ignore=shutil.ignore_patterns("measured_arms.json"))
    pack = load_pack(root)
    assert read_measured(pack) is None
    figures = SplitFigures(n=3, accuracy=0.5, valid_rate=1.0, latency_p50_ms=10)
    data = MeasuredArms(
        pack=pack.name, measured_at="2026-12-02T09:00:00Z", command="c", machine="m", eval_sha256="x",
        arms={"smollm2": MeasuredArm(name="S", family="SmolLM", prompted=True, prompt="few_shot",
                                     splits={"eval": figures})},
    )
    write_measured(pack, data)
    assert read_measured(pack) == data
    (root / "measured_arms.json").write_text("{not json")
    with pytest.raises(PackError, match=r"measured_arms\.json"):
        read_measured(pack)
