"""`bot.heap`: what the chat servers (Slack and Teams) do once before they take requests."""

from __future__ import annotations

import gc

from bot.heap import freeze_startup_heap


def test_the_startup_heap_is_frozen_out_of_the_collectors_reach() -> None:
    built_at_startup = [[i] for i in range(1000)]
    try:
        frozen = freeze_startup_heap()
        assert frozen >= 1000
        # the count it returns is the freeze count; another thread of the test process may free a
        # frozen object in the meantime (which takes it out of the permanent generation)
        assert 0 <= frozen - gc.get_freeze_count() < 100
        walked = {id(o) for o in gc.get_objects()}  # what a full collection would walk now
        assert id(built_at_startup) not in walked
        assert not any(id(item) in walked for item in built_at_startup)
        allocated_later = [[0]]
        assert id(allocated_later) in {id(o) for o in gc.get_objects()}  # later objects are collected as before
    finally:
        gc.unfreeze()
