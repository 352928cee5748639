from __future__ import annotations

import json

import pytest

from handlers.demo.arms import ArmResult, ArmSetup, DemoArms, Pricing
from handlers.demo.metrics import percentile
from handlers.demo.runner import DemoRunner
from knowledge.demos import load_pack
from knowledge.demos.pack import Example
from tests.handlers.demo.fakes import ScriptedArm

PACK = load_pack("ticket-triage")
LABELS = {
    "card charged twice": {"category": "billing", "priority": "urgent"},
    "where is my parcel": {"category": "shipping", "priority": "normal"},
    "love the app": {"category": "feedback", "priority": "low"},
    "cannot log in": {"category": "account", "priority": "urgent"},
}
EXAMPLES = [Example(text=t, label=lab) for t, lab in LABELS.items()]


def right(ticket: str) -> str:
    return " " + json.dumps(LABELS[ticket])


def arms(base: ScriptedArm, ft: ScriptedArm, concurrency: int = 1, pricing: Pricing | None = None) -> DemoArms:
    price = pricing or Pricing(usd_per_hour=3.6)
    return DemoArms(
        base=ArmSetup("base", base, "few_shot", price),
        finetuned=ArmSetup("finetuned", ft, "minimal", price),
        concurrency=concurrency,
    )


def test_each_arm_gets_its_own_prompt() -> None:
    base, ft = ScriptedArm("b", right), ScriptedArm("f", right)
    DemoRunner(PACK, arms(base, ft)).side_by_side("where is my parcel")
    assert base.prompts == [PACK.prompt("few_shot", "where is my parcel")]
    assert ft.prompts == ["Ticket: where is my parcel\nLabel:"]


def test_custom_template_prompt() -> None:
    ft = ScriptedArm("f", right)
    setup = DemoArms(
        base=ArmSetup("base", ScriptedArm("b", right)),
        finetuned=ArmSetup("finetuned", ft, "Classify: {text}\nJSON:"),
    )
    DemoRunner(PACK, setup).side_by_side("love   the app")
    assert ft.prompts == ["Classify: love the app\nJSON:"]


def test_side_by_side_reports_both_arms() -> None:
    base = ScriptedArm("base-model", lambda t: ' {"category": "billing"', latency_ms=500)
    ft = ScriptedArm("ft-model", right, latency_ms=250)
    reply = DemoRunner(PACK, arms(base, ft)).side_by_side("love the app")
    assert reply.kind == "demo" and reply.text == "love the app"
    assert not reply.base.valid and reply.base.output is None and "JSON" in reply.base.problem
    assert reply.finetuned.valid and reply.finetuned.output == LABELS["love the app"]
    assert reply.finetuned.name == "ft-model" and reply.finetuned.prompt_kind == "minimal prompt"
    assert reply.base.prompt_kind.startswith("few-shot prompt (10 examples")
    assert reply.base.latency_ms == 500
    assert reply.base.prompt_tokens > reply.finetuned.prompt_tokens
    # $3.60/hour: 250 ms costs 0.00025 USD
    assert reply.finetuned.cost_usd == pytest.approx(0.00025)


def test_an_arm_that_raises_does_not_lose_the_other() -> None:
    base = ScriptedArm("b", lambda t: RuntimeError("segfault-ish"))
    reply = DemoRunner(PACK, arms(base, ScriptedArm("f", right))).side_by_side("cannot log in")
    assert reply.base.error is not None and "segfault-ish" in reply.base.error and not reply.base.valid
    assert reply.finetuned.valid and reply.finetuned.output == LABELS["cannot log in"]


def test_an_arm_reporting_an_error_does_not_lose_the_other() -> None:
    ft = ScriptedArm("f", lambda t: ArmResult(text="", latency_ms=20000, error="timeout after 20 s"))
    run = DemoRunner(PACK, arms(ScriptedArm("b", right), ft)).evaluate(EXAMPLES)
    assert run.errors == {"base": 0, "finetuned": 4}
    assert run.report.base.accuracy == 1.0
    assert run.report.finetuned.accuracy == 0.0 and run.report.finetuned.valid_rate == 0.0
    assert all(it.finetuned == "error: timeout after 20 s" for it in run.report.items)
    assert all(isinstance(it.base, dict) for it in run.report.items)


