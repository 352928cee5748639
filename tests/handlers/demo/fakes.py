"""Scripted arms implementing the `Arm` port (the unit under test is the runner, not a model)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from handlers.demo.arms import ArmResult


def ticket_of(prompt: str) -> str:
    """The input in a pack prompt: the text between the last 'Ticket: ' and the final 'Label:'."""
    return prompt.rsplit("Ticket: ", 1)[-1].rsplit("\nLabel:", 1)[0]


class ScriptedArm:
    """Answers `answer(ticket)`; raises when the answer is an exception; records every prompt."""

    def __init__(
        self, name: str, answer: Callable[[str], str | ArmResult | Exception], latency_ms: float = 100.0
    ) -> None:
        self.name = name
        self.answer = answer
        self.latency_ms = latency_ms
        self.prompts: list[str] = []
        self._lock = threading.Lock()

    def complete(self, prompt: str, *, max_tokens: int, stop: Sequence[str]) -> ArmResult:
        with self._lock:
            self.prompts.append(prompt)
        out = self.answer(ticket_of(prompt))
        if isinstance(out, Exception):
            raise out
        if isinstance(out, ArmResult):
            return out
        return ArmResult(
            text=out, prompt_tokens=len(prompt.split()), completion_tokens=len(out.split()), latency_ms=self.latency_ms
        )
