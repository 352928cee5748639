"""Fakes for the assessment tests: in-memory stores and a small hand-built rubric."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from handlers.assess.models import AssessmentRecord, InterviewState
from handlers.ports import Turn
from knowledge.rubric.model import APPROACH_IDS, Rubric


class MemoryAssessmentStore:
    """`AssessmentStore` in memory; states are copied through JSON like the real store."""

    def __init__(self) -> None:
        self.states: dict[str, dict[str, Any]] = {}
        self.records: list[AssessmentRecord] = []

    def load_interview(self, thread_key: str) -> InterviewState | None:
        data = self.states.get(thread_key)
        return InterviewState.model_validate(data) if data is not None else None

    def save_interview(self, state: InterviewState) -> None:
        self.states[state.thread_key] = state.model_dump(mode="json")

    def clear_interview(self, thread_key: str) -> None:
        self.states.pop(thread_key, None)

    def record(self, record: AssessmentRecord) -> None:
        self.records.append(record)

    def recent(self, limit: int = 10, channel: str | None = None) -> list[AssessmentRecord]:
        found = [r for r in reversed(self.records) if channel is None or r.channel == channel]
        return found[:limit]


class MemoryConversations:
    """`ConversationStore` in memory."""

    def __init__(self) -> None:
        self.turns: dict[str, list[Turn]] = {}

    def append(self, thread_key: str, role: Literal["user", "assistant"], text: str) -> None:
        self.turns.setdefault(thread_key, []).append(Turn(role=role, text=text, at=datetime.now(UTC)))

    def history(self, thread_key: str, *, limit: int = 10) -> list[Turn]:
        return self.turns.get(thread_key, [])[-limit:]

    def has_thread(self, thread_key: str) -> bool:
        return bool(self.turns.get(thread_key))


COSTS = {"prompt_engineering": 1, "prompt_tuning": 2, "rag": 4, "peft": 8, "full_fine_tuning": 16}


def _approach(approach_id: str) -> dict[str, Any]:
    found: dict[str, Any] = {
        "id": approach_id,
        "label": approach_id,
        "short": approach_id,
        "summary": "s.",
        "next_steps": ["go"],
    }
    if approach_id in COSTS:
        found["cost"] = COSTS[approach_id]
    return found


# what each half of the tiny pair is for (`tiny_rubric(needs=True)`): PEFT for large tasks on its
# own, for medium ones only when learned from volume (the stand-in for "plenty of examples"); RAG for facts
TINY_NEEDS = [
    {
        "approaches": ["peft"],
        "own": [{"criterion": "size", "in": ["l"]}],
        "shared": [{"criterion": "size", "in": ["m"]}],
        "learned_from": {"criterion": "volume", "gte": 100},
    },
    {"approaches": ["rag"], "own": [{"criterion": "facts", "in": ["some"]}]},
]


def tiny_rubric(
    *, strong: float = 4.0, bonus: float = 1.0, blocked_below: float | None = None, needs: bool = False
) -> Rubric:
    """Three criteria, a handful of rules, one hybrid pair: small enough to enumerate. With
    `blocked_below`, no hybrid is a contender while the volume is below it (the policy's `unless`);
    with `needs`, each half has the needs of `TINY_NEEDS` (without, the mean rule alone)."""
    unless = [] if blocked_below is None else [{"criterion": "volume", "lt": blocked_below}]
    return Rubric.model_validate(
        {
            "version": "test",
            "confidence_scale": 2.0,
            "approaches": [_approach(a) for a in APPROACH_IDS],
            "criteria": [
                {
                    "id": "size",
                    "label": "Size",
                    "question": "How big?",
                    "type": "choice",
                    "choices": [
                        {"id": "s", "label": "Small"},
                        {"id": "m", "label": "Medium"},
                        {"id": "l", "label": "Large"},
                    ],
                },
                {
                    "id": "facts",
                    "label": "Facts",
                    "question": "Facts?",
                    "type": "choice",
                    "ordinal": False,
                    "choices": [{"id": "none", "label": "None"}, {"id": "some", "label": "Some"}],
                },
                {
                    "id": "volume",
                    "label": "Volume",
                    "question": "How many?",
                    "type": "rate",
                    "unit": "requests per day",
                    "choices": [
                        {"id": "low", "label": "Low", "value": 10},
                        {"id": "high", "label": "High", "value": 5000},
                    ],
                },
            ],
            "rules": [
                {
                    "id": "prior",
                    "scores": {"prompt_engineering": 1.0},
                    "reason": "Start simple.",
                    "cite": "d#a",
                },
                {
                    "id": "small",
                    "when": {"criterion": "size", "in": ["s"]},
                    "scores": {"prompt_engineering": 2.0},
                    "reason": "Small tasks suit prompts.",
                    "cite": "d#b",
                },
                {
                    "id": "medium",
                    "when": {"criterion": "size", "in": ["m"]},
                    "scores": {"peft": 2.0},
                    "reason": "Medium tasks suit PEFT.",
                    "cite": "d#c",
                },
                {
                    "id": "large",
                    "when": {"criterion": "size", "in": ["l"]},
                    "scores": {"peft": 4.0, "rag": 1.0},
                    "reason": "Large tasks suit PEFT.",
                    "cite": "d#d",
                },
                {
                    "id": "facts",
                    "when": {"criterion": "facts", "in": ["some"]},
                    "scores": {"rag": 4.0},
                    "reason": "Facts suit RAG.",
                    "cite": "d#e",
                },
                {
                    "id": "busy",
                    "when": {"criterion": "volume", "gte": 1000},
                    "scores": {"peft": 1.5},
                    "reason": "Volume suits PEFT.",
                    "cite": "d#f",
                },
                {
                    "id": "busy_facts",
                    "when": [{"criterion": "volume", "gte": 100}, {"criterion": "facts", "in": ["some"]}],
                    "scores": {"rag": 0.5},
                    "reason": "Busy and factual.",
                    "cite": "d#g",
                },
            ],
            "hybrid": {
                "strong": strong,
                "bonus": bonus,
                "penalty": 3.0,
                "pairs": [{"pair": ["peft", "rag"], "label": "PEFT + RAG", "reason": "Both.", "cite": "d#h"}],
                "needs": TINY_NEEDS if needs else [],
                "unless": unless,
                "unless_reason": "Too little volume for both." if unless else "",
                "unless_cite": "d#u" if unless else "",
            },
        }
    )
