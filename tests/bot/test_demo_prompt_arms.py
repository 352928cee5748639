"""The demo's prompted arms: the prompt side follows the pack's measured figures (or a setting /
`--prompt-arm`), SmolLM2 runs for real beside Gemma + LoRA, and every renderer (terminal, Slack,
Teams, --json) names each arm's model family and which prompted arm is used and why."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from bot.cli import context
from bot.cli.main import app
from bot.demo_arms import build_demo_arms
from bot.llm.local_arms import LlamaCppArm
from bot.llm.local_chat_arm import LlamaChatArm
from bot.renderers.text_demo import render_demo_eval, render_side_by_side
from bot.settings import Settings
from bot.slack.render import render as slack_render
from bot.teams.cards import RenderOptions
from bot.teams.cards import render as teams_render
from handlers.demo.models import DemoEvalReply
from handlers.demo.runner import DemoRunner
from handlers.demo.service import DemoService
from handlers.errors import ConfigError
from knowledge.demos import load_pack
from knowledge.demos.measured import MeasuredArm, MeasuredArms, SplitFigures, write_measured
from knowledge.demos.pack import Pack
from tests.support.demo_models import shared_data_dir

pytestmark = pytest.mark.slow
SHIPPED = load_pack("ticket-triage")


def pack_measuring(tmp_path: Path, gemma: float, smollm2: float) -> Pack:
    """A copy of the shipped pack whose measured file gives these eval accuracies."""
    root = tmp_path / "pack"
    shutil.copytree(SHIPPED.root, root, ignore=shutil.ignore_patterns("measured_arms.json"))
    pack = load_pack(root)

    def arm(name: str, family: str, acc: float, prompted: bool = True) -> MeasuredArm:
        f = SplitFigures(n=132, accuracy=acc, valid_rate=1.0, latency_p50_ms=300)
        return MeasuredArm(name=name, family=family, prompted=prompted, prompt="few_shot", splits={"eval": f})

    write_measured(pack, MeasuredArms(
        pack=pack.name, measured_at="2026-12-02T09:00:00Z", command="bench", machine="test",
        eval_sha256=pack.data_sha256("eval"),
        arms={"gemma": arm("G", "Gemma", gemma), "smollm2": arm("S", "SmolLM", smollm2),
              "gemma-lora": arm("L", "Gemma", 0.9, prompted=False)},
    ))
    return pack


def test_the_measured_stronger_prompted_arm_is_the_prompt_side(tmp_path: Path) -> None:
    pack = pack_measuring(tmp_path, gemma=0.045, smollm2=0.2)
    arms = build_demo_arms(Settings(data_dir=tmp_path), pack)  # type: ignore[call-arg]
    assert isinstance(arms.base.arm, LlamaChatArm) and arms.base.prompt == "few_shot"
    assert isinstance(arms.finetuned.arm, LlamaCppArm) and arms.finetuned.arm.lora_path is not None
    choice = arms.prompt_choice
    assert choice is not None and choice.arm_id == "smollm2" and choice.measured
    assert choice.name == "SmolLM2-135M-Instruct (Q4_1)"
    assert "20.0% vs Gemma 3 270M (Q4_K_M), base 4.5%" in choice.reason
    assert choice.alternatives == ("gemma",)
    assert arms.base.model_family == "SmolLM" and arms.families_note()

    other = pack_measuring(tmp_path / "b", gemma=0.3, smollm2=0.2)
    assert isinstance(build_demo_arms(Settings(data_dir=tmp_path), other).base.arm, LlamaCppArm)  # type: ignore[call-arg]


def test_a_setting_or_flag_picks_the_other_arm(tmp_path: Path) -> None:
    pack = pack_measuring(tmp_path, gemma=0.045, smollm2=0.2)
    pinned = build_demo_arms(Settings(data_dir=tmp_path, demo_prompt_arm="gemma"), pack)  # type: ignore[call-arg]
    assert isinstance(pinned.base.arm, LlamaCppArm) and pinned.base.arm.lora_path is None
    assert pinned.prompt_choice and pinned.prompt_choice.reason.startswith("picked by FTADVISOR_DEMO_PROMPT_ARM=gemma")
    flag = build_demo_arms(Settings(data_dir=tmp_path), pack, prompt_arm="gemma")  # type: ignore[call-arg]
    assert flag.prompt_choice and flag.prompt_choice.reason.startswith("picked by --prompt-arm")
    with pytest.raises(ConfigError, match="unknown prompted arm"):
        build_demo_arms(Settings(data_dir=tmp_path), pack, prompt_arm="gpt")  # type: ignore[call-arg]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_data_dir(tmp_path_factory)


def test_side_by_side_with_smollm2_and_every_renderer_labels_it(data_dir: Path) -> None:
    settings = Settings(data_dir=data_dir, demo_prompt_arm="smollm2")  # type: ignore[call-arg]
    service = DemoService(SHIPPED, lambda: build_demo_arms(settings, SHIPPED), out_dir=data_dir / "demo")
    side = service.side_by_side("My Lumo doorbell is offline and nobody can see who is at the door")
    assert side.base.valid, side.base  # constrained to the schema: always a valid object
    assert side.base.name == "SmolLM2-135M-Instruct (Q4_1)" and side.base.family == "SmolLM"
    assert side.finetuned.family == "Gemma" and side.finetuned.valid
    assert side.base.prompt_kind == "few-shot prompt (10 examples) as chat turns, JSON-schema constrained"
    assert side.prompt_arm is not None and side.prompt_arm.id == "smollm2" and side.prompt_arm.family == "SmolLM"
    run = DemoRunner(SHIPPED, service.arms).evaluate(SHIPPED.examples("offdist")[:2])
    contract = run.report.contract()
    assert contract["prompt_arm"]["id"] == "smollm2" and contract["arms"]["base"]["family"] == "SmolLM"
    assert contract["arms"]["finetuned"]["family"] == "Gemma" and contract["base"]["valid_rate"] == 1.0
    summary = run.summary(service.arms, SHIPPED)
    ev = DemoEvalReply(pack="p", pack_title="T", dataset="offdist", n=2, duration_s=1, base=summary["base"],
                       finetuned=summary["finetuned"], families_note=service.arms.families_note(),
                       prompt_arm=run.report.prompt_arm)
    for reply in (side, ev):
        console = Console(record=True, width=220)
        console.print(render_side_by_side(reply) if reply is side else render_demo_eval(ev))
        surfaces = {
            "terminal": console.export_text(),
            "slack": json.dumps([[b.to_dict() for b in m.blocks] for m in slack_render(reply)]),
            "teams": json.dumps([m.card for m in teams_render(reply, RenderOptions(allowed_hosts=()))]),
            "json": reply.model_dump_json(),
        }
        for where, text in surfaces.items():
            assert "SmolLM family" in text or where == "json", where
            assert "Different model families: SmolLM" in text, where
            assert "Prompt side: SmolLM2-135M-Instruct (Q4_1)" in text or where == "json", where
            assert "picked by FTADVISOR_DEMO_PROMPT_ARM=smollm2" in text, where


def test_cli_eval_json_keeps_the_contract_and_names_the_prompted_arm(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = tmp_path / "two.jsonl"
    items.write_text("\n".join(json.dumps({"text": ex.text, "label": ex.label}) for ex in SHIPPED.examples("eval")[:2]))
    monkeypatch.setenv("FTADVISOR_DATA_DIR", str(data_dir))
    monkeypatch.delenv("FTADVISOR_DEMO_ARMS", raising=False)
    context.container.cache_clear()
    try:
        args = ["demo", "--eval", str(items), "--json", "--no-chart", "--prompt-arm", "smollm2"]
        result = CliRunner().invoke(app, args)
    finally:
        context.container.cache_clear()
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert {"n", "base", "finetuned", "items"} <= set(out) and out["n"] == 2
    assert set(out["items"][0]) >= {"text", "expected", "base", "finetuned", "base_ms", "finetuned_ms"}
    assert out["prompt_arm"]["id"] == "smollm2" and out["prompt_arm"]["reason"].startswith("picked by --prompt-arm")
    assert out["arms"]["base"] == {"name": "SmolLM2-135M-Instruct (Q4_1)", "family": "SmolLM"}


def test_the_shipped_pack_measured_smollm2_stronger_so_it_is_the_default(tmp_path: Path) -> None:
    from knowledge.demos.measured import read_measured

    measured = read_measured(SHIPPED)
    assert measured is not None and measured.eval_sha256 == SHIPPED.data_sha256("eval")  # not stale
    figures = {arm_id: arm.splits["eval"].accuracy for arm_id, arm in measured.arms.items()}
    best = max(("gemma", "smollm2"), key=figures.__getitem__)
    arms = build_demo_arms(Settings(data_dir=tmp_path), SHIPPED)  # type: ignore[call-arg]
    assert arms.prompt_choice is not None and arms.prompt_choice.arm_id == best and arms.prompt_choice.measured
    assert set(measured.arms) == {"gemma", "smollm2", "gemma-lora"}
    assert all(set(a.splits) == {"eval", "offdist"} for a in measured.arms.values())
