"""The learning curve of a team's task in plain words: would more labelled examples help?

Owns the reading of accuracy measured with 25 %, 50 % and 100 % of the training examples (the
same held-out set each time). Differences smaller than a couple of held-out examples are noise
and are called so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

FRACTIONS = (0.25, 0.5, 1.0)
HELPS_POINTS = 3.0  # a gain of at least this many points from half to all of the data: more data helps


@dataclass(frozen=True)
class CurvePoint:
    fraction: float
    n_train: int
    steps: int
    accuracy: float  # exact match of every field, on the held-out set


def read_curve(points: Sequence[CurvePoint], n_eval: int) -> str:
    """One or two sentences: "more examples would likely help" / "it has levelled off", with the numbers."""
    if len(points) < 2:
        return "Not enough points for a learning curve."
    pts = sorted(points, key=lambda p: p.fraction)
    half, full = pts[-2], pts[-1]
    gain = (full.accuracy - half.accuracy) * 100
    noise = 2 * 100 / max(1, n_eval)  # two held-out examples, in points
    first = (half.accuracy - pts[0].accuracy) * 100 if len(pts) > 2 else gain
    numbers = " → ".join(f"{p.accuracy:.0%} with {p.n_train}" for p in pts)
    if gain >= max(HELPS_POINTS, noise):
        verdict = (
            f"More examples would likely help: going from {half.n_train} to {full.n_train} training examples "
            f"added {gain:.0f} points and the curve is still rising."
        )
    elif gain <= noise and first <= max(HELPS_POINTS, noise):
        verdict = (
            f"It has levelled off: doubling from {half.n_train} to {full.n_train} examples changed accuracy by "
            f"{gain:+.0f} points (within noise on {n_eval} held-out examples). More examples of the same kind are "
            "unlikely to help much; harder or more varied ones, or clearer label rules, might."
        )
    else:
        verdict = (
            f"It is levelling off: the last doubling ({half.n_train} → {full.n_train}) added {gain:+.0f} points, "
            f"less than the one before ({first:+.0f}). A few hundred more examples may still add a little."
        )
    return f"{verdict} (accuracy: {numbers} examples.)"
