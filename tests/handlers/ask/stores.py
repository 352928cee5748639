"""Stores an `AskService` needs that these unit tests don't look at: no thread history, no log."""

from __future__ import annotations

from typing import Literal

from handlers.ports import Turn


class NoThreads:
    def append(self, thread_key: str, role: Literal["user", "assistant"], text: str) -> None:
        return None

    def history(self, thread_key: str, *, limit: int = 10) -> list[Turn]:
        return []

    def has_thread(self, thread_key: str) -> bool:
        return False


class NoLog:
    def record(self, *, thread_key: str, channel: str, user: str, question: str, grounded: bool) -> None:
        return None
