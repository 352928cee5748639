from __future__ import annotations

import json
from pathlib import Path
from typing import get_args

import pytest

from knowledge.demos import PackError, TicketTriage, builtin_packs, load_pack, parse_output


@pytest.fixture(scope="module")
def pack():  # type: ignore[no-untyped-def]
    return load_pack("ticket-triage")


def test_ticket_triage_labels_are_the_contract() -> None:
    fields = TicketTriage.model_fields
    assert list(fields) == ["category", "priority"]
    assert get_args(fields["category"].annotation) == ("billing", "technical", "account", "shipping", "feedback")
    assert get_args(fields["priority"].annotation) == ("low", "normal", "urgent")


def test_builtin_pack_loads_with_its_data(pack) -> None:  # type: ignore[no-untyped-def]
    assert "ticket-triage" in builtin_packs()
    assert pack.schema is TicketTriage
    assert pack.fields == ["category", "priority"]
    assert len(pack.examples("train")) >= 400
    assert len(pack.examples("eval")) >= 100
    assert len(pack.examples("offdist")) >= 40


def test_held_out_sets_never_overlap_training(pack) -> None:  # type: ignore[no-untyped-def]
    train = {" ".join(e.text.lower().split()) for e in pack.examples("train")}
    for split in ("eval", "offdist"):
        leaked = [e.text for e in pack.examples(split) if " ".join(e.text.lower().split()) in train]
        assert not leaked, f"{split} examples also in train: {leaked[:3]}"
    shots = {" ".join(s.text.lower().split()) for s in pack.spec.prompts.few_shot.shots}
    evals = {" ".join(e.text.lower().split()) for s in ("eval", "offdist") for e in pack.examples(s)}
    assert not shots & evals, "few-shot examples must not be scored"


def test_prompts(pack) -> None:  # type: ignore[no-untyped-def]
    few = pack.prompt("few_shot", "My  cam\nis offline")
    minimal = pack.prompt("minimal", "My  cam\nis offline")
    assert minimal == "Ticket: My cam is offline\nLabel:"
    assert few.endswith("\n\n" + minimal)
    assert few.count('Label: {"category":"') == len(pack.spec.prompts.few_shot.shots)
    assert "Categories:" in few and "Priorities:" in few
    assert pack.answer({"priority": "low", "category": "billing"}) == ' {"category":"billing","priority":"low"}'


def test_long_inputs_are_cut(pack) -> None:  # type: ignore[no-untyped-def]
    text = pack.normalize("word " * 2000)
    assert len(text) == pack.spec.max_text_chars and text.endswith("…")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (' {"category": "billing", "priority": "low"}', {"category": "billing", "priority": "low"}),
        ('{"priority":"urgent","category":"account"} trailing', {"category": "account", "priority": "urgent"}),
        (' {"category": "billing", "priority": "high"}', None),  # not a label
        (' {"category": "billing"}', None),  # missing field
        (' {"category": "billing", "priority": "low", "x": 1}', None),  # extra field
        (' "billing"', None),
        (' {"category": "billing", "priority": ', None),
        ("", None),
    ],
)
def test_parse_output(text: str, value: dict[str, str] | None) -> None:
    parsed = parse_output(text, TicketTriage)
    assert parsed.value == value
    assert parsed.valid is (value is not None)
    assert parsed.valid or parsed.problem


def _write_pack(root: Path, **overrides: object) -> Path:
    spec = {
        "name": "sentiment",
        "title": "Review sentiment",
        "description": "Positive or negative.",
        "output": {"fields": {"sentiment": ["positive", "negative"]}},
        "prompts": {
            "few_shot": {
                "instructions": "Label the review.",
                "template": "Review: {text}\nLabel:",
                "shots": [{"text": "great", "label": {"sentiment": "positive"}}],
            },
            "minimal": {"template": "Review: {text}\nLabel:"},
        },
        "sample": "works fine",
        "data": {"train": "train.jsonl", "eval": "eval.jsonl", "offdist": None},
    }
    spec.update(overrides)
    root.mkdir(parents=True, exist_ok=True)
    (root / "pack.yaml").write_text(json.dumps(spec))  # JSON is YAML
    return root


def test_a_copied_pack_with_inline_fields(tmp_path: Path) -> None:
    root = _write_pack(tmp_path / "sentiment")
    (root / "eval.jsonl").write_text('{"text": "meh", "label": {"sentiment": "negative"}}\n\n')
    pack = load_pack(root)
    assert pack.fields == ["sentiment"]
    assert pack.examples("eval")[0].label == {"sentiment": "negative"}
    assert parse_output('{"sentiment": "positive"}', pack.schema).valid
    assert not parse_output('{"sentiment": "neutral"}', pack.schema).valid
    with pytest.raises(PackError, match="no 'offdist' set"):
        pack.examples("offdist")


def test_bad_data_lines_are_reported_with_their_line(tmp_path: Path) -> None:
    root = _write_pack(tmp_path / "sentiment")
    (root / "eval.jsonl").write_text('{"text": "ok", "label": {"sentiment": "positive"}}\n{"text": "x"}\n')
    with pytest.raises(PackError, match=r"eval.jsonl:2"):
        load_pack(root).examples("eval")
    (root / "eval.jsonl").write_text('{"text": "ok", "label": {"sentiment": "great"}}\n')
    with pytest.raises(PackError, match=r"eval.jsonl:1: label .* does not match"):
        load_pack(root).examples("eval")


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"output": {"schema": "nope"}}, "unknown output schema"),
        ({"output": {}}, "exactly one of"),
        ({"prompts": {"few_shot": {"instructions": "x", "template": "no slot", "shots": []}}}, "template"),
        ({"surprise": 1}, "surprise"),
    ],
)
def test_invalid_packs_say_why(tmp_path: Path, override: dict[str, object], message: str) -> None:
    root = _write_pack(tmp_path / "bad", **override)
    with pytest.raises(PackError, match=message):
        load_pack(root)


def test_unknown_pack_lists_builtin_ones() -> None:
    with pytest.raises(PackError, match="ticket-triage"):
        load_pack("no-such-pack")
    with pytest.raises(PackError):
        load_pack("../../etc")
