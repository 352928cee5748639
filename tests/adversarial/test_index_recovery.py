"""Issue 12, part 7: a lost or corrupted index. With the chroma directory deleted, the next start
compares the database (team notes, ingested paths) with the index and rebuilds the missing part
in the background, logging it; a corrupted `chroma.sqlite3` is moved aside with a clear message
(no traceback) and rebuilt the same way. Before, notes and documents silently went uncited until
`ftadvisor reindex`, and a corrupted file crashed every command."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.adversarial.ingest_support import (
    DOC_QUESTION,
    NOTE_QUESTION,
    ask_json,
    cited_ids,
    copy_data_dir,
    prepare_data_dir,
    run_cli,
)


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    return prepare_data_dir(tmp_path_factory.mktemp("index-recovery"))


def _assert_everything_is_cited_again(data: Path, note_id: str) -> None:
    assert f"note:{note_id}" in cited_ids(ask_json(data, NOTE_QUESTION))
    assert any(cid.startswith("quokka#") for cid in cited_ids(ask_json(data, DOC_QUESTION)))


def test_deleted_index_is_rebuilt_from_the_database(prepared: tuple[Path, str], tmp_path: Path) -> None:
    data = copy_data_dir(prepared[0], tmp_path)
    shutil.rmtree(data / "chroma")
    first = run_cli(data, "ask", "--json", NOTE_QUESTION)  # the start-up that notices the gap
    assert first.returncode == 0 and "Traceback" not in first.stderr, first.stderr[-2000:]
    assert "1 team note(s) missing, 1 ingested file(s) missing" in first.stderr
    assert "Search index rebuilt" in first.stderr
    _assert_everything_is_cited_again(data, prepared[1])


def test_corrupted_index_file_is_moved_aside_and_rebuilt(prepared: tuple[Path, str], tmp_path: Path) -> None:
    data = copy_data_dir(prepared[0], tmp_path)
    (data / "chroma" / "chroma.sqlite3").write_bytes(b"this is not a database\x00" * 400)
    first = run_cli(data, "ask", "--json", NOTE_QUESTION)
    assert first.returncode == 0, first.stderr[-2000:]
    assert "Traceback" not in first.stderr
    assert "could not be read" in first.stderr and "moved" in first.stderr
    moved = [p for p in data.iterdir() if p.name.startswith("chroma.corrupt-")]
    assert len(moved) == 1 and (moved[0] / "chroma.sqlite3").exists()
    _assert_everything_is_cited_again(data, prepared[1])
