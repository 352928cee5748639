"""The home page of one person (Slack's App Home tab): recent assessments they may see, with
verdicts named as the rubric names them, and how many team notes there are.

Visibility: an assessment is listed when it ran in a public channel, or when the viewer ran it;
a verdict reached in a private channel or a DM is not shown to the rest of the workspace.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from handlers.assess.models import AssessmentRecord
from handlers.assess.ports import AssessmentStore
from handlers.ports import NoteStore
from knowledge.rubric.model import Rubric

RECENT_ASSESSMENTS = 10
SCAN = 200  # finished assessments looked at to find the ten this viewer may see


class HomeAssessment(BaseModel):
    """One finished assessment as the home page lists it."""

    verdict: str
    who: str
    at: datetime
    channel: str = ""  # "" when it ran somewhere private
    summary: str = ""


class HomeReply(BaseModel):
    """What the home page shows `user` (rendered by the platform: a Slack Home tab view)."""

    kind: str = "home"
    user: str
    assessments: list[HomeAssessment] = Field(default_factory=list)
    public_notes: int = 0
    private_notes: int = 0


def verdict_name(rubric: Rubric, record: AssessmentRecord) -> str:
    """`PEFT/LoRA + RAG (72% confidence)`: the recommendation as the rubric names it."""
    if record.recommendation == "hybrid":
        pair = set(record.hybrid_of)
        named = next((p.label for p in rubric.hybrid.pairs if set(p.pair) == pair), None)
        label = named or " + ".join(_label(rubric, a) for a in record.hybrid_of) or "hybrid"
    else:
        label = _label(rubric, record.recommendation)
    return f"{label} ({record.confidence:.0%} confidence)"


def _label(rubric: Rubric, approach_id: str) -> str:
    found = rubric.approaches_by_id.get(approach_id)
    return found.label if found is not None else approach_id


class HomeService:
    def __init__(self, *, assessments: AssessmentStore, notes: NoteStore, rubric: Rubric) -> None:
        self.assessments = assessments
        self.notes = notes
        self.rubric = rubric

    def home(self, *, platform: str, workspace: str, user: str) -> HomeReply:
        notes = self.notes.list()
        public = sum(1 for n in notes if n.visibility == "public")
        return HomeReply(
            user=user,
            assessments=self.visible_assessments(platform=platform, workspace=workspace, user=user),
            public_notes=public,
            private_notes=len(notes) - public,
        )

    def visible_assessments(self, *, platform: str, workspace: str, user: str) -> list[HomeAssessment]:
        out: list[HomeAssessment] = []
        for r in self.assessments.recent(limit=SCAN):
            if r.platform != platform or r.workspace != workspace:
                continue
            if not (r.channel_type == "public" or r.user == user):
                continue
            public = r.channel_type == "public"
            who = r.user_name or r.user
            out.append(
                HomeAssessment(verdict=verdict_name(self.rubric, r), who=who, at=r.created_at,
                               channel=r.channel if public else "")
            )
            if len(out) == RECENT_ASSESSMENTS:
                break
        return out
