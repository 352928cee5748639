"""A thread pool that can tell when all the work handed to it is done (tests wait on it instead of
sleeping: after a Slack request is acknowledged, its work has been submitted here)."""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any


class TrackingExecutor(ThreadPoolExecutor):
    def __init__(self, max_workers: int = 8) -> None:
        super().__init__(max_workers=max_workers, thread_name_prefix="test-slack-work")
        self._futures: list[Future[Any]] = []
        self._lock = threading.Lock()

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        future = super().submit(fn, *args, **kwargs)
        with self._lock:
            self._futures.append(future)
        return future

    def wait_idle(self, timeout: float = 60.0) -> None:
        """Block until every task submitted so far (and any they submitted) has finished; raise if one
        of them raised (also one that had already finished before this call: reported once)."""
        while True:
            with self._lock:
                pending = [f for f in self._futures if not f.done()]
            if not pending:
                break
            _, not_done = wait(pending, timeout=timeout)
            if not_done:
                raise AssertionError(f"{len(not_done)} Slack work item(s) still running after {timeout} s")
        with self._lock:
            finished, self._futures = self._futures, [f for f in self._futures if not f.done()]
        for f in finished:
            if f.done() and f.exception() is not None:
                raise AssertionError(f"a Slack work item raised: {f.exception()!r}")
