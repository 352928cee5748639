"""Training progress lines and the 10-second throttle."""

from __future__ import annotations

from handlers.byot.progress import Throttle, progress_text


def test_step_and_item_lines_with_time_left() -> None:
    step = {"event": "step", "phase": "all", "step": 20, "steps": 85, "loss": 0.41234, "done": 40, "total": 400}
    assert progress_text(step, elapsed_s=60) == (
        "Training (all examples): step 20/85, loss 0.412 · 10% · about 9 min left"
    )
    item = {"event": "item", "phase": "eval", "item": 3, "items": 84, "done": 398, "total": 400}
    line = progress_text(item, elapsed_s=398)
    assert line == "Evaluating both arms: 3/84 held-out examples · 100% · under a minute left"


def test_learning_curve_lines_count_the_time_left_in_the_curve() -> None:
    step = {"event": "step", "phase": "25%", "step": 5, "steps": 25, "loss": 0.8, "done": 10, "total": 350}
    assert progress_text(step, elapsed_s=10) == (
        "Learning curve, training on 25% of the examples: step 5/25, loss 0.800 · 3% · about 6 min left"
    )
    item = {"event": "item", "phase": "eval 50%", "item": 50, "items": 100, "done": 300, "total": 350}
    assert progress_text(item, elapsed_s=120) == (
        "Learning curve, scoring the 50% adapter: 50/100 held-out examples · 86% · under a minute left"
    )
    assert progress_text({"event": "plan", "total": 3}, elapsed_s=1) is None


def test_the_throttle_lets_one_message_through_per_interval() -> None:
    now = [0.0]
    t = Throttle(10.0, clock=lambda: now[0])
    seen = []
    for second in range(0, 31):
        now[0] = float(second)
        seen.append(t.ready())
    assert [s for s, ok in enumerate(seen) if ok] == [0, 10, 20, 30]
