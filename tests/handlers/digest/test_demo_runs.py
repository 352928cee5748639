from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from handlers.demo.models import ArmMetrics, ArmOutput, ArmSummary, DemoEvalReply, DemoReply
from handlers.digest.demo_runs import DemoRunRecorder, demo_headline
from handlers.models import Conversation, Request, TextReply
from handlers.router import Context


def metrics(acc: float, p50: float, cost: float) -> ArmMetrics:
    return ArmMetrics(
        accuracy=acc,
        field_accuracy={},
        valid_rate=1.0,
        latency_p50_ms=p50,
        latency_p95_ms=p50,
        prompt_tokens_avg=10,
        completion_tokens_avg=5,
        cost_per_1k_requests=cost,
    )


def arm(role: Literal["base", "finetuned"], valid: bool, ms: float, tokens: int) -> ArmOutput:
    return ArmOutput(
        role=role,
        name=role,
        prompt_kind="p",
        text="{}",
        output={} if valid else None,
        valid=valid,
        latency_ms=ms,
        prompt_tokens=tokens,
        completion_tokens=5,
        cost_usd=0.0,
        pricing="",
    )


EVAL = DemoEvalReply(
    pack="ticket-triage",
    pack_title="Ticket triage",
    dataset="eval",
    n=40,
    duration_s=12.0,
    base=ArmSummary(
        name="base", prompt_kind="8-shot", pricing="", errors=0, metrics=metrics(0.475, 260, 0.02)
    ),
    finetuned=ArmSummary(
        name="lora", prompt_kind="minimal", pricing="", errors=0, metrics=metrics(1.0, 220, 0.01)
    ),
)
SIDE = DemoReply(
    pack="ticket-triage",
    pack_title="Ticket triage",
    text="printer broken",
    base=arm("base", False, 260, 204),
    finetuned=arm("finetuned", True, 1220, 15),
)


def test_headlines_carry_the_numbers() -> None:
    task, headline, m = demo_headline(EVAL)
    assert task == "Ticket triage evaluation"
    assert headline == (
        "40 items: fine-tuned 100% vs prompted 48% accuracy, p50 220 ms vs 260 ms, "
        "$0.010 vs $0.020 per 1k requests"
    )
    assert m["finetuned_accuracy"] == 1.0 and m["base_accuracy"] == 0.475
    task, headline, _ = demo_headline(SIDE)
    assert task == "Ticket triage side by side"
    assert (
        "fine-tuned valid output in 1.22 s (15 prompt tokens)" in headline and "prompted invalid" in headline
    )


class Demo:
    name = "demo"
    commands: tuple[str, ...] = ("demo",)
    action_prefix = "demo."

    def claims(self, request: Request) -> bool:
        return request.text.startswith("demo")

    def handle(self, request: Request, ctx: Context) -> Sequence[Any]:
        return [TextReply(text="running"), EVAL, SIDE]


class Log:
    def __init__(self, fail: bool = False) -> None:
        self.rows: list[dict[str, Any]] = []
        self.fail = fail

    def record(self, **row: Any) -> None:
        if self.fail:
            raise OSError("database is down")
        self.rows.append(row)


def test_recorder_logs_each_demo_reply_and_passes_replies_through() -> None:
    log = Log()
    feature = DemoRunRecorder(Demo(), log)
    assert (feature.name, feature.commands, feature.action_prefix) == ("demo", ("demo",), "demo.")
    request = Request(
        text="demo eval",
        conversation=Conversation(platform="slack", channel="C1", user="U1", user_name="ana"),
    )
    assert feature.claims(request)
    replies = feature.handle(request, Context())
    assert replies == [TextReply(text="running"), EVAL, SIDE]
    assert [(r["channel"], r["user"], r["task"]) for r in log.rows] == [
        ("C1", "ana", "Ticket triage evaluation"),
        ("C1", "ana", "Ticket triage side by side"),
    ]


def test_a_failing_log_never_breaks_the_demo() -> None:
    replies = DemoRunRecorder(Demo(), Log(fail=True)).handle(Request(text="demo"), Context())
    assert len(replies) == 3
