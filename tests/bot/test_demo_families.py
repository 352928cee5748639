"""Arms of different model families are labelled so, in the reply and in every renderer."""

from __future__ import annotations

import json
from typing import Any, Literal

from rich.console import Console

from bot.renderers.text_demo import render_demo_eval, render_side_by_side
from bot.slack.render import render as slack_render
from bot.teams.cards import RenderOptions
from bot.teams.cards import render as teams_render
from handlers.demo.arms import ArmResult, ArmSetup, DemoArms, model_family
from handlers.demo.models import ArmMetrics, ArmOutput, ArmSummary, DemoEvalReply, DemoReply


class Named:
    def __init__(self, name: str) -> None:
        self.name = name

    def complete(self, prompt: str, *, max_tokens: int, stop: Any) -> ArmResult:
        return ArmResult(text="{}")


def arms(base: str, tuned: str, families: tuple[str, str] = ("", "")) -> DemoArms:
    return DemoArms(
        base=ArmSetup(role="base", arm=Named(base), family=families[0]),
        finetuned=ArmSetup(role="finetuned", arm=Named(tuned), family=families[1]),
    )


def test_model_family_from_names() -> None:
    assert model_family("google/gemma-3-270m") == "Gemma"
    assert model_family("Gemma 3 270M (Q4_K_M) + LoRA (adapter.gguf)") == "Gemma"
    assert model_family("ft:gpt-4o-mini-2024-07-18:acme::abc123") == "GPT-4o"
    assert model_family("SmolLM2-135M-Instruct (Q4_1)") == "SmolLM"
    assert model_family("acme-tiny-v2") == "acme"


def test_note_only_for_different_families() -> None:
    assert arms("Gemma 3 270M, base", "Gemma 3 270M + LoRA").families_note() is None
    note = arms("google/gemma-3-270m", "ft:gpt-4o-mini:acme::x1").families_note()
    assert note and "Gemma" in note and "GPT-4o" in note and "not fine-tuning alone" in note
    assert arms("a", "b", ("Llama", "llama")).families_note() is None  # configured families


def arm(role: Literal["base", "finetuned"], name: str) -> ArmOutput:
    return ArmOutput(role=role, name=name, prompt_kind="p", text="{}", output={}, valid=True, latency_ms=1,
                     prompt_tokens=1, completion_tokens=1, cost_usd=0, pricing="")


def summary(name: str) -> ArmSummary:
    metrics = ArmMetrics(accuracy=1, field_accuracy={}, valid_rate=1, latency_p50_ms=1, latency_p95_ms=1,
                         prompt_tokens_avg=1, completion_tokens_avg=1, cost_per_1k_requests=0)
    return ArmSummary(name=name, prompt_kind="p", pricing="", errors=0, metrics=metrics)


NOTE = arms("google/gemma-3-270m", "ft:gpt-4o-mini:acme::x1").families_note()
SIDE = DemoReply(pack="p", pack_title="T", text="hi", base=arm("base", "google/gemma-3-270m"),
                 finetuned=arm("finetuned", "ft:gpt-4o-mini:acme::x1"), families_note=NOTE)
EVAL = DemoEvalReply(pack="p", pack_title="T", dataset="eval", n=1, duration_s=1, base=summary("g"),
                     finetuned=summary("f"), families_note=NOTE)


def test_every_renderer_shows_the_families_note() -> None:
    assert NOTE
    for reply in (SIDE, EVAL):
        console = Console(record=True, width=200)
        console.print(render_side_by_side(reply) if isinstance(reply, DemoReply) else render_demo_eval(reply))
        assert "Different model families" in console.export_text()
        slack = json.dumps([[b.to_dict() for b in m.blocks] for m in slack_render(reply)])
        assert "Different model families" in slack
        teams = json.dumps([m.card for m in teams_render(reply, RenderOptions(allowed_hosts=()))])
        assert "Different model families" in teams
