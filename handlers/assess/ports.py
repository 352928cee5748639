"""Ports of the assessment feature: where interview state and finished assessments live
(`bot/storage/assessments.py` implements `AssessmentStore`) and how free text becomes answers."""

from __future__ import annotations

from typing import Protocol

from handlers.assess.extract import Extraction
from handlers.assess.models import AssessmentRecord, InterviewState
from knowledge.rubric.model import AnswerValue


class AssessmentStore(Protocol):
    def load_interview(self, thread_key: str) -> InterviewState | None:
        """The interview running in this thread, if any."""
        ...

    def save_interview(self, state: InterviewState) -> None: ...

    def clear_interview(self, thread_key: str) -> None: ...

    def record(self, record: AssessmentRecord) -> None:
        """Store a finished assessment."""
        ...

    def recent(self, limit: int = 10, channel: str | None = None) -> list[AssessmentRecord]:
        """Newest first; `channel` limits to one channel."""
        ...


class AnswerExtractor(Protocol):
    """Free text -> rubric answers (rule-based offline; an LLM with the rules as fallback)."""

    name: str

    def extract(self, text: str) -> Extraction: ...

    def read_answer(self, criterion_id: str, text: str) -> AnswerValue | None:
        """A reply to one question, or None when it cannot be read."""
        ...
