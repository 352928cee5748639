"""Per-file resource limits of ingestion: size, chunks and time.

A file over a limit is skipped with a reason that names the limit (`LimitExceeded.limit` is the
field name; the CLI maps it to its setting). The checks run as early as they can: the size before
reading, an estimate of the chunk count before chunking, the clock between every stage and every
write batch, so one hostile file costs at most its limits and never stops the run.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from knowledge.loaders.document import LimitExceeded

__all__ = ["MB", "FileClock", "IngestLimits", "LimitExceeded", "check_chunks", "check_size", "check_text_length"]

MB = 1024 * 1024


@dataclass(frozen=True)
class IngestLimits:
    max_file_bytes: int = 20 * MB
    max_chunks: int = 2000
    max_seconds: float = 300.0
    batch_size: int = 64  # chunks embedded and written per batch


class FileClock:
    """The time budget of one file."""

    def __init__(self, limits: IngestLimits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self.clock = clock
        self.started = clock()

    def check(self, stage: str) -> None:
        elapsed = self.clock() - self.started
        if elapsed > self.limits.max_seconds:
            raise LimitExceeded(
                f"over the per-file time limit ({self.limits.max_seconds:g} s) while {stage}", "max_seconds"
            )


def check_size(size: int, limits: IngestLimits) -> None:
    if size > limits.max_file_bytes:
        raise LimitExceeded(
            f"file too large ({size / MB:.1f} MB; the per-file limit is {limits.max_file_bytes / MB:g} MB)",
            "max_file_bytes",
        )


def check_text_length(chars: int, chunk_size: int, limits: IngestLimits) -> None:
    """Every chunk holds at most `chunk_size` characters: longer text cannot fit the chunk limit."""
    if chars > limits.max_chunks * chunk_size:
        raise LimitExceeded(
            f"too much text ({chars:,} characters: more than the per-file limit of {limits.max_chunks:,} chunks)",
            "max_chunks",
        )


def check_chunks(count: int, limits: IngestLimits) -> None:
    if count > limits.max_chunks:
        raise LimitExceeded(
            f"too many chunks ({count:,}; the per-file limit is {limits.max_chunks:,})", "max_chunks"
        )
