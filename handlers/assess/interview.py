"""The interview state machine over the rubric (pure apart from mutating the state it is given).

States: asking `state.pending`, or finished. Each turn is one of: an answer (button or free
text), "skip", "back", "restart", "done"/"that's all", or "cancel". The next question is the
unanswered criterion whose possible answers would move the verdict most; the interview finishes
when no way of answering the remaining questions could change the verdict (after asking the cost
inputs still open: request volume, today's prompt length), or when told "done".
An unreadable answer is re-asked once, then left open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from handlers.assess.breakeven import COST_INPUTS
from handlers.assess.flip import can_flip, question_value
from handlers.assess.models import InterviewState, InterviewStep
from handlers.assess.ports import AnswerExtractor
from handlers.assess.result import display_value
from knowledge.rubric.model import AnswerValue, Rubric

Control = Literal["skip", "back", "restart", "done", "cancel"]

_CONTROLS: dict[Control, tuple[str, ...]] = {
    "skip": (
        "skip",
        "skip it",
        "skip this",
        "skip that",
        "pass",
        "next",
        "next question",
        "don't know",
        "dont know",
        "do not know",
        "not sure",
        "no idea",
        "dunno",
        "idk",
        "n/a",
        "na",
        "unknown",
        "no clue",
        "doesn't matter",
        "does not matter",
        "not applicable",
        "?",
    ),
    "back": ("back", "go back", "undo", "previous", "previous question", "prev"),
    "restart": ("restart", "start over", "start again", "reset", "from the top", "begin again"),
    "done": (
        "done",
        "that's all",
        "thats all",
        "that is all",
        "finish",
        "finished",
        "that's it",
        "thats it",
        "enough",
        "stop asking",
        "show me",
        "show results",
        "results",
        "verdict",
        "wrap up",
        "we're done",
    ),
    "cancel": ("cancel", "stop", "quit", "exit", "abort", "never mind", "nevermind", "forget it"),
}
_TRAILING = re.compile(r"[\s.!]+$")


def control_word(text: str) -> Control | None:
    clean = _TRAILING.sub("", text.strip().lower().replace("\u2019", "'"))
    clean = clean.removeprefix("assess ").strip()
    for control, words in _CONTROLS.items():
        if clean in words:
            return control
    return None


@dataclass
class Outcome:
    """What to show after a turn: the next question (`ask`), the verdict (`finish`), or nothing
    more because the user cancelled."""

    kind: Literal["ask", "finish", "cancel"]
    criterion: str | None = None
    note: str = ""
    understood: list[str] = field(default_factory=list)  # "Labelled examples: 5,000 examples"


class Interview:
    def __init__(self, rubric: Rubric, extractor: AnswerExtractor) -> None:
        self.rubric = rubric
        self.extractor = extractor

    # --- questions ------------------------------------------------------------------------------
    def open_criteria(self, state: InterviewState) -> list[str]:
        return [c for c in self.rubric.askable if c not in state.answers and c not in state.skipped]

    def settled(self, state: InterviewState) -> bool:
        """No way of answering the open questions could change the verdict."""
        return not can_flip(self.rubric, state.answers, self.open_criteria(state))

    def next_question(self, state: InterviewState) -> str | None:
        best: tuple[int, float, int] | None = None
        chosen: str | None = None
        for i, crit in enumerate(self.open_criteria(state)):
            flipping, closest = question_value(self.rubric, state.answers, crit)
            key = (flipping, closest, -i)
            if best is None or key > best:
                best, chosen = key, crit
        return chosen

    # --- turns ----------------------------------------------------------------------------------
    def start(self, state: InterviewState, text: str = "") -> Outcome:
        """Begin with whatever `text` (the request plus earlier thread messages) already answers."""
        understood: list[str] = []
        if text.strip():
            found = self.extractor.extract(text)
            state.answers.update(found.answers)
            understood = self._describe(found.answers)
        return self._advance(state, understood=understood)

    def respond(self, state: InterviewState, text: str) -> Outcome:
        control = control_word(text)
        if control is not None:
            return self.control(state, control)
        if state.pending is None:
            return self.start(state, text)
        pending = state.pending
        value = self.extractor.read_answer(pending, text)
        volunteered = {
            k: v
            for k, v in self.extractor.extract(text).answers.items()
            if k != pending and k not in state.answers
        }
        label = self.rubric.criterion(pending).label
        if value is None:
            state.answers.update(volunteered)
            if state.reasks == 0:
                state.reasks = 1
                return Outcome(
                    "ask",
                    pending,
                    understood=self._describe(volunteered),
                    note="Sorry, I couldn't read that as an answer. Pick one of the options, "
                    "answer in your own words, or say skip.",
                )
            self._remember(state, pending)
            state.skipped.append(pending)
            return self._advance(
                state,
                note=f"I couldn't read that either, so I'll leave {label.lower()} open and move on.",
                understood=self._describe(volunteered),
            )
        self._remember(state, pending)
        state.answers[pending] = value
        state.answers.update(volunteered)
        return self._advance(state, understood=self._describe({pending: value, **volunteered}))

    def choose(self, state: InterviewState, criterion_id: str, choice_id: str) -> Outcome:
        """A button press: `choice_id` of `criterion_id` (numeric criteria: the choice's value)."""
        crit = self.rubric.criterion(criterion_id)
        choice = crit.choice(choice_id)
        if choice is None:
            return Outcome(
                "ask", state.pending, note="That option is no longer available; please pick again."
            )
        value: AnswerValue = choice.id
        if crit.numeric and choice.value is not None:
            value = int(choice.value) if float(choice.value).is_integer() else choice.value
        self._remember(state, criterion_id)
        state.answers[criterion_id] = value
        if criterion_id in state.skipped:
            state.skipped.remove(criterion_id)
        return self._advance(state, understood=self._describe({criterion_id: value}))

    def control(self, state: InterviewState, control: Control) -> Outcome:
        if control == "cancel":
            return Outcome("cancel", note="Assessment cancelled. Say `assess` to start a new one.")
        if control == "done":
            return Outcome("finish")
        if control == "restart":
            state.answers, state.skipped, state.history = {}, [], []
            state.pending, state.reasks = None, 0
            return self._advance(state, note="Starting over.")
        if control == "back":
            if not state.history:
                return Outcome(
                    "ask", state.pending, note="This is the first question; there is nothing to go back to."
                )
            step = state.history.pop()
            state.answers, state.skipped = dict(step.answers_before), list(step.skipped_before)
            state.pending, state.reasks = step.criterion, 0
            return Outcome("ask", step.criterion, note="Going back one question.")
        # skip
        if state.pending is None:
            return self._advance(state)
        self._remember(state, state.pending)
        state.skipped.append(state.pending)
        return self._advance(state, note="Skipped.")

    # --- internals ------------------------------------------------------------------------------
    def _remember(self, state: InterviewState, criterion_id: str) -> None:
        state.history.append(
            InterviewStep(
                criterion=criterion_id, answers_before=dict(state.answers), skipped_before=list(state.skipped)
            )
        )

    def _advance(
        self, state: InterviewState, *, note: str = "", understood: list[str] | None = None
    ) -> Outcome:
        state.reasks = 0
        state.updated_at = datetime.now(UTC)
        chosen = None if self.settled(state) else self.next_question(state)
        state.pending = chosen or self.cost_question(state)
        if state.pending is None:
            return Outcome("finish", note=note, understood=understood or [])
        return Outcome("ask", state.pending, note=note, understood=understood or [])

    def cost_question(self, state: InterviewState) -> str | None:
        """Before the verdict: an input the cost comparison needs (volume, today's prompt length)
        that is still open, so the verdict card never asks for something the interview did not."""
        open_now = self.open_criteria(state)
        return next((c for c in COST_INPUTS if c in open_now), None)

    def _describe(self, answers: dict[str, AnswerValue]) -> list[str]:
        return [
            f"{self.rubric.criterion(k).label}: {display_value(self.rubric, k, v)}"
            for k, v in answers.items()
            if k in self.rubric.criteria_by_id
        ]
