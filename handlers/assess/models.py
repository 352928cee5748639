"""Assessment data: the JSON contract (`AssessmentResult`), the two reply models renderers
draw (`assess_question`, `assess_result`), the stored interview state and finished records."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from handlers.assess.breakeven import BreakEven
from handlers.models import Citation, Conversation
from knowledge.rubric.model import Answers, AnswerValue

ACTION_PREFIX = "assess."
CONTROLS = ("skip", "back", "restart", "done")
CONTROL_LABELS = {
    "skip": "Skip", "back": "Back", "restart": "Restart", "done": "Done: give me the verdict", "cancel": "Cancel",
}


# --- the JSON contract ----------------------------------------------------------------------------
class RankedApproach(BaseModel):
    approach: str
    score: float
    reasons: list[str]


class FlipEntry(BaseModel):
    criterion: str
    to: AnswerValue
    recommendation: str


class AssessmentResult(BaseModel):
    """`{"answers", "ranking", "recommendation", "confidence", "missing", "flip", "break_even",
    "citations", "tradeoffs"}` - what `ftadvisor assess --json` prints. `ranking[].reasons` are
    reasons *for* each approach only; what counts against the verdict is in `tradeoffs`."""

    answers: Answers
    ranking: list[RankedApproach]
    recommendation: str
    confidence: float
    missing: list[str]
    flip: list[FlipEntry]
    break_even: dict[str, Any]
    citations: list[Citation]
    tradeoffs: list[str] = Field(default_factory=list)  # "Counts against PEFT/LoRA: ... [3]"

    def contract(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


# --- replies -------------------------------------------------------------------------------------
class ChoiceButton(BaseModel):
    id: str
    label: str


class AssessmentQuestionReply(BaseModel):
    """One interview question. Buttons send action `assess.answer` with
    `{"criterion": criterion, "choice": choice id}`; controls send `assess.<control>`."""

    kind: Literal["assess_question"] = "assess_question"
    criterion: str
    question: str
    choices: list[ChoiceButton]
    progress: str  # "3/16": criteria answered / criteria the rubric can ask
    answered: int
    total: int
    asked: int = 0  # questions answered or skipped before this one
    unit: str = ""  # a numeric question's unit ("tokens", "requests/day"): answered in a field
    note: str = ""  # "Sorry, I couldn't read that..." or "Noted: ..."
    understood: list[str] = Field(default_factory=list)  # "Labelled examples: 5,000" (read from text)
    hint: str = "Pick an option or answer in your own words. You can also say skip, back, restart or done."
    controls: list[str] = Field(default_factory=lambda: list(CONTROLS))
    action_prefix: str = ACTION_PREFIX

    @property
    def counter(self) -> str:
        """Where the interview is, the same words everywhere; it moves on after a skip too."""
        return f"Question {self.asked + 1} of up to {self.total} ({self.answered} answered)"

    @property
    def control_buttons(self) -> list[ChoiceButton]:
        """The control buttons (action `assess.<id>`), labelled the same on every platform."""
        return [ChoiceButton(id=c, label=CONTROL_LABELS.get(c, c.title())) for c in self.controls]


class ReasonView(BaseModel):
    text: str
    citation: Citation


class FlipView(BaseModel):
    criterion: str
    label: str  # criterion label
    to: AnswerValue
    to_label: str
    recommendation: str
    recommendation_label: str
    text: str  # "If ML expertise were strong, I'd recommend PEFT/LoRA."


class AnswerView(BaseModel):
    criterion: str
    label: str
    value: str


class AssessmentResultReply(BaseModel):
    """The verdict, written for people: verdict first, three cited reasons, costs, flips, next steps."""

    kind: Literal["assess_result"] = "assess_result"
    recommendation: str
    verdict: str  # "PEFT/LoRA + RAG"
    hybrid_of: list[str] = Field(default_factory=list)
    confidence: float
    confidence_label: Literal["high", "medium", "low"]
    headline: str
    reasons: list[ReasonView]  # only reasons for the verdict (see handlers.assess.explain)
    tradeoffs: list[ReasonView] = Field(default_factory=list)  # what counts against it
    runner_up: str | None = None
    runner_up_label: str = ""
    costs: BreakEven
    flips: list[FlipView]
    next_steps: list[str]
    answers: list[AnswerView]
    missing: list[str]  # criterion labels still unanswered
    result: AssessmentResult


# --- stored state ----------------------------------------------------------------------------------
def _now() -> datetime:
    return datetime.now(UTC)


class InterviewStep(BaseModel):
    """One question that got an answer (or a skip): enough to undo it with "back"."""

    criterion: str
    answers_before: Answers
    skipped_before: list[str]


class InterviewState(BaseModel):
    """An interview in progress in one thread (stored as JSON; survives restarts)."""

    thread_key: str
    conversation: Conversation
    answers: Answers = Field(default_factory=dict)
    skipped: list[str] = Field(default_factory=list)
    history: list[InterviewStep] = Field(default_factory=list)
    pending: str | None = None  # criterion being asked
    reasks: int = 0  # times the pending question was re-asked after an unreadable answer
    started_at: datetime = Field(default_factory=_now)
    updated_at: datetime = Field(default_factory=_now)


class AssessmentRecord(BaseModel):
    """A finished assessment (for digests and the Slack home tab)."""

    id: str
    platform: str
    workspace: str
    channel: str
    channel_type: str
    thread: str
    thread_key: str
    user: str
    user_name: str = ""
    answers: Answers
    recommendation: str
    hybrid_of: list[str] = Field(default_factory=list)
    confidence: float
    created_at: datetime
