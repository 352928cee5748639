"""Pure tests of the assessment and demo card builders."""

from __future__ import annotations

import json
from typing import Any

from bot.teams.cards import render
from bot.teams.cards.common import ACTION_KEY, VALUE_KEY
from handlers.assess.breakeven import BreakEven, CostPath
from handlers.assess.models import (
    AnswerView,
    AssessmentQuestionReply,
    AssessmentResult,
    AssessmentResultReply,
    ChoiceButton,
    FlipView,
    ReasonView,
)
from handlers.demo.models import ArmMetrics, ArmOutput, ArmSummary, DemoEvalReply, DemoReply, Disagreement
from handlers.models import Citation
from tests.bot.teams.test_cards import OPTS, check_card, texts, walk


def submits(card: dict[str, Any]) -> list[dict[str, Any]]:
    return [n for n in walk(card) if n.get("type") == "Action.Submit"]


def question(**kw: Any) -> AssessmentQuestionReply:
    base: dict[str, Any] = {
        "criterion": "labelled_data",
        "question": "How many labelled examples do you have?",
        "choices": [
            ChoiceButton(id=c, label=f"Label {c}") for c in ("none", "few", "hundreds", "thousands", "lots")
        ],
        "progress": "3/16",
        "answered": 2,
        "total": 16,
    }
    return AssessmentQuestionReply(**{**base, **kw})


def test_question_card_has_a_wrapping_choice_list_a_text_box_one_send_and_controls() -> None:
    long = "Deeply specialised (medical, legal, scientific, technical jargon that base models lack)"
    choices = [ChoiceButton(id="none", label="Label none"), ChoiceButton(id="deep", label=long)]
    [m] = render(question(note="Noted: 5,000 examples", understood=["Volume: 10,000/day"], choices=choices,
                          asked=3, answered=2), OPTS)
    check_card(m)
    body = texts(m)
    assert "How many labelled examples" in body and "Question 4 of up to 16 (2 answered)" in body
    assert "Noted: 5,000" in body and "Volume: 10,000/day" in body
    [choice_set] = [n for n in m.card["body"] if n.get("type") == "Input.ChoiceSet"]
    assert choice_set["style"] == "expanded" and choice_set["wrap"] is True  # long labels wrap, never cut
    assert choice_set["choices"] == [{"title": "Label none", "value": "none"}, {"title": long, "value": "deep"}]
    [send] = [b for b in submits(m.card) if b["data"][ACTION_KEY] == "assess.answer"]
    assert send["data"][VALUE_KEY] == {"criterion": "labelled_data"}
    assert any(n.get("type") == "Input.Text" and n["id"] == "text" for n in m.card["body"])
    assert [a["title"] for a in m.card["actions"]] == ["Skip", "Back", "Restart", "Done: give me the verdict"]
    assert [a["data"][ACTION_KEY] for a in m.card["actions"]] == [
        "assess.skip",
        "assess.back",
        "assess.restart",
        "assess.done",
    ]
    assert long in m.card["fallbackText"]


def test_a_numeric_question_asks_for_its_number_in_a_field() -> None:
    [m] = render(question(criterion="prompt_tokens", question="How long is the prompt you send today?",
                          choices=[], unit="tokens"), OPTS)
    check_card(m)
    [field] = [n for n in m.card["body"] if n.get("type") == "Input.Text"]
    assert "tokens" in field["label"] and "tokens" in field["placeholder"]
    assert not [n for n in m.card["body"] if n.get("type") == "Input.ChoiceSet"]


def result(**kw: Any) -> AssessmentResultReply:
    cite = Citation(n=1, id="doc#3", title="PEFT guide", source="Site", quote="PEFT keeps 95 % of quality")
    costs = BreakEven(
        available=True,
        prices_as_of="2026-10",
        prices_note="Example prices; edit the price file.",
        paths=[
            CostPath(
                path="prompt",
                label="Prompting gpt-4o",
                model="gpt-4o",
                prompt_tokens=2000,
                output_tokens=100,
                cost_per_1k_requests_usd=5.2,
                monthly_usd=1560.0,
                one_off_usd=0.0,
            ),
            CostPath(
                path="fine_tuned",
                label="Fine-tuned mini",
                model="mini",
                prompt_tokens=200,
                output_tokens=100,
                cost_per_1k_requests_usd=0.4,
                monthly_usd=120.0,
                one_off_usd=300.0,
            ),
        ],
        months_to_break_even=0.2,
        summary="Fine-tuning pays for itself in about a week.",
    )
    contract = AssessmentResult(
        answers={"labelled_data": 5000},
        ranking=[],
        recommendation="peft",
        confidence=0.8,
        missing=[],
        flip=[],
        break_even={},
        citations=[cite],
    )
    base: dict[str, Any] = {
        "recommendation": "peft",
        "verdict": "PEFT/LoRA",
        "confidence": 0.8,
        "confidence_label": "high",
        "headline": "Tune a small adapter on your 5,000 examples.",
        "reasons": [ReasonView(text="You have enough labelled data.", citation=cite)],
        "runner_up": "rag",
        "runner_up_label": "RAG",
        "costs": costs,
        "flips": [
            FlipView(
                criterion="ml_expertise",
                label="ML expertise",
                to="none",
                to_label="None",
                recommendation="prompting",
                recommendation_label="Prompt engineering",
                text="If nobody on the team had ML expertise, I'd recommend prompt engineering.",
            )
        ],
        "next_steps": ["Hold out 10 % of the data for evaluation.", "Try LoRA r=8."],
        "answers": [AnswerView(criterion="labelled_data", label="Labelled examples", value="5,000")],
        "missing": ["Latency budget"],
        "result": contract,
    }
    return AssessmentResultReply(**{**base, **kw})


