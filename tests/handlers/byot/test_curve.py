"""The learning curve read in plain words."""

from __future__ import annotations

from handlers.byot.curve import CurvePoint, read_curve


def points(a25: float, a50: float, a100: float) -> list[CurvePoint]:
    return [CurvePoint(0.25, 100, 13, a25), CurvePoint(0.5, 200, 25, a50), CurvePoint(1.0, 400, 50, a100)]


def test_still_rising_means_more_examples_would_help() -> None:
    text = read_curve(points(0.40, 0.60, 0.75), n_eval=100)
    assert text.startswith("More examples would likely help: going from 200 to 400 training examples added 15 points")
    assert "(accuracy: 40% with 100 → 60% with 200 → 75% with 400 examples.)" in text


def test_flat_within_noise_means_levelled_off() -> None:
    text = read_curve(points(0.80, 0.82, 0.83), n_eval=100)
    assert text.startswith("It has levelled off: doubling from 200 to 400 examples changed accuracy by +1 points")


def test_a_small_eval_set_widens_the_noise_band() -> None:
    assert read_curve(points(0.70, 0.72, 0.78), n_eval=20).startswith("It has levelled off")  # 6 < 2 of 20 = 10 points
    assert read_curve(points(0.70, 0.72, 0.78), n_eval=200).startswith("More examples would likely help")


def test_slowing_gains_are_levelling_off() -> None:
    assert read_curve(points(0.40, 0.70, 0.72), n_eval=100).startswith("It is levelling off")
