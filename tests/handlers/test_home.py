"""The home page: who may see which assessment, verdict names, note counts."""

from __future__ import annotations

from datetime import UTC, datetime

from handlers.assess.models import AssessmentRecord
from handlers.home import RECENT_ASSESSMENTS, HomeService
from tests.handlers.assess.fakes import MemoryAssessmentStore, tiny_rubric
from tests.handlers.digest.fakes import MemoryNotes

AT = datetime(2026, 3, 2, 9, tzinfo=UTC)


def record(n: int, *, user: str, channel_type: str, workspace: str = "T1", platform: str = "slack") -> AssessmentRecord:
    return AssessmentRecord(
        id=f"a{n}", platform=platform, workspace=workspace, channel=f"C{n}", channel_type=channel_type,
        thread="", thread_key=f"k{n}", user=user, user_name=user.lower(), answers={},
        recommendation="rag", confidence=0.72, created_at=AT,
    )


def service(*records: AssessmentRecord) -> HomeService:
    store = MemoryAssessmentStore()
    for r in records:
        store.record(r)
    notes = MemoryNotes()
    notes.put("shared", author="a", channel="C1", at=AT)
    notes.put("ours", author="a", channel="G1", at=AT, visibility="private")
    return HomeService(assessments=store, notes=notes, rubric=tiny_rubric())


def test_private_verdicts_are_shown_only_to_whoever_ran_them() -> None:
    home = service(
        record(1, user="ANA", channel_type="public"),
        record(2, user="ANA", channel_type="private"),
        record(3, user="BO", channel_type="dm"),
        record(4, user="BO", channel_type="public", workspace="T2"),
        record(5, user="BO", channel_type="public", platform="teams"),
    )
    seen = home.home(platform="slack", workspace="T1", user="BO")
    assert [(a.who, a.channel) for a in seen.assessments] == [("bo", ""), ("ana", "C1")]
    assert seen.assessments[0].verdict == "rag (72% confidence)"
    assert (seen.public_notes, seen.private_notes) == (1, 1)
    assert [a.channel for a in home.home(platform="slack", workspace="T1", user="ANA").assessments] == ["", "C1"]


def test_at_most_ten_are_listed() -> None:
    home = service(*(record(n, user="ANA", channel_type="public") for n in range(25)))
    assert len(home.home(platform="slack", workspace="T1", user="X").assessments) == RECENT_ASSESSMENTS
