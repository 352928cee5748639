"""Decision questions ("our facts change weekly - should we fine-tune?") answered by the rubric.

The facts the user stated - in the question and earlier in the thread - go through the same
engine as `assess` (the assessment service's from-text path: extractor, then rubric). The answer
gives the verdict first, its cited reasons, what is still unknown and an offer to run the full
assessment; the composer then adds the few source sentences most relevant to the question.
"""

from __future__ import annotations

from collections.abc import Sequence

from handlers.ask.focus import BY_KEY, Concept
from handlers.assess.models import AssessmentResultReply
from handlers.assess.service import Assessor
from handlers.models import Citation
from handlers.ports import Turn

MAX_UNKNOWN = 4
#: The rubric's approaches as the concepts sentences name them (handlers.ask.focus keys).
APPROACH_CONCEPTS: dict[str, tuple[str, ...]] = {
    "prompt_engineering": ("prompt_engineering", "few_shot"),
    "rag": ("rag",),
    "prompt_tuning": ("prompt_tuning",),
    "peft": ("peft", "lora"),
    "full_fine_tuning": ("full_ft", "fine_tuning"),
}


def verdict_concepts(reply: AssessmentResultReply) -> list[Concept]:
    """The concepts a source sentence must name to support the verdict (both parts of a hybrid)."""
    approaches = reply.hybrid_of or [reply.recommendation]
    return [BY_KEY[k] for a in approaches for k in APPROACH_CONCEPTS.get(a, ())]


class DecisionAdvisor:
    """Runs the rubric on the situation a question describes."""

    def __init__(self, assessor: Assessor) -> None:
        self.assessor = assessor

    def situation(self, question: str, history: Sequence[Turn]) -> str:
        earlier = [t.text for t in history if t.role == "user"]
        return "\n".join([*earlier, question])

    def reads_facts(self, question: str, history: Sequence[Turn]) -> bool:
        """The question itself states at least one fact the rubric reads."""
        return bool(self.assessor.extractor.extract(question).answers)

    def assess(self, question: str, history: Sequence[Turn]) -> AssessmentResultReply | None:
        """The verdict for the stated facts; None when the text states no fact the rubric reads."""
        extraction = self.assessor.extractor.extract(self.situation(question, history))
        if not extraction.answers:
            return None
        return self.assessor.evaluate(extraction.answers)


def verdict_text(reply: AssessmentResultReply) -> tuple[str, list[Citation], dict[str, int]]:
    """The verdict block (markdown), its citations renumbered from 1, and passage id -> number."""
    numbers: dict[str, int] = {}
    citations: list[Citation] = []
    for reason in reply.reasons:
        c = reason.citation
        if c.id not in numbers:
            numbers[c.id] = len(numbers) + 1
            citations.append(c.model_copy(update={"n": numbers[c.id]}))
    lines = [f"**{reply.verdict}** ({reply.confidence_label} confidence). {reply.headline}"]
    if reply.reasons:
        lines.append("")
        lines.append("Why, from what you told me:")
        lines.extend(f"- {r.text} [{numbers[r.citation.id]}]" for r in reply.reasons)
    if reply.answers:
        lines.append("")
        lines.append("What I read: " + "; ".join(f"{a.label.lower()}: {a.value}" for a in reply.answers) + ".")
    if reply.missing:
        unknown = ", ".join(m.lower() for m in reply.missing[:MAX_UNKNOWN])
        more = f" and {len(reply.missing) - MAX_UNKNOWN} more" if len(reply.missing) > MAX_UNKNOWN else ""
        lines.append(f"Still unknown: {unknown}{more}.")
    lines.append("Say `assess` and I'll run the full assessment, asking only about what is still open.")
    return "\n".join(lines), citations, numbers
