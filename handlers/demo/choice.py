"""Which prompted arm is the demo's "prompt" side: the strongest one on the pack's eval set, by the
figures measured for the pack (knowledge/demos/measured.py), unless a person picked one.

Ranking: exact accuracy on eval, then valid-output rate, then the lower p50 latency. Figures
measured on another version of the eval set (its sha256 differs) do not count. Without usable
figures the default arm is kept, and the reason says so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from handlers.demo.arms import PromptChoice
from knowledge.demos.measured import MeasuredArms, SplitFigures

PROMPTED_ARMS: tuple[str, ...] = ("gemma", "smollm2")  # ids of the embedded prompted arms
DEFAULT_PROMPTED = "gemma"  # kept where nothing was measured (the arm every pack had before)
AUTO = "auto"


def _rank(fig: SplitFigures) -> tuple[float, float, float]:
    return (fig.accuracy, fig.valid_rate, -fig.latency_p50_ms)


def _figures(measured: MeasuredArms | None, eval_sha256: str, candidates: Sequence[str]) -> dict[str, SplitFigures]:
    if measured is None or measured.eval_sha256 != eval_sha256:
        return {}
    out: dict[str, SplitFigures] = {}
    for arm_id in candidates:
        arm = measured.arms.get(arm_id)
        if arm is not None and arm.prompted and "eval" in arm.splits:
            out[arm_id] = arm.splits["eval"]
    return out


def _comparison(order: Sequence[str], figures: Mapping[str, SplitFigures], names: Mapping[str, str]) -> str:
    n = figures[order[0]].n
    parts = [f"{names.get(a, a)} {figures[a].accuracy:.1%}" for a in order]
    return f"{' vs '.join(parts)} exact on {n} eval items"


def choose_prompt_arm(
    measured: MeasuredArms | None,
    *,
    eval_sha256: str,
    names: Mapping[str, str],
    requested: str = AUTO,
    requested_by: str = "a setting",
    candidates: Sequence[str] = PROMPTED_ARMS,
) -> PromptChoice:
    """The prompted arm to use and why. `names` maps arm ids to display names; `requested` is an
    arm id or `auto` (pick by the measured figures)."""
    figures = _figures(measured, eval_sha256, candidates)
    order = sorted(figures, key=lambda a: _rank(figures[a]), reverse=True)
    if requested != AUTO:
        if requested not in candidates:
            raise ValueError(f"unknown prompted arm {requested!r}; choose one of {', '.join(candidates)} or auto")
        reason = f"picked by {requested_by}"
        if len(order) >= 2:
            reason += f" (measured: {_comparison(order, figures, names)})"
        return PromptChoice(requested, names.get(requested, requested), reason, measured=False)
    if len(order) < 2:
        why = "no measured figures for this pack" if measured is None else (
            "the measured figures are for another version of the eval set"
            if measured.eval_sha256 != eval_sha256 else "fewer than two prompted arms measured"
        )
        name = names.get(DEFAULT_PROMPTED, DEFAULT_PROMPTED)
        return PromptChoice(DEFAULT_PROMPTED, name, f"the default prompted arm ({why})", measured=False)
    best = order[0]
    reason = f"strongest prompted arm on this pack's eval: {_comparison(order, figures, names)}"
    return PromptChoice(best, names.get(best, best), reason, measured=True)
