"""Pure tests of the Block Kit builders: every reply kind, and Slack's limits."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any, Literal

import pytest
from pydantic import BaseModel

from bot.slack.blocks import (
    FEEDBACK_DOWN,
    FEEDBACK_UP,
    MAX_BLOCKS,
    SlackMessage,
    answered_blocks,
    placeholder_message,
    with_preface,
)
from bot.slack.blocks_home import home_view
from bot.slack.render import render
from handlers.assess.extract import RuleExtractor
from handlers.assess.models import AssessmentQuestionReply, ChoiceButton
from handlers.assess.service import Assessor
from handlers.demo.models import ArmMetrics, ArmOutput, ArmSummary, DemoEvalReply, DemoReply, Disagreement
from handlers.digest.models import DigestReply, DigestSection, Period
from handlers.help import COMMANDS, INTRO
from handlers.home import HomeAssessment, HomeReply
from handlers.models import (
    Answer,
    AnswerReply,
    Citation,
    ErrorReply,
    HelpReply,
    NotesReply,
    NoteView,
    TextReply,
)
from knowledge.corpus_index import shipped_corpus_index
from knowledge.rubric.model import shipped_rubric
from knowledge.rubric.prices import shipped_prices


def valid(messages: list[SlackMessage]) -> list[dict[str, Any]]:
    """Every message within Slack's limits, with a fallback text; returns the API payloads."""
    assert messages
    payloads = []
    for m in messages:
        assert m.text.strip(), "every message needs a text fallback"
        assert len(m.blocks) <= MAX_BLOCKS
        payload = m.payload()  # slack_sdk validates lengths here
        for b in payload["blocks"]:
            if b["type"] == "section" and "text" in b:
                assert len(b["text"]["text"]) <= 3000
            if b["type"] == "context":
                assert len(b["elements"]) <= 10
        payloads.append(payload)
    return payloads


def texts(payloads: list[dict[str, Any]]) -> str:
    return json.dumps(payloads, ensure_ascii=False)


def answer(text: str = "PEFT updates **under 1 %** of the parameters [1].", n_citations: int = 2) -> AnswerReply:
    cites = [
        Citation(n=i + 1, id=f"doc#{i}", title=f"Article {i + 1}", source="Some Site", quote=f"quote {i + 1}")
        for i in range(n_citations)
    ]
    return AnswerReply(
        question="Is PEFT cheaper?",
        answer=Answer(answer=text, citations=cites, grounded=bool(cites), mode="extractive"),
    )


def test_answer_has_text_citations_in_context_and_feedback_buttons() -> None:
    [payload] = valid(render(answer()))
    blocks = payload["blocks"]
    assert blocks[0]["type"] == "section" and "*under 1 %*" in blocks[0]["text"]["text"]
    context = [b for b in blocks if b["type"] == "context"]
    cites = " ".join(e["text"] for b in context for e in b["elements"])
    assert "*[1]* *Article 1* · Some Site" in cites and "quote 2" in cites
    actions = [b for b in blocks if b["type"] == "actions"]
    assert [e["action_id"] for e in actions[0]["elements"]] == [FEEDBACK_UP, FEEDBACK_DOWN]
    assert json.loads(actions[0]["elements"][0]["value"]) == {"q": "Is PEFT cheaper?"}
    assert "under 1 %" in payload["text"] and "**" not in payload["text"]


def test_not_covered_answer_has_no_citations_and_suggests_a_note() -> None:
    reply = AnswerReply(question="q", answer=Answer(answer="The knowledge base does not cover that.", grounded=False))
    [payload] = valid(render(reply))
    assert "/ft-note" in texts([payload]) and "*[1]*" not in texts([payload])


def test_notice_is_shown_first() -> None:
    reply = answer()
    reply.answer.notice = "The language model did not answer in time; quoting the sources instead."
    [payload] = valid(render(reply))
    assert payload["blocks"][0]["type"] == "context" and "did not answer" in payload["blocks"][0]["elements"][0]["text"]