def test_eval_metrics_and_contract() -> None:
    def base_answer(ticket: str) -> str:
        if ticket == "love the app":
            return "I think it is feedback"  # invalid
        if ticket == "cannot log in":
            return ' {"category": "account", "priority": "normal"}'  # category right, priority wrong
        return right(ticket)

    latencies = iter([100.0, 200.0, 300.0, 400.0])
    base = ScriptedArm("b", base_answer)
    ft = ScriptedArm(
        "f", lambda t: ArmResult(text=right(t), prompt_tokens=10, completion_tokens=12, latency_ms=next(latencies))
    )
    pricing = Pricing(usd_per_1m_input=1.0, usd_per_1m_output=2.0)
    run = DemoRunner(PACK, arms(base, ft, pricing=pricing)).evaluate(EXAMPLES)
    contract = run.report.contract()
    assert set(contract) == {"n", "base", "finetuned", "items", "prompt_arm", "arms"}  # the last two: issue 13
    assert contract["n"] == 4
    metric_keys = {
        "accuracy",
        "field_accuracy",
        "valid_rate",
        "latency_p50_ms",
        "latency_p95_ms",
        "prompt_tokens_avg",
        "completion_tokens_avg",
        "cost_per_1k_requests",
    }
    assert set(contract["base"]) == metric_keys == set(contract["finetuned"])
    assert set(contract["items"][0]) == {"text", "expected", "base", "finetuned", "base_ms", "finetuned_ms"}
    b, f = run.report.base, run.report.finetuned
    assert b.accuracy == 0.5
    assert b.field_accuracy == {"category": 0.75, "priority": 0.5}
    assert b.valid_rate == 0.75
    assert f.accuracy == 1.0 and f.valid_rate == 1.0
    assert f.latency_p50_ms == 250.0 and f.latency_p95_ms == pytest.approx(385.0)
    assert f.prompt_tokens_avg == 10 and f.completion_tokens_avg == 12
    # (10 * $1 + 12 * $2) / 1M per request, times 1000
    assert f.cost_per_1k_requests == pytest.approx(0.034)
    items = {it.text: it for it in run.report.items}
    assert items["love the app"].base == "I think it is feedback"
    assert items["love the app"].expected == LABELS["love the app"]
    assert [it.finetuned_ms for it in run.report.items] == [100.0, 200.0, 300.0, 400.0]
    json.dumps(contract)  # serialisable as is


def test_disagreements_show_the_finetuned_wins_first() -> None:
    base = ScriptedArm("b", lambda t: right("love the app"))
    run = DemoRunner(PACK, arms(base, ScriptedArm("f", right))).evaluate(EXAMPLES)
    picked = run.disagreements(limit=2)
    assert len(picked) == 2 and all(d.finetuned == d.expected != d.base for d in picked)


def test_concurrent_eval_keeps_order_and_reports_progress() -> None:
    seen: list[tuple[int, int]] = []
    many = EXAMPLES * 5
    run = DemoRunner(PACK, arms(ScriptedArm("b", right), ScriptedArm("f", right), concurrency=4)).evaluate(
        many, progress=lambda done, n: seen.append((done, n))
    )
    assert [it.text for it in run.report.items] == [e.text for e in many]
    assert sorted(seen) == [(i, 20) for i in range(1, 21)]


def test_empty_eval_is_refused() -> None:
    with pytest.raises(ValueError):
        DemoRunner(PACK, arms(ScriptedArm("b", right), ScriptedArm("f", right))).evaluate([])


def test_percentile_matches_numpy_linear() -> None:
    assert percentile([], 50) == 0.0
    assert percentile([5.0], 95) == 5.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert percentile([4.0, 1.0, 3.0, 2.0], 95) == pytest.approx(3.85)
