"""Helpers shared by the benchmark scripts: timing, percentiles, peak RSS and result output
(one JSON line for machines, one line for people)."""

from __future__ import annotations

import json
import platform
import resource
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MiB.

    Linux: `VmHWM` of /proc/self/status, the high-water mark of this process's own memory. Not
    `ru_maxrss`: it survives exec, so a process started by `subprocess` (vfork + exec) reports its
    parent's RSS at that moment if that was higher (a benchmark child of a parent holding 100,000
    chunks once reported 1.3 GB it never used). Elsewhere `ru_maxrss` (macOS reports bytes)."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def current_rss_mb() -> float:
    try:
        with open("/proc/self/statm") as fh:
            pages = int(fh.read().split()[1])
        return pages * resource.getpagesize() / (1024 * 1024)
    except OSError:
        return float("nan")


def percentiles(values_s: Sequence[float]) -> dict[str, float]:
    """p50/p95/p99/mean/max of durations given in seconds, reported in milliseconds."""
    ms = np.asarray(values_s, dtype=np.float64) * 1000.0
    if ms.size == 0:
        return {"p50_ms": float("nan"), "p95_ms": float("nan"), "p99_ms": float("nan"), "mean_ms": float("nan")}
    return {
        "p50_ms": round(float(np.percentile(ms, 50)), 2),
        "p95_ms": round(float(np.percentile(ms, 95)), 2),
        "p99_ms": round(float(np.percentile(ms, 99)), 2),
        "mean_ms": round(float(ms.mean()), 2),
        "max_ms": round(float(ms.max()), 2),
        "n": int(ms.size),
    }


class Timer:
    def __init__(self) -> None:
        self.seconds = 0.0


@contextmanager
def timed() -> Iterator[Timer]:
    timer = Timer()
    start = time.perf_counter()
    try:
        yield timer
    finally:
        timer.seconds = time.perf_counter() - start


def machine() -> dict[str, Any]:
    import os

    return {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()}


def emit(name: str, result: dict[str, Any], human: str) -> None:
    """Print the result as one JSON line, then one human-readable line."""
    print(json.dumps({"bench": name, **result}, sort_keys=True, default=str))
    print(human)
