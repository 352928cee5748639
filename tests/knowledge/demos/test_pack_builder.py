"""A checked file becomes a pack: schema, deterministic split without leaks, few-shot prompt, card."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge.demos.intake import FieldSpec, Labelled, read_examples
from knowledge.demos.pack import load_pack
from knowledge.demos.pack_builder import PackBuildError, build_pack, list_packs
from knowledge.demos.split import overlap, split_examples

SAMPLE = Path(__file__).resolve().parents[3] / "knowledge/demos/samples/bank-intents/bank-intents.jsonl"


def intake():  # type: ignore[no-untyped-def]
    return read_examples(SAMPLE.read_bytes(), SAMPLE.name, FieldSpec(label_fields=("intent",)))


def test_the_sample_file_becomes_a_pack_loadable_by_name(tmp_path: Path) -> None:
    built = build_pack(intake(), "bank", tmp_path, title="Bank intents", source_bytes=SAMPLE.read_bytes())
    pack = load_pack("bank", search=[tmp_path])
    assert pack.root == tmp_path / "bank" and pack.fields == ["intent"]
    train, held = pack.examples("train"), pack.examples("eval")
    assert len(train) + len(held) == len(intake().examples) and 0.15 < len(held) / len(train + held) < 0.25
    assert {e.label["intent"] for e in held} == set(pack.spec.output.fields["intent"])  # type: ignore[index]
    shots = pack.spec.prompts.few_shot.shots
    assert {s.label["intent"] for s in shots} == {e.label["intent"] for e in train}
    assert not {s.text for s in shots} & {e.text for e in held}
    assert pack.prompt("minimal", "lost my card") == "Text: lost my card\nLabel:"
    card = json.loads((pack.root / "card.json").read_text())
    assert card["split"]["train"] == len(train) and card["source"]["rows"] == len(train) + len(held)
    assert (pack.root / "PACK.md").read_text().startswith("# Pack card: `bank`")
    assert built.pack.name == "bank"
    assert list_packs(tmp_path)[0] | {"path": ""} == {
        "name": "bank", "title": "Bank intents", "path": "", "train": len(train), "eval": len(held),
        "fields": ["intent"], "trained": False, "trained_at": None,
    }


def test_the_split_is_deterministic_and_keeps_near_duplicates_together() -> None:
    examples = intake().examples
    first, again = split_examples(examples), split_examples(list(reversed(examples)))
    assert {e.row for e in first.eval} == {e.row for e in again.eval}
    twins = [Labelled(row=1, text="Lost card!", label={"i": "a"}), Labelled(row=2, text="lost  card", label={"i": "a"})]
    split = split_examples(twins * 1, fraction=0.5)
    assert len(split.train) in (0, 2) and not split.problems


def test_a_file_split_that_leaks_is_refused_with_rows(tmp_path: Path) -> None:
    train = [Labelled(row=2, text="Where is my card?", label={"i": "a"}, split="train")]
    held = [Labelled(row=9, text="where is my card", label={"i": "a"}, split="eval")]
    assert [str(p) for p in overlap(train, held)] == ["row 9: the same text as row 2 is in both train and eval"]


def test_a_file_with_problems_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    bad = read_examples(b"text,intent\nhello,a\n", "x.csv", FieldSpec(label_fields=("intent",)))
    with pytest.raises(PackBuildError) as err:
        build_pack(bad, "mine", tmp_path)
    assert err.value.problems and not (tmp_path / "mine").exists()
    with pytest.raises(PackBuildError, match="built-in pack"):
        build_pack(intake(), "ticket-triage", tmp_path)
    build_pack(intake(), "mine", tmp_path)
    with pytest.raises(PackBuildError, match="exists already"):
        build_pack(intake(), "mine", tmp_path)
