"""Runs one training job in its own process and enforces the training limits on it.

Owns the guards of `/ft-demo train` and `ftadvisor finetune`: the time limit
(FTADVISOR_TRAIN_TIMEOUT), the memory limit (FTADVISOR_TRAIN_MAX_MEMORY_MB, resident memory of the
worker, checked twice a second) and cancellation; the example and sequence-length limits travel
in the job and are checked by the worker. Events from the worker are handed to `on_event` as
they arrive; a limit, a cancellation or a crash ends in `TrainingFailed` with a message for users.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from bot.settings import Settings
from bot.train.worker import TrainJob

log = logging.getLogger(__name__)

Event = dict[str, Any]


class TrainingFailed(Exception):
    """The job did not finish; `message` is safe to show, `kind` is limit|cancelled|pack|internal|..."""

    def __init__(self, message: str, kind: str = "internal") -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind


@dataclass(frozen=True)
class TrainLimits:
    timeout_s: float = 600
    max_memory_mb: int = 4096
    max_examples: int = 5000
    max_seq_tokens: int = 256
    threads: int = 1

    @classmethod
    def from_settings(cls, s: Settings) -> TrainLimits:
        return cls(
            timeout_s=s.train_timeout_s, max_memory_mb=s.train_max_memory_mb, max_examples=s.train_max_examples,
            max_seq_tokens=s.train_max_seq_tokens, threads=s.train_threads,
        )

    def apply(self, job: TrainJob) -> TrainJob:
        return job.model_copy(update={
            "max_examples": self.max_examples, "max_seq_tokens": self.max_seq_tokens, "threads": self.threads,
        })


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (Linux /proc; 0.0 where it cannot be read)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0.0


def run_training(
    job: TrainJob,
    limits: TrainLimits,
    on_event: Callable[[Event], None] | None = None,
    *,
    should_cancel: Callable[[], bool] = lambda: False,
    python: str = sys.executable,
    poll_s: float = 0.5,
) -> Event:
    """Start the worker, relay its events, enforce the limits; the `result` event, or TrainingFailed."""
    job = limits.apply(job)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (_root(), os.environ.get("PYTHONPATH")) if p)}
    env["OMP_NUM_THREADS"] = str(limits.threads)
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as stderr:
        proc = subprocess.Popen(
            [python, "-m", "bot.train.worker"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr,
            text=True, encoding="utf-8", env=env, start_new_session=True,
        )
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(job.model_dump_json())
        proc.stdin.close()
        lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=_pump, args=(proc.stdout, lines), daemon=True, name="train-events").start()
        try:
            return _watch(proc, lines, limits, on_event, should_cancel, poll_s)
        finally:
            _stop(proc)
            stderr.seek(0)
            tail = stderr.read()[-4000:]
            if tail.strip():
                log.info("training worker stderr (tail):\n%s", tail)


def _watch(
    proc: subprocess.Popen[str],
    lines: queue.Queue[str | None],
    limits: TrainLimits,
    on_event: Callable[[Event], None] | None,
    should_cancel: Callable[[], bool],
    poll_s: float,
) -> Event:
    deadline = time.monotonic() + limits.timeout_s
    peak = 0.0
    while True:
        try:
            line = lines.get(timeout=poll_s)
        except queue.Empty:
            line = ""
        if line is None:  # the worker closed stdout: it ended
            proc.wait(timeout=30)
            raise TrainingFailed(f"the training process stopped unexpectedly (exit code {proc.returncode})")
        if line:
            event = _parse(line)
            if event is None:
                continue
            if event.get("event") == "result":
                return event
            if event.get("event") == "error":
                raise TrainingFailed(str(event.get("message", "training failed")), str(event.get("kind", "internal")))
            if on_event is not None:
                on_event(event)
        peak = max(peak, rss_mb(proc.pid))
        if peak > limits.max_memory_mb:
            raise TrainingFailed(
                f"training used {peak:,.0f} MB of memory, more than FTADVISOR_TRAIN_MAX_MEMORY_MB="
                f"{limits.max_memory_mb:,}; it was stopped. Raise the limit or train on fewer/shorter examples.",
                "limit",
            )
        if time.monotonic() > deadline:
            raise TrainingFailed(
                f"training took longer than FTADVISOR_TRAIN_TIMEOUT={limits.timeout_s:g} s and was stopped. "
                "Raise the limit, or train on fewer examples or steps.",
                "limit",
            )
        if should_cancel():
            raise TrainingFailed("training was cancelled", "cancelled")


def _parse(line: str) -> Event | None:
    try:
        event = json.loads(line)
    except json.JSONDecodeError:
        log.debug("training worker said: %s", line.rstrip())
        return None
    return event if isinstance(event, dict) else None


def _pump(stream: IO[str], out: queue.Queue[str | None]) -> None:
    for line in stream:
        out.put(line)
    out.put(None)


def _stop(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=5)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)


def _root() -> str:
    return str(Path(__file__).resolve().parents[2])
