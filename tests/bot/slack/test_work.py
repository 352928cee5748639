"""`guarded`: the one failure path of Slack commands and training uploads."""

from __future__ import annotations

import pytest

from bot.inbox_worker import LeaseLost
from bot.slack.work import guarded


def _boom() -> None:
    raise RuntimeError("secret detail")


def test_a_failure_is_told_with_a_reference_id_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    told: list[str] = []
    guarded(_boom, told.append, "slash command")
    assert len(told) == 1 and told[0]
    assert f"slash command failed ref={told[0]}" in caplog.text


def test_work_that_succeeds_tells_nothing() -> None:
    told: list[str] = []
    guarded(lambda: "posted", told.append, "training upload")
    assert told == []


def test_a_lost_lease_goes_up_untold() -> None:
    told: list[str] = []

    def lost() -> None:
        raise LeaseLost("taken over")

    with pytest.raises(LeaseLost):
        guarded(lost, told.append, "slash command")
    assert told == []


def test_failing_to_tell_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    def cannot_tell(ref: str) -> None:
        raise ConnectionError("slack down")

    guarded(_boom, cannot_tell, "training upload")
    assert "could not tell the user about failure" in caplog.text
