"""The prompt side is picked by the measured figures (accuracy, then validity, then latency),
unless a person picked one; stale or missing figures keep the default and say why."""

from __future__ import annotations

import pytest

from handlers.demo.choice import DEFAULT_PROMPTED, choose_prompt_arm
from knowledge.demos.measured import MeasuredArm, MeasuredArms, SplitFigures

NAMES = {"gemma": "Gemma 3 270M, base", "smollm2": "SmolLM2-135M-Instruct", "gemma-lora": "Gemma + LoRA"}


def fig(acc: float, valid: float = 1.0, p50: float = 300.0) -> SplitFigures:
    return SplitFigures(n=132, accuracy=acc, valid_rate=valid, latency_p50_ms=p50)


def measured(gemma: SplitFigures, smol: SplitFigures, sha: str = "abc", lora: float = 0.9) -> MeasuredArms:
    arm = lambda name, family, f, prompted=True: MeasuredArm(  # noqa: E731
        name=name, family=family, prompted=prompted, prompt="few_shot", splits={"eval": f, "offdist": f}
    )
    return MeasuredArms(
        pack="p", measured_at="2026-12-02T09:00:00Z", command="bench", machine="2 CPUs", eval_sha256=sha,
        arms={"gemma": arm("Gemma", "Gemma", gemma), "smollm2": arm("SmolLM2", "SmolLM", smol),
              "gemma-lora": arm("LoRA", "Gemma", fig(lora), prompted=False)},
    )


def test_picks_the_more_accurate_prompted_arm_and_says_why() -> None:
    choice = choose_prompt_arm(measured(fig(0.045), fig(0.174)), eval_sha256="abc", names=NAMES)
    assert choice.arm_id == "smollm2" and choice.measured
    assert choice.reason == ("strongest prompted arm on this pack's eval: SmolLM2-135M-Instruct 17.4% vs "
                             "Gemma 3 270M, base 4.5% exact on 132 eval items")
    flipped = choose_prompt_arm(measured(fig(0.30), fig(0.174)), eval_sha256="abc", names=NAMES)
    assert flipped.arm_id == "gemma" and flipped.reason.index("Gemma") < flipped.reason.index("SmolLM2")


def test_fine_tuned_arm_is_never_a_candidate() -> None:
    choice = choose_prompt_arm(measured(fig(0.1), fig(0.2), lora=1.0), eval_sha256="abc", names=NAMES)
    assert choice.arm_id == "smollm2"


def test_ties_go_to_validity_then_latency() -> None:
    assert choose_prompt_arm(measured(fig(0.2, 0.9), fig(0.2, 1.0)), eval_sha256="abc", names=NAMES).arm_id == "smollm2"
    fast_gemma = measured(fig(0.2, 1.0, p50=200), fig(0.2, 1.0, p50=600))
    assert choose_prompt_arm(fast_gemma, eval_sha256="abc", names=NAMES).arm_id == "gemma"


def test_without_usable_figures_the_default_stays_and_the_reason_says_so() -> None:
    none = choose_prompt_arm(None, eval_sha256="abc", names=NAMES)
    assert none.arm_id == DEFAULT_PROMPTED and not none.measured and "no measured figures" in none.reason
    stale = choose_prompt_arm(measured(fig(0.0), fig(0.9), sha="old"), eval_sha256="abc", names=NAMES)
    assert stale.arm_id == DEFAULT_PROMPTED and "another version of the eval set" in stale.reason


def test_a_person_can_pick_the_other_arm() -> None:
    choice = choose_prompt_arm(
        measured(fig(0.045), fig(0.174)), eval_sha256="abc", names=NAMES, requested="gemma", requested_by="--prompt-arm"
    )
    assert choice.arm_id == "gemma" and not choice.measured
    assert choice.reason.startswith("picked by --prompt-arm (measured: SmolLM2-135M-Instruct 17.4% vs")
    with pytest.raises(ValueError, match="unknown prompted arm"):
        choose_prompt_arm(None, eval_sha256="abc", names=NAMES, requested="gpt")
