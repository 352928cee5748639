"""One or more sample replies of every reply kind (`handlers.replies.Reply`), ordinary and
extreme (long text, many citations/notes, every control), for tests that render every kind on
every platform. `test_renderer_tables` fails when a reply kind has no sample here."""

from __future__ import annotations

from typing import Any

from handlers import models as m
from handlers.demo.models import ArmSummary, DemoEvalReply, DemoReply, Disagreement
from handlers.digest.models import DigestReply, DigestSection
from handlers.help import COMMANDS, INTRO
from tests.bot.teams.test_cards import answer_reply, digest
from tests.bot.teams.test_cards_features import arm, metrics, question, result

LONG = " ".join(f"Sentence {i} about LoRA adapters, rank 8 and <angle> & *stars*." for i in range(400))


def _many_citations() -> m.AnswerReply:
    cites = [
        m.Citation(n=i, id=f"doc#{i}", title=f"Article {i} " + "x" * 300, source="Site", quote="q " * 200)
        for i in range(1, 31)
    ]
    return m.AnswerReply(question="Q" * 5000, answer=m.Answer(answer=LONG, citations=cites, grounded=True))


def _notes(n: int) -> m.NotesReply:
    notes = [
        m.NoteView(id=f"n{i}", text=f"note {i} " + "y" * 500, author="ada", channel="C1",
                 visibility="private" if i % 2 else "public", created_at="2026-11-02")
        for i in range(n)
    ]
    return m.NotesReply(title=f"{n} team note(s) visible here", notes=notes)


def _eval() -> DemoEvalReply:
    return DemoEvalReply(
        pack="t",
        pack_title="Ticket triage",
        dataset="ticket-triage eval set",
        n=40,
        duration_s=12.5,
        base=ArmSummary(name="gemma", prompt_kind="few-shot", pricing="local", errors=1, metrics=metrics(0.47)),
        finetuned=ArmSummary(name="gemma+lora", prompt_kind="minimal", pricing="local", errors=0, metrics=metrics(1.0)),
        examples=[Disagreement(text="refund please", expected={"queue": "billing"}, base="oops",
                               finetuned={"queue": "billing"})] * 5,
    )


def _digest() -> DigestReply:
    fact = {"text": "PEFT keeps 95 % of quality.", "title": "PEFT guide", "source": "Site", "id": "doc#3"}
    sections = [
        DigestSection(kind="notes", title="New team notes", items=[{}], lines=["ada: LoRA r=8 was enough"] * 30),
        DigestSection(kind="fact", title="Did you know?", items=[fact], lines=["PEFT keeps 95 % [PEFT guide]"]),
    ]
    return digest().model_copy(update={"sections": sections})


def _quiet() -> DigestReply:
    quiet = digest(text="A quiet week: nothing new.", quiet=True, ephemeral=True)
    return quiet.model_copy(update={"sections": []})


def samples() -> dict[str, list[Any]]:
    """Sample replies by kind."""
    demo = DemoReply(pack="ticket-triage", pack_title="Ticket triage", text="My invoice is wrong!",
                     base=arm("base", valid=False, output=None, problem="not JSON"), finetuned=arm("finetuned"))
    return {
        "answer": [
            answer_reply(),
            answer_reply(mode="llm", notice="The language model did not answer in time."),
            m.AnswerReply(question="What is X?", answer=m.Answer(answer="Not covered.", grounded=False)),
            _many_citations(),
        ],
        "text": [m.TextReply(text="Saved.", tone="success"), m.TextReply(text=LONG, tone="warning"),
                 m.TextReply(text="Thanks.", tone="info", ephemeral=True)],
        "error": [m.ErrorReply(reference_id="ref123")],
        "notes": [_notes(0), _notes(3), _notes(60)],
        "help": [m.HelpReply(commands=COMMANDS, intro=INTRO)],
        "assess_question": [
            question(),
            question(note="Sorry, I couldn't read that.", understood=["Volume: 10,000/day"] * 3,
                     controls=["skip", "back", "restart", "done", "cancel"]),
        ],
        "assess_result": [result()],
        "digest": [_digest(), _quiet()],
        "demo": [demo],
        "demo_eval": [_eval()],
    }
