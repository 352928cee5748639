"""Embedded vectors kept in a file of the data dir, named by a digest of what was embedded: read
back when the file holds the expected rows, written atomically otherwise (another replica may read
it meanwhile), older files of the same kind removed.

One place for the asks' vectors (`knowledge.asks`) and the curated corpus's sentence vectors
(`handlers.ask.sentence_vectors`), so that both recover from a truncated file and a read-only data
dir the same way.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)


def read_vectors(path: Path, rows: int) -> np.ndarray | None:
    """The vectors in `path` when it holds `rows` of them; None when it is missing, unreadable or
    truncated (embed again and overwrite it)."""
    if not path.is_file():
        return None
    try:
        cached: np.ndarray = np.load(path, allow_pickle=False)
    except (OSError, ValueError):
        return None
    if cached.ndim == 2 and len(cached) == rows:
        return cached.astype(np.float32, copy=False)
    return None


def write_vectors(path: Path, vectors: np.ndarray, *, stale: str, what: str) -> None:
    """Store `vectors` in `path` atomically and remove the other files matching `stale` (a glob
    beside it: older digests). A read-only data dir is logged (`what` names the vectors): the
    caller uses the vectors it has and embeds again next start."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        with tmp.open("wb") as fh:
            np.save(fh, vectors, allow_pickle=False)
        os.replace(tmp, path)
        for old in path.parent.glob(stale):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as exc:
        log.warning("could not cache %s in %s: %s", what, path, exc)