def test_long_answer_is_split_into_sections_of_at_most_3000_chars() -> None:
    long = "\n\n".join(f"Paragraph {i}: " + "fine-tuning " * 60 for i in range(10))  # ~7,300 chars
    [payload] = valid(render(answer(long)))
    sections = [b for b in payload["blocks"] if b["type"] == "section"]
    assert len(sections) >= 3
    assert all(len(s["text"]["text"]) <= 3000 for s in sections)


def test_huge_answer_continues_in_further_messages_of_at_most_50_blocks() -> None:
    huge = "\n\n".join("word " * 550 for _ in range(60))  # 60 sections of ~2,750 chars
    messages = render(answer(huge, n_citations=25))
    payloads = valid(messages)
    assert len(payloads) >= 2
    assert sum(1 for p in payloads for b in p["blocks"] if b["type"] == "section") >= 60
    assert payloads[1]["text"].startswith("(continued 2/")
    cites = " ".join(e["text"] for p in payloads for b in p["blocks"] if b["type"] == "context" for e in b["elements"])
    assert "*[25]*" in cites  # 25 citations -> 3 context blocks of <= 10 elements


def test_text_error_notes_help_and_placeholder() -> None:
    [t] = valid(render(TextReply(text="Saved team note `abc`.", tone="success")))
    assert t["blocks"][0]["text"]["text"].startswith(":white_check_mark: Saved team note `abc`.")

    [e] = valid(render(ErrorReply(reference_id="ref1234567")))
    assert "ref1234567" in e["text"] and "ref1234567" in texts([e])

    notes = [
        NoteView(
            id=f"n{i}",
            text=f"note {i} <!channel>",
            author="ana",
            channel="C1",
            visibility="private" if i % 2 else "public",
            created_at="2026-01-01T10:00",
        )
        for i in range(40)
    ]
    payloads = valid(render(NotesReply(title="40 team note(s) visible here", notes=notes)))
    assert len(payloads) == 2  # 1 header + 40 x (section + context) = 81 blocks
    assert ":lock:" in texts(payloads) and "<!channel>" not in texts(payloads)

    [h] = valid(render(HelpReply(commands=COMMANDS, intro=INTRO)))
    assert "/ft-assess" in texts([h]) and "/ft-digest" in texts([h])

    [p] = valid([placeholder_message("Searching the knowledge base...")])
    assert "Searching the knowledge base" in p["text"]


def test_unknown_reply_kind_falls_back_to_its_text() -> None:
    class Future(BaseModel):
        kind: str = "something_new"
        summary: str = "A **new** kind of reply"

    [payload] = valid(render(Future()))
    assert "*new*" in texts([payload])

    class Bare(BaseModel):
        kind: str = "bare"

    [payload] = valid(render(Bare()))
    assert "(bare reply)" in payload["text"]


def arm(role: Literal["base", "finetuned"], *, valid_out: bool = True, error: str | None = None) -> ArmOutput:
    return ArmOutput(
        role=role,
        name=f"{role}-model",
        prompt_kind="few-shot prompt (10 examples)" if role == "base" else "minimal",
        text='{"category": "billing", "priority": "urgent"}',
        output={"category": "billing", "priority": "urgent"} if valid_out else None,
        valid=valid_out,
        problem="" if valid_out else "not JSON",
        error=error,
        latency_ms=260.4,
        prompt_tokens=204,
        completion_tokens=12,
        cost_usd=0.000021,
        pricing="local, $0.10/hour",
    )


