from __future__ import annotations

from datetime import UTC, datetime, timedelta

from handlers.digest.compose import DigestInputs, compose_digest, gist, pick_fact
from handlers.digest.models import Period
from handlers.digest.ports import AssessmentSummary, DemoRunSummary, FeedbackCount
from handlers.ports import Note
from tests.handlers.digest.fakes import FACTS

START = datetime(2026, 3, 23, 8, 0, tzinfo=UTC)
PERIOD = Period(start=START, end=START + timedelta(days=7))
DAY = timedelta(days=1)


def note(text: str, channel: str = "C1", visibility: str = "public", at: datetime = START + DAY) -> Note:
    return Note(
        id=text[:6],
        text=text,
        author="alice",
        channel=channel,
        visibility=visibility,  # type: ignore[arg-type]
        created_at=at,
    )


def test_sections_in_order_with_contract_items() -> None:
    inputs = DigestInputs(
        notes=[note("LoRA r=8 was enough for triage.\nDetails in the wiki.")],
        assessments=[
            AssessmentSummary(who="bob", verdict="PEFT / LoRA", at=START + DAY, use_case="ticket triage")
        ],
        demos=[
            DemoRunSummary(
                who="carol", task="ticket-triage evaluation", headline="100% vs 47%", at=START + DAY
            )
        ],
        top_questions=[("What is LoRA?", 3), ("What does GPT-9 cost?", 2)],
        gaps=["What does GPT-9 cost?"],
        feedback=[FeedbackCount(rating="helpful", count=4), FeedbackCount(rating="not_helpful", count=0)],
        facts=FACTS,
    )
    reply = compose_digest(inputs, channel="C1", period=PERIOD, cadence="weekly", tz="Europe/Berlin")
    kinds = [s.kind for s in reply.sections]
    assert kinds == ["notes", "assessments", "demos", "questions", "gaps", "feedback", "fact"]
    by_kind = {s.kind: s for s in reply.sections}
    assert by_kind["notes"].items[0]["author"] == "alice"
    assert by_kind["notes"].items[0]["gist"] == "LoRA r=8 was enough for triage."
    assert by_kind["assessments"].items[0] == {
        "who": "bob",
        "verdict": "PEFT / LoRA",
        "use_case": "ticket triage",
        "at": (START + DAY).isoformat(),
    }
    assert by_kind["demos"].lines == ["carol ran ticket-triage evaluation: 100% vs 47%"]
    # an unanswered question is a knowledge gap, not a "most asked" one
    assert by_kind["questions"].items == [{"question": "What is LoRA?", "count": 3}]
    assert by_kind["gaps"].items[0]["question"] == "What does GPT-9 cost?"
    assert "note" in by_kind["gaps"].items[0]["prompt"]
    assert by_kind["feedback"].items == [{"rating": "helpful", "count": 4}]
    fact = by_kind["fact"].items[0]
    assert set(fact) == {"text", "id", "title", "source"}
    assert not reply.quiet and reply.postable
    assert reply.title == "Weekly ft-advisor digest"
    assert "(Europe/Berlin)" in reply.subtitle
    assert "New team notes (1)" in reply.text and "Did you know?" in reply.text


def test_private_notes_of_other_channels_never_appear() -> None:
    inputs = DigestInputs(
        notes=[
            note("public note", channel="C9"),
            note("our private note", channel="C1", visibility="private"),
            note("their private note", channel="C2", visibility="private"),
        ]
    )
    mine = compose_digest(inputs, channel="C1", period=PERIOD)
    theirs = compose_digest(inputs, channel="C3", period=PERIOD)
    assert [i["gist"] for i in mine.sections[0].items] == ["public note", "our private note"]
    assert [i["gist"] for i in theirs.sections[0].items] == ["public note"]
    assert "their private note" not in mine.text + theirs.text


def test_notes_outside_the_period_are_left_out() -> None:
    inputs = DigestInputs(notes=[note("old", at=START - DAY), note("new"), note("future", at=PERIOD.end)])
    reply = compose_digest(inputs, channel="C1", period=PERIOD)
    assert [i["gist"] for i in reply.sections[0].items] == ["new"]


def test_quiet_period_is_one_line_or_nothing() -> None:
    quiet_inputs = DigestInputs(facts=FACTS)  # a fact alone is not news
    short = compose_digest(quiet_inputs, channel="C1", period=PERIOD, cadence="weekly", quiet="short")
    assert short.quiet and short.postable and short.sections == []
    assert "\n" not in short.text and short.text.startswith("Quiet week")
    skip = compose_digest(quiet_inputs, channel="C1", period=PERIOD, quiet="skip")
    assert skip.quiet and not skip.postable and skip.text == ""


def test_fact_is_deterministic_per_period_and_varies() -> None:
    assert pick_fact(FACTS, PERIOD) == pick_fact(list(reversed(FACTS)), PERIOD)
    picks = {pick_fact(FACTS, Period(start=PERIOD.start, end=PERIOD.end + i * DAY)).id for i in range(30)}  # type: ignore[union-attr]
    assert len(picks) > 1
    assert pick_fact([], PERIOD) is None


def test_contract_shape() -> None:
    reply = compose_digest(DigestInputs(notes=[note("x" * 300)], facts=FACTS), channel="C1", period=PERIOD)
    contract = reply.contract()
    assert set(contract) == {"channel", "period", "sections", "text"}
    assert contract["period"] == {"start": PERIOD.start.isoformat(), "end": PERIOD.end.isoformat()}
    assert all(set(s) == {"kind", "items"} for s in contract["sections"])
    assert len(contract["sections"][0]["items"][0]["gist"]) <= 120


def test_gist_cuts_at_a_word() -> None:
    assert gist("short") == "short"
    cut = gist("word " * 60, 30)
    assert cut.endswith("\u2026") and len(cut) <= 30 and "wor\u2026" not in cut
