"""The background trainer of a chat deployment: takes queued jobs one at a time and reports on them.

A thread of the serving process (`serve slack`, `serve teams`) that claims the oldest queued job
(`bot/storage/train_jobs.py`), runs it in its own process through the supervisor (limits,
cancellation), renews the job's lease while it runs, posts progress into the job's thread at most
every 10 s through a platform notifier, and posts the result as soon as it is known: the
side-by-side table and chart of both arms on the team's held-out split; the learning curve, which
costs nearly as much again, follows in the thread when it is done (if it fails or is cancelled, the
job still counts as done: the adapter and its measurement stand). Jobs whose worker died are resumed
(the lease expired) or, after too many attempts, failed with a message to their user.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any, Protocol

from bot.settings import Settings
from bot.storage.db import utcnow
from bot.storage.train_jobs import SqlTrainJobs, TrainJobRecord
from bot.train.supervisor import TrainingFailed, TrainLimits, run_training
from bot.train.worker import TrainJob
from handlers.byot.progress import Throttle, progress_text
from handlers.byot.result import curve_next_reply, curve_reply, eval_reply, headline
from handlers.models import TextReply
from knowledge.demos.pack import PackError, load_pack

log = logging.getLogger(__name__)


class TrainNotifier(Protocol):
    """Posts into a job's thread on one platform."""

    def progress(self, job: TrainJobRecord, text: str) -> None: ...

    def post(self, job: TrainJobRecord, replies: Sequence[Any]) -> None: ...


class ChartWriter(Protocol):
    def write(self, reply: Any, path: Path) -> None: ...


@dataclass
class TrainQueueRunner:
    jobs: SqlTrainJobs
    settings: Settings
    notifiers: dict[str, Callable[[], TrainNotifier]]  # platform -> notifier
    chart_writer: ChartWriter | None = None
    job_defaults: dict[str, Any] = field(default_factory=dict)  # TrainJob fields (tests: a few steps)
    lease_s: float = 120.0
    poll_s: float = 3.0
    progress_interval_s: float = 10.0
    run: Callable[..., dict[str, Any]] = run_training
    owner: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}")
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    # --- lifecycle -------------------------------------------------------------------------------
    def start(self) -> TrainQueueRunner:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, daemon=True, name="train-queue")
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                ran = self.run_once()
            except Exception:
                log.exception("training queue runner failed; retrying")
                ran = False
            if not ran:
                self._stop.wait(self.poll_s)

    # --- one turn --------------------------------------------------------------------------------
    def run_once(self) -> bool:
        """Fail dead jobs out of attempts, then run the next queued job; True if one ran."""
        lease = timedelta(seconds=self.lease_s)
        for dead in self.jobs.reap(now=utcnow()):
            self._post(dead, [TextReply(text=f"Training of `{dead.pack}` failed: {dead.error}.", tone="warning")])
        job = self.jobs.claim_next(owner=self.owner, now=utcnow(), lease=lease, platforms=list(self.notifiers))
        if job is None:
            return False
        resumed = " (resumed: the previous training process stopped)" if job.attempts > 1 else ""
        self._progress(job, f"Training of `{job.pack}` started{resumed}. I'll post progress here.")
        first: dict[str, Any] = {}  # the side-by-side result, once posted
        try:
            result = self._train(job, lease, first)
        except TrainingFailed as exc:
            if first:  # only the learning curve is missing: the adapter and its measurement stand
                if self.jobs.finish(job.id, owner=self.owner, now=utcnow(), status="done",
                                    result=json.dumps(first), error=f"learning curve: {exc.message}"):
                    text = ("Learning curve cancelled." if exc.kind == "cancelled"
                            else f"The learning curve could not be computed: {exc.message}")
                    self._post(job, [TextReply(text=text, tone="warning")])
                return True
            status = "cancelled" if exc.kind == "cancelled" else "failed"
            if self.jobs.finish(job.id, owner=self.owner, now=utcnow(), status=status, error=exc.message):
                text = "Training cancelled." if status == "cancelled" else f"Training failed: {exc.message}"
                self._post(job, [TextReply(text=text, tone="warning")])
            return True
        if self.jobs.finish(job.id, owner=self.owner, now=utcnow(), status="done", result=json.dumps(result)):
            if first:
                curve = curve_reply(result)
                self._post(job, [curve] if curve is not None else [])
            else:
                self._post(job, self.result_replies(job, result))
        return True

    def _train(self, job: TrainJobRecord, lease: timedelta, first: dict[str, Any]) -> dict[str, Any]:
        """Run the job; the side-by-side result is posted (and copied into `first`) when it arrives."""
        spec = TrainJob(data_dir=str(self.settings.data_dir.resolve()), pack=job.pack, **self.job_defaults)
        started = {"at": time.monotonic()}  # of the part under way: the result, then the learning curve
        throttle = Throttle(self.progress_interval_s)
        throttle.ready()  # the "started" message counts as the first post
        beat = {"at": time.monotonic()}

        def on_event(event: dict[str, Any]) -> None:
            if event.get("event") == "evaluated":
                first.update({k: v for k, v in event.items() if k not in ("event", "curve_next")})
                self._post(job, self.result_replies(job, event))
                started["at"] = time.monotonic()
                return
            text = progress_text(event, time.monotonic() - started["at"])
            if text and throttle.ready():
                self._progress(job, text)

        def should_cancel() -> bool:
            if time.monotonic() - beat["at"] < min(10.0, self.lease_s / 4):
                return False
            beat["at"] = time.monotonic()
            rec = self.jobs.heartbeat(job.id, owner=self.owner, now=utcnow(), lease=lease)
            return rec is None or rec.cancel_requested

        return self.run(spec, TrainLimits.from_settings(self.settings), on_event, should_cancel=should_cancel)

    def result_replies(self, job: TrainJobRecord, result: dict[str, Any]) -> list[Any]:
        try:
            pack = load_pack(job.pack, search=[self.settings.data_dir / "packs"])
        except PackError as exc:
            return [TextReply(text=f"Training finished but the pack cannot be read: {exc}", tone="warning")]
        replies: list[Any] = [TextReply(text=headline(pack, result), tone="success")]
        table = eval_reply(pack, result)
        if table is not None:
            if self.chart_writer is not None:
                path = self.settings.data_dir / "demo" / f"{pack.name}-trained-{job.id}.png"
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    self.chart_writer.write(table, path)
                    table.chart_path = str(path)
                except Exception as exc:  # the numbers matter more than the picture
                    log.exception("training chart failed")
                    table.chart_error = f"the chart could not be drawn ({exc.__class__.__name__})"
            replies.append(table)
        follow = curve_reply(result) or curve_next_reply(result)
        if follow is not None:
            replies.append(follow)
        return replies

    # --- posting ---------------------------------------------------------------------------------
    def _progress(self, job: TrainJobRecord, text: str) -> None:
        self._send(job, "progress", lambda n: n.progress(job, text))

    def _post(self, job: TrainJobRecord, replies: Sequence[Any]) -> None:
        self._send(job, "result", lambda n: n.post(job, replies))

    def _send(self, job: TrainJobRecord, what: str, send: Callable[[TrainNotifier], None]) -> None:
        """Through the job's platform notifier; a failed post is logged, never fatal to the queue."""
        try:
            make = self.notifiers.get(job.platform)
            if make is not None:
                send(make())
        except Exception:
            log.exception("could not post training %s job=%s", what, job.id)
