"""The light corpus reader and the ingest pipeline name passages the same way (one id scheme)."""

from __future__ import annotations

from pathlib import Path

from knowledge.chunking import chunk_document
from knowledge.corpus_index import CORPUS_DIR, load_corpus_index, parse_markdown
from knowledge.loaders import load_document
from knowledge.passage_ids import PassageIds, slugify, split_front_matter

REPEATED = (
    "---\nid: Demo Doc\ntitle: Demo\n---\n\n## Costs\nOne. Two.\n\n## Benefits\nThree.\n\n"
    "## Costs\nFour.\n\n## Costs 2\nFive.\n"
)


def test_a_repeated_heading_gets_the_same_suffixed_id_from_both_readers(tmp_path: Path) -> None:
    path = tmp_path / "demo.md"
    path.write_text(REPEATED, encoding="utf-8")
    light = [p.id for p in parse_markdown(REPEATED, "demo")]
    indexed = [c.id for c in chunk_document(load_document(path), kind="corpus")]
    assert light == indexed == ["demo-doc#costs", "demo-doc#benefits", "demo-doc#costs-2", "demo-doc#costs-2-2"]


def test_every_shipped_passage_id_is_an_indexed_id() -> None:
    indexed = {c.id for path in sorted(CORPUS_DIR.glob("*.md")) for c in chunk_document(load_document(path))}
    for passage_id in load_corpus_index().ids():
        assert passage_id in indexed or f"{passage_id}-1" in indexed, passage_id


def test_ids_are_never_handed_out_twice() -> None:
    ids = PassageIds("d")
    taken = [ids.take(ids.section_slug(h)) for h in ("A", "a", "A!", "")]
    assert taken == ["d#a", "d#a-2", "d#a-3", "d#intro"]
    assert slugify("  PEFT: 95%+ of full  ") == "peft-95-of-full"


def test_front_matter_is_split_from_the_body() -> None:
    assert split_front_matter("---\nid: x\n---\nbody") == ("id: x", "body")
    assert split_front_matter("no front matter") == (None, "no front matter")
