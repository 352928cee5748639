"""What a digest says: pure functions from the period's activity to a `DigestReply`.

Sections, in order: new team notes (author, one-line gist; only notes visible in the channel),
assessments (who, verdict), demo runs (headline numbers), most asked questions (those the knowledge
base answered), knowledge gaps (questions it could not answer, with a prompt to add a note),
feedback counts, and a "did you know" fact quoted from the corpus with its citation. The fact is
picked deterministically from the period's end, so a retried post says the same thing.

A period without activity (the fact does not count) is quiet: `quiet="short"` gives a one-line
digest, `quiet="skip"` an empty one (`DigestReply.postable` is False).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from handlers.digest.models import Cadence, DigestReply, DigestSection, Period, QuietMode
from handlers.digest.ports import AssessmentSummary, DemoRunSummary, Fact, FeedbackCount
from handlers.ports import Note

MAX_NOTES = 10
MAX_ASSESSMENTS = 10
MAX_DEMOS = 5
MAX_QUESTIONS = 5
GIST_CHARS = 120
QUESTION_CHARS = 150
GAP_PROMPT = "Know the answer? Save it as a team note (`note <text>`) and I will cite it next time."


@dataclass(frozen=True)
class DigestInputs:
    """Everything that happened in the period, as the ports return it."""

    notes: Sequence[Note] = ()
    assessments: Sequence[AssessmentSummary] = ()
    demos: Sequence[DemoRunSummary] = ()
    top_questions: Sequence[tuple[str, int]] = ()
    gaps: Sequence[str] = ()
    feedback: Sequence[FeedbackCount] = ()
    facts: Sequence[Fact] = ()


def gist(text: str, limit: int = GIST_CHARS) -> str:
    """The first line (or sentence) of `text`, cut at a word boundary with an ellipsis."""
    line = next((ln.strip() for ln in text.strip().splitlines() if ln.strip()), "")
    line = re.sub(r"\s+", " ", line)
    if len(line) <= limit:
        return line
    cut = line[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.-")
    return (cut or line[: limit - 1]) + "\u2026"


def visible_notes(notes: Sequence[Note], *, channel: str, period: Period) -> list[Note]:
    """Notes created in the period that `channel` may see: public ones and its own private ones.
    (The note store filters too; this is the second lock on the same door.)"""
    return [
        n
        for n in notes
        if (n.visibility == "public" or n.channel == channel) and period.start <= n.created_at < period.end
    ]


def pick_fact(facts: Sequence[Fact], period: Period) -> Fact | None:
    """The same fact for the same period end, different ones from period to period."""
    if not facts:
        return None
    ordered = sorted(facts, key=lambda f: (f.id, f.text))
    digest = hashlib.sha256(period.end.isoformat().encode()).digest()
    return ordered[int.from_bytes(digest[:8], "big") % len(ordered)]


def _same_question(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"[\s?!.]+", " ", s.lower()).strip()

    return norm(a) == norm(b)


def _notes_section(notes: Sequence[Note]) -> DigestSection | None:
    if not notes:
        return None
    shown = list(notes)[:MAX_NOTES]
    items = [
        {
            "id": n.id,
            "author": n.author,
            "gist": gist(n.text),
            "visibility": n.visibility,
            "created_at": n.created_at.isoformat(),
        }
        for n in shown
    ]
    lines = [f"{i['author']}: {i['gist']}" for i in items]
    if len(notes) > len(shown):
        lines.append(f"...and {len(notes) - len(shown)} more (`notes` lists them)")
    return DigestSection(kind="notes", title=f"New team notes ({len(notes)})", items=items, lines=lines)


def _assessments_section(assessments: Sequence[AssessmentSummary]) -> DigestSection | None:
    if not assessments:
        return None
    shown = list(assessments)[:MAX_ASSESSMENTS]
    items = [
        {"who": a.who, "verdict": a.verdict, "use_case": a.use_case, "at": a.at.isoformat()} for a in shown
    ]
    lines = [f"{a.who}: {a.verdict}" + (f" - {gist(a.use_case, 80)}" if a.use_case else "") for a in shown]
    if len(assessments) > len(shown):
        lines.append(f"...and {len(assessments) - len(shown)} more")
    return DigestSection(
        kind="assessments", title=f"Assessments run ({len(assessments)})", items=items, lines=lines
    )


def _demos_section(demos: Sequence[DemoRunSummary]) -> DigestSection | None:
    if not demos:
        return None
    shown = list(demos)[-MAX_DEMOS:]
    items = [
        {
            "who": d.who,
            "task": d.task,
            "headline": d.headline,
            "metrics": dict(d.metrics),
            "at": d.at.isoformat(),
        }
        for d in shown
    ]
    lines = [f"{d.who} ran {d.task}: {d.headline}" for d in shown]
    return DigestSection(kind="demos", title=f"Demo runs ({len(demos)})", items=items, lines=lines)


def _questions_sections(
    top: Sequence[tuple[str, int]], gaps: Sequence[str]
) -> tuple[DigestSection | None, DigestSection | None]:
    answered = [(q, n) for q, n in top if not any(_same_question(q, g) for g in gaps)][:MAX_QUESTIONS]
    questions = None
    if answered:
        items: list[dict[str, object]] = [
            {"question": gist(q, QUESTION_CHARS), "count": n} for q, n in answered
        ]
        lines = [gist(q, QUESTION_CHARS) + (f" (asked {n}x)" if n > 1 else "") for q, n in answered]
        questions = DigestSection(kind="questions", title="Most asked questions", items=items, lines=lines)
    unique_gaps: list[str] = []
    for g in gaps:
        if not any(_same_question(g, u) for u in unique_gaps):
            unique_gaps.append(g)
    gap_section = None
    if unique_gaps:
        shown = unique_gaps[:MAX_QUESTIONS]
        items = [{"question": gist(g, QUESTION_CHARS), "prompt": GAP_PROMPT} for g in shown]
        gap_section = DigestSection(
            kind="gaps",
            title="Questions I could not answer (knowledge gaps)",
            items=items,
            lines=[str(i["question"]) for i in items] + [GAP_PROMPT],
        )
    return questions, gap_section


def _feedback_section(feedback: Sequence[FeedbackCount]) -> DigestSection | None:
    counts = [f for f in feedback if f.count > 0]
    if not counts:
        return None
    items = [{"rating": f.rating, "count": f.count} for f in counts]
    line = ", ".join(f"{f.count} {f.rating.replace('_', ' ')}" for f in counts)
    return DigestSection(kind="feedback", title="Feedback on answers", items=items, lines=[line])


def _fact_section(fact: Fact | None) -> DigestSection | None:
    if fact is None:
        return None
    item = {"text": fact.text, "id": fact.id, "title": fact.title, "source": fact.source}
    return DigestSection(
        kind="fact",
        title="Did you know?",
        items=[item],
        lines=[f"{fact.text} - {fact.title} ({fact.source})"],
    )


def period_label(period: Period, tz: str) -> str:
    zone = ZoneInfo(tz)
    start, end = period.start.astimezone(zone), period.end.astimezone(zone)
    fmt = "%a %d %b %Y %H:%M"
    return f"{start.strftime(fmt)} - {end.strftime(fmt)} ({tz})"


def digest_title(cadence: Cadence | None) -> str:
    return {"daily": "Daily", "weekly": "Weekly", None: "Your"}[cadence] + " ft-advisor digest"


def plain_text(title: str, label: str, sections: Sequence[DigestSection]) -> str:
    """The plain-text fallback (notifications, terminal, logs)."""
    out = [f"{title} - {label}"]
    for s in sections:
        out.append("")
        out.append(s.title)
        out.extend(f"- {line}" for line in s.lines)
    return "\n".join(out)


def compose_digest(
    inputs: DigestInputs,
    *,
    channel: str,
    period: Period,
    cadence: Cadence | None = None,
    quiet: QuietMode = "short",
    tz: str = "UTC",
) -> DigestReply:
    """The digest for `channel` over `period` (pure: same inputs, same digest)."""
    questions, gaps = _questions_sections(inputs.top_questions, inputs.gaps)
    activity = [
        s
        for s in (
            _notes_section(visible_notes(inputs.notes, channel=channel, period=period)),
            _assessments_section(inputs.assessments),
            _demos_section(inputs.demos),
            questions,
            gaps,
            _feedback_section(inputs.feedback),
        )
        if s is not None
    ]
    title = digest_title(cadence)
    label = period_label(period, tz)
    if not activity:
        span = {"daily": "day", "weekly": "week", None: "period"}[cadence]
        text = (
            f"Quiet {span} on ft-advisor: no new notes, assessments, demos or questions. "
            "Ask me anything about fine-tuning, or type `help`."
            if quiet == "short"
            else ""
        )
        return DigestReply(
            channel=channel, period=period, title=title, subtitle=label, sections=[], text=text, quiet=True
        )
    fact = _fact_section(pick_fact(inputs.facts, period))
    sections = [*activity, *([fact] if fact else [])]
    return DigestReply(
        channel=channel,
        period=period,
        title=title,
        subtitle=label,
        sections=sections,
        text=plain_text(title, label, sections),
    )