def test_result_card_leads_with_the_verdict_and_cites_its_reasons() -> None:
    [m] = render(result(), OPTS)
    check_card(m)
    body = texts(m)
    assert m.card["body"][1]["text"] == "Recommendation: PEFT/LoRA"
    assert "high confidence (80%)" in body
    assert "1. You have enough labelled data. [1]" in body and "PEFT guide" in body and "95 %" in body
    assert "Runner-up: RAG" in body and "pays for itself" in body and "Prices as of 2026-10" in body
    dump = json.dumps(m.card)
    assert "$1,560.00/month" in dump and "0.2 months" in dump
    assert "prompt engineering" in body and "Try LoRA r=8" in body and "Not answered: Latency budget" in body
    assert any(n.get("type") == "Container" and n.get("isVisible") is False for n in walk(m.card))
    assert [a["type"] for a in m.card["actions"]] == ["Action.ToggleVisibility", "Action.Submit"]
    assert "PEFT/LoRA" in m.card["fallbackText"]


def test_result_card_without_costs_or_answers() -> None:
    bare = result(
        costs=BreakEven(available=False, prices_as_of="2026-10", prices_note="n"),
        answers=[],
        flips=[],
        next_steps=[],
        missing=[],
        runner_up=None,
        reasons=[],
    )
    [m] = render(bare, OPTS)
    check_card(m)
    assert "Not enough information for a cost estimate" in texts(m)
    assert [a["type"] for a in m.card["actions"]] == ["Action.Submit"]


def arm(role: str, **kw: Any) -> ArmOutput:
    base: dict[str, Any] = {
        "role": role,
        "name": f"{role}-model",
        "prompt_kind": "few-shot prompt",
        "text": '{"queue": "billing"}',
        "output": {"queue": "billing", "priority": "high"},
        "valid": True,
        "latency_ms": 230.0,
        "prompt_tokens": 900,
        "completion_tokens": 12,
        "cost_usd": 0.000012,
        "pricing": "local: $0.10/hour",
    }
    return ArmOutput(**{**base, **kw})


def test_demo_card_shows_both_arms_side_by_side() -> None:
    reply = DemoReply(
        pack="ticket-triage",
        pack_title="Ticket triage",
        text="My invoice is wrong!",
        base=arm("base", valid=False, output=None, problem="not JSON", text="Sure! The queue is"),
        finetuned=arm("finetuned"),
    )
    [m] = render(reply, OPTS)
    check_card(m)
    [columns] = [n for n in m.card["body"] if n.get("type") == "ColumnSet"]
    left, right = columns["columns"]
    left_text, right_text = json.dumps(left), json.dumps(right)
    assert (
        "Prompted model" in left_text and "not JSON" in left_text and "Sure! The queue is" in left_text
    )
    assert "Fine-tuned (LoRA)" in right_text and "valid output" in right_text and "billing" in right_text
    assert "230 ms" in right_text and "900 in / 12 out" in right_text
    assert "My invoice is wrong!" in texts(m)


def test_demo_card_with_a_failed_arm() -> None:
    reply = DemoReply(
        pack="p",
        pack_title="P",
        text="x",
        base=arm("base", error="timed out after 30 s"),
        finetuned=arm("finetuned"),
    )
    [m] = render(reply, OPTS)
    assert "timed out after 30 s" in json.dumps(m.card)


def metrics(acc: float) -> ArmMetrics:
    return ArmMetrics(
        accuracy=acc,
        field_accuracy={"queue": acc, "priority": acc},
        valid_rate=1.0,
        latency_p50_ms=200,
        latency_p95_ms=400,
        prompt_tokens_avg=900,
        completion_tokens_avg=12,
        cost_per_1k_requests=0.01,
    )


def test_demo_eval_card_compares_metrics_per_arm() -> None:
    reply = DemoEvalReply(
        pack="t",
        pack_title="Ticket triage",
        dataset="ticket-triage eval set",
        n=40,
        duration_s=12.5,
        base=ArmSummary(
            name="gemma", prompt_kind="few-shot", pricing="local", errors=1, metrics=metrics(0.47)
        ),
        finetuned=ArmSummary(
            name="gemma+lora", prompt_kind="minimal", pricing="local", errors=0, metrics=metrics(1.0)
        ),
        examples=[
            Disagreement(
                text="refund please",
                expected={"queue": "billing"},
                base="oops",
                finetuned={"queue": "billing"},
            )
        ]
        * 5,
        chart_path="/tmp/chart.png",
    )
    [m] = render(reply, OPTS)
    check_card(m)
    [table] = [n for n in m.card["body"] if n.get("type") == "ColumnSet"]
    label_col, base_col, tuned_col = table["columns"]
    assert "Accuracy (all fields)" in json.dumps(label_col)
    assert "47%" in json.dumps(base_col) and "100%" in json.dumps(tuned_col)
    assert json.dumps(m.card).count("refund please") == 3
    assert "fine-tuned 100% vs prompted 47%" in m.card["fallbackText"]