def test_demo_side_by_side() -> None:
    reply = DemoReply(
        pack="ticket-triage",
        pack_title="Support ticket triage",
        text="I was charged twice <!here>",
        base=arm("base", valid_out=False),
        finetuned=arm("finetuned"),
    )
    [payload] = valid(render(reply))
    body = texts([payload])
    fields = next(b for b in payload["blocks"] if b["type"] == "section" and "fields" in b)["fields"]
    assert "Prompted model" in fields[0]["text"] and "not valid" in fields[0]["text"]
    assert "Fine-tuned model" in fields[1]["text"] and "valid output" in fields[1]["text"]
    assert "260 ms" in body and "<!here>" not in body
    buttons = next(b for b in payload["blocks"] if b["type"] == "actions")["elements"]
    assert [b["action_id"] for b in buttons] == ["demo.eval:0", "demo.eval:1"]


def metrics(acc: float) -> ArmMetrics:
    return ArmMetrics(
        accuracy=acc,
        field_accuracy={"category": acc, "priority": acc},
        valid_rate=1.0,
        latency_p50_ms=220,
        latency_p95_ms=400,
        prompt_tokens_avg=15,
        completion_tokens_avg=11,
        cost_per_1k_requests=0.006,
    )


def test_demo_eval_with_chart_file_and_without() -> None:
    summary = ArmSummary(name="m", prompt_kind="minimal", pricing="p", errors=0, metrics=metrics(0.47))
    reply = DemoEvalReply(
        pack="ticket-triage",
        pack_title="Support ticket triage",
        dataset="ticket-triage eval set",
        n=100,
        duration_s=41.0,
        base=summary,
        finetuned=summary.model_copy(update={"errors": 2, "metrics": metrics(1.0)}),
        examples=[
            Disagreement(
                text="refund please",
                expected={"category": "billing"},
                base="oops",
                finetuned={"category": "billing"},
            )
        ],
        chart_path="/tmp/chart.png",
    )
    messages = render(reply)
    [payload] = valid(messages)
    assert messages[-1].files and messages[-1].files[0].filename == "chart.png"
    body = texts([payload])
    assert "47%" in body and "100%" in body and "2 failed calls" in body and "refund please" in body
    no_chart = render(reply.model_copy(update={"chart_path": None, "chart_error": "the chart could not be drawn"}))
    assert not no_chart[0].files and "could not be drawn" in texts(valid(no_chart))


def test_digest_sections_and_quiet_period() -> None:
    period = Period(start=datetime(2026, 1, 5, tzinfo=UTC), end=datetime(2026, 1, 12, tzinfo=UTC))
    reply = DigestReply(
        channel="C1",
        period=period,
        title="Weekly digest",
        text="Weekly digest: 2 notes",
        sections=[
            DigestSection(kind="notes", title="New team notes", lines=["ana: LoRA r=8 was enough", "bo: use RAG"]),
            DigestSection(kind="fact", title="Did you know?", lines=["PEFT keeps 95 % of the performance [1]"]),
        ],
    )
    [payload] = valid(render(reply))
    body = texts([payload])
    assert payload["blocks"][0]["type"] == "header" and "*New team notes*" in body and "• ana" in body
    quiet = reply.model_copy(update={"sections": [], "text": "A quiet week.", "quiet": True})
    [q] = valid(render(quiet))
    assert "A quiet week." in q["text"]


def test_with_preface_and_answered_blocks() -> None:
    [m] = with_preface(render(answer()), "<@U1> asked: _is PEFT cheaper?_")
    payload = m.payload()
    assert payload["blocks"][0]["elements"][0]["text"] == "<@U1> asked: _is PEFT cheaper?_"
    full = SlackMessage(text="x", blocks=placeholder_message("y").blocks * MAX_BLOCKS)
    assert [len(m.blocks) for m in with_preface([full], "pre")] == [MAX_BLOCKS, 1]

    blocks = payload["blocks"]
    retired = answered_blocks(blocks, "feedback", "<@U1> chose *Helpful*")
    assert not [b for b in retired if b["type"] == "actions"]
    assert retired[-1] == {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": "<@U1> chose *Helpful*"}],
    }


