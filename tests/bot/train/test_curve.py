"""The learning curve's shares of the training set and their step counts."""

from __future__ import annotations

from bot.train.curve import auto_steps, share
from knowledge.demos.pack import Example


def examples() -> list[Example]:
    return [Example(text=f"{label} request {i}", label={"intent": label})
            for label, n in (("a", 40), ("b", 20), ("c", 3)) for i in range(n)]


def test_a_share_is_stratified_deterministic_and_nested_in_order() -> None:
    exs = examples()
    quarter, half = share(exs, 0.25), share(exs, 0.5)
    assert [sum(exs[i].label["intent"] == lab for i in quarter) for lab in "abc"] == [10, 5, 1]
    assert [sum(exs[i].label["intent"] == lab for i in half) for lab in "abc"] == [20, 10, 2]
    assert quarter == sorted(quarter) and set(quarter) <= set(half)  # the hash ranks: a share grows by adding
    assert share(list(reversed(exs)), 0.25) == sorted(len(exs) - 1 - i for i in quarter)
    assert share(exs, 1.0) == list(range(len(exs)))


def test_steps_scale_with_the_share() -> None:
    assert [auto_steps(n, 8) for n in (100, 200, 400)] == [25, 50, 100]
    assert auto_steps(3, 8) == 4 and auto_steps(5000, 8) == 120
