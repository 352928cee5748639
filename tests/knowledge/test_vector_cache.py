"""The vectors file shared by the asks and the corpus sentences: round trip, what is not read back,
stale files, a data dir that cannot be written."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

from knowledge.vector_cache import read_vectors, write_vectors


def test_vectors_written_are_read_back_and_older_digests_removed(tmp_path: Path) -> None:
    older = tmp_path / "asks-old.npy"
    other_kind = tmp_path / "sentences-old.npy"
    older.write_bytes(b"x")
    other_kind.write_bytes(b"x")
    vectors = np.arange(6, dtype=np.float32).reshape(3, 2)
    path = tmp_path / "asks-new.npy"
    write_vectors(path, vectors, stale="asks-*.npy", what="the asks' vectors")
    back = read_vectors(path, 3)
    assert back is not None and back.dtype == np.float32 and np.array_equal(back, vectors)
    assert not older.exists() and other_kind.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary left


def test_a_missing_short_or_truncated_file_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "asks-a.npy"
    assert read_vectors(path, 3) is None
    write_vectors(path, np.ones((2, 4), dtype=np.float32), stale="asks-*.npy", what="v")
    assert read_vectors(path, 3) is None  # another number of rows: embed again
    path.write_bytes(path.read_bytes()[:20])
    assert read_vectors(path, 2) is None


def test_a_data_dir_that_cannot_be_written_is_logged_not_raised(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    with caplog.at_level(logging.WARNING, logger="knowledge.vector_cache"):
        write_vectors(blocked / "asks-a.npy", np.ones((1, 2), dtype=np.float32), stale="asks-*.npy",
                      what="the asks' vectors")
    assert "could not cache the asks' vectors in" in caplog.text
