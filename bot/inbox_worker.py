"""Running inbox work in a chat server: heart-beats for the work in progress, and the sweeper that
takes over work whose replica died (see `bot.storage.inbox` for the protocol).

A worker holds a `Lease` (key, owner, fencing token): it checks the lease right before each reply it
posts (`Lease.check` raises `LeaseLost` once the work was taken over, and nothing more is posted),
and marks the work done or failed through it (both conditional on the token).

Platform-neutral: each adapter registers, per kind of work (`slack_message`, ...), the function
that redoes it from its recorded payload. The sweeper takes one item at a time, so a replica never
holds more taken-over work than it is doing, and the others share the rest.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from bot.storage.inbox import InboxItem, SqlInbox
from handlers.models import new_reference_id

log = logging.getLogger(__name__)

PURGE_AFTER = timedelta(days=2)
PURGE_EVERY_SWEEPS = 100


class LeaseLost(Exception):
    """This claim on the work was taken over (its lease ran out and another claim won): post nothing."""


@dataclass(frozen=True)
class Lease:
    """One claim on one piece of inbox work, as the worker doing it holds it."""

    inbox: SqlInbox
    key: str
    owner: str
    token: int

    @classmethod
    def of(cls, inbox: SqlInbox, item: InboxItem) -> Lease:
        return cls(inbox, item.key, item.owner, item.token)

    def holds(self) -> bool:
        """Whether the claim still holds the work (extending its lease if so)."""
        return self.inbox.hold(self.key, owner=self.owner, token=self.token)

    def check(self) -> None:
        """Call right before posting a reply: raises `LeaseLost` when another claim took the work."""
        if not self.holds():
            log.warning("inbox lease on %s (attempt %d) was lost: posting nothing", self.key, self.token)
            raise LeaseLost(self.key)

    def done(self) -> bool:
        return self.inbox.done(self.key, owner=self.owner, token=self.token)

    def fail(self, error: str) -> str:
        return self.inbox.fail(self.key, owner=self.owner, token=self.token, error=error)


class Heartbeats:
    """One thread per process extends the lease of every item being worked on, every `every_s`."""

    def __init__(self, inbox: SqlInbox, owner: str, every_s: float) -> None:
        self.inbox, self.owner, self.every_s = inbox, owner, every_s
        self._held: dict[tuple[str, int], int] = {}
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    @contextmanager
    def holding(self, lease: Lease) -> Iterator[None]:
        key = (lease.key, lease.token)
        with self._lock:
            self._held[key] = self._held.get(key, 0) + 1
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="inbox-heartbeat", daemon=True)
                self._thread.start()
        try:
            yield
        finally:
            with self._lock:
                self._held[key] -= 1
                if not self._held[key]:
                    del self._held[key]

    def _run(self) -> None:
        stop = threading.Event()
        while not stop.wait(self.every_s):
            with self._lock:
                keys = list(self._held)
            for key, token in keys:
                try:
                    if not self.inbox.heartbeat(key, owner=self.owner, token=token):
                        log.warning("inbox lease on %s (attempt %d) was lost (taken over)", key, token)
                except Exception:
                    log.warning("inbox heartbeat failed for %s", key, exc_info=True)


Handler = Callable[[InboxItem], None]


class InboxSweeper:
    """Every `every_s`, takes over expired work of the registered kinds and redoes it."""

    def __init__(self, inbox: SqlInbox, owner: str, handlers: Mapping[str, Handler], *, every_s: float) -> None:
        self.inbox, self.owner, self.handlers, self.every_s = inbox, owner, dict(handlers), every_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._sweeps = 0

    def sweep_once(self) -> int:
        """Redo every expired item there is now, one at a time; returns how many were redone."""
        done = 0
        while not self._stop.is_set():
            items = self.inbox.take_over(owner=self.owner, kinds=list(self.handlers), limit=1)
            if not items:
                break
            item = items[0]
            log.info("taking over %s (%s, attempt %d)", item.key, item.kind, item.attempts)
            try:
                self.handlers[item.kind](item)
            except LeaseLost:
                pass  # another claim took it over meanwhile: that one finishes it
            except Exception as exc:
                ref = new_reference_id()
                log.exception("inbox work %s failed ref=%s", item.key, ref)
                Lease.of(self.inbox, item).fail(f"ref={ref} {type(exc).__name__}")
            done += 1
        self._sweeps += 1
        if self._sweeps % PURGE_EVERY_SWEEPS == 1:
            self.inbox.purge(older_than=PURGE_AFTER)
        return done

    def start(self) -> InboxSweeper:
        self._thread = threading.Thread(target=self._run, name="inbox-sweeper", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.wait(self.every_s):
            try:
                self.sweep_once()
            except Exception:
                log.warning("inbox sweep failed", exc_info=True)