@pytest.mark.parametrize("n", [0, 3, 40])
def test_home_view(n: int) -> None:
    items = [HomeAssessment(verdict="PEFT / LoRA", who="ana", at=datetime(2026, 1, 2, tzinfo=UTC), channel="C1")] * n
    view = home_view(HomeReply(user="U1", assessments=items, public_notes=4, private_notes=2)).to_dict()
    assert view["type"] == "home" and len(view["blocks"]) <= 100
    body = json.dumps(view)
    assert "4 shared, 2 private" in body and "/ft-assess" in body
    assert body.count("PEFT / LoRA") == min(n, 10)
    if n == 0:
        assert "No assessments yet" in body


# --- assessment ------------------------------------------------------------------------------------


def assessor() -> Assessor:
    return Assessor(
        rubric=shipped_rubric(),
        prices=shipped_prices(),
        corpus=shipped_corpus_index(),
        extractor=RuleExtractor(shipped_rubric()),
    )


def test_assess_question_has_one_actions_block_with_choices_then_controls() -> None:
    reply = AssessmentQuestionReply(
        criterion="facts_change",
        question="How often do the facts change?",
        progress="3/16",
        answered=3,
        total=16,
        choices=[ChoiceButton(id="daily", label="Daily or faster"), ChoiceButton(id="rarely", label="Rarely")],
        note="Sorry, I couldn't read that.",
        understood=["Labelled examples: 5,000"],
    )
    [payload] = valid(render(reply))
    body = texts([payload])
    [actions] = [b for b in payload["blocks"] if b["type"] == "actions"]
    ids = [e["action_id"] for e in actions["elements"]]
    assert ids == ["assess.answer:0", "assess.answer:1", "assess.skip", "assess.back", "assess.restart", "assess.done"]
    assert json.loads(actions["elements"][0]["value"]) == {"criterion": "facts_change", "choice": "daily"}
    assert "*How often do the facts change?*" in body and "(3 answered)" in body
    assert "Noted: Labelled examples: 5,000" in body and "couldn't read" in body


def test_assess_question_with_many_choices_stays_within_25_elements() -> None:
    reply = AssessmentQuestionReply(
        criterion="x",
        question="q?",
        progress="0/1",
        answered=0,
        total=1,
        choices=[ChoiceButton(id=f"c{i}", label=f"choice {i} " + "y" * 80) for i in range(40)],
    )
    [payload] = valid(render(reply))
    [actions] = [b for b in payload["blocks"] if b["type"] == "actions"]
    assert len(actions["elements"]) == 25 and actions["elements"][-1]["action_id"] == "assess.done"
    assert all(len(e["text"]["text"]) <= 75 for e in actions["elements"])


def test_assess_result_reads_verdict_first_with_reasons_costs_flips_and_sources() -> None:
    reply = assessor().from_text(
        "Support ticket triage into 5 categories, we have 20,000 labelled tickets, 2M requests a day, "
        "prompts of 3,000 tokens today, an ML team, strict JSON output, facts rarely change"
    )
    [payload] = valid(render(reply))
    blocks, body = payload["blocks"], texts([payload])
    assert blocks[0] == {"type": "header", "text": {"type": "plain_text", "text": f"Recommendation: {reply.verdict}"}}
    assert payload["text"].startswith(f"Recommendation: {reply.verdict}")
    assert "*Why*" in body and "*[1]*" in body and reply.reasons[0].citation.title in body
    assert "*Cost comparison* (example prices)" in body and "per month" in body and "Prices as of" in body
    assert "*Next steps*" in body and "*What I went on*" in body
    fields = [b for b in blocks if b["type"] == "section" and "fields" in b]
    assert fields and all(len(b["fields"]) <= 10 for b in fields)


def test_assess_result_without_volume_explains_the_missing_cost_inputs() -> None:
    [payload] = valid(render(assessor().evaluate({})))
    assert "Tell me the request volume" in texts([payload]) and "Not answered" in texts([payload])
