"""Training progress in words (step, loss, time left), and the throttle that posts it at most every 10 s.

The worker's events carry `done`/`total` work units of the part under way: first the work up to
the side-by-side result (training steps, then evaluation calls), then, after that result has been
posted, the learning curve's (its trainings, then scoring each adapter). The time left is the time
left in that part, extrapolated from its rate so far (`elapsed_s` counts from the part's start).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

MIN_INTERVAL_S = 10.0


def eta_text(seconds: float) -> str:
    if seconds < 60:
        return "under a minute left"
    minutes = round(seconds / 60)
    return f"about {minutes} min left"


def progress_text(event: dict[str, Any], elapsed_s: float) -> str | None:
    """One line for a `step` or `item` event; None for events that are not worth a message."""
    done, total = float(event.get("done", 0)), float(event.get("total", 0))
    left = eta_text(elapsed_s / done * (total - done)) if done > 0 and total > done else ""
    pct = f"{done / total:.0%}" if total else ""
    phase = str(event.get("phase", ""))
    if event.get("event") == "step":
        what = f"step {event['step']}/{event['steps']}, loss {float(event['loss']):.3f}"
        what = (f"Training (all examples): {what}" if phase == "all"
                else f"Learning curve, training on {phase} of the examples: {what}")
    elif event.get("event") == "item":
        what = f"{event['item']}/{event['items']} held-out examples"
        what = (f"Evaluating both arms: {what}" if phase == "eval"
                else f"Learning curve, scoring the {phase.removeprefix('eval ')} adapter: {what}")
    else:
        return None
    return " · ".join(p for p in (what, pct, left) if p)


class Throttle:
    """True at most once per `interval_s` (the first call is let through)."""

    def __init__(self, interval_s: float = MIN_INTERVAL_S, clock: Callable[[], float] = time.monotonic) -> None:
        self.interval_s = interval_s
        self.clock = clock
        self._last: float | None = None

    def ready(self) -> bool:
        now = self.clock()
        if self._last is not None and now - self._last < self.interval_s:
            return False
        self._last = now
        return True
