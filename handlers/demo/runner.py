"""Runs both arms: side by side on one input, or over a labelled set with per-arm metrics.

Each arm call is isolated: an exception or a timeout in one arm becomes that arm's error and the
other arm's result is kept.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from handlers.demo.arms import ArmResult, ArmSetup, ChatArm, DemoArms
from handlers.demo.metrics import Outcome, arm_metrics
from handlers.demo.models import (
    ArmLabel,
    ArmOutput,
    ArmSummary,
    DemoReply,
    Disagreement,
    EvalItem,
    EvalReport,
    PromptArm,
)
from knowledge.demos.chat import chat_messages
from knowledge.demos.pack import Example, Pack
from knowledge.demos.schemas import parse_output

log = logging.getLogger(__name__)

ItemProgress = Callable[[int, int], None]  # (done, total)


@dataclass(frozen=True)
class EvalRun:
    report: EvalReport
    errors: dict[str, int]  # role -> failed calls
    duration_s: float

    def summary(self, arms: DemoArms, pack: Pack) -> dict[str, ArmSummary]:
        return {
            s.role: ArmSummary(
                name=s.arm.name,
                family=s.model_family,
                prompt_kind=describe_setup(s, pack),
                pricing=s.pricing.describe(),
                errors=self.errors[s.role],
                metrics=getattr(self.report, s.role),
            )
            for s in arms
        }

    def disagreements(self, limit: int = 3) -> list[Disagreement]:
        """Items where exactly one arm is right (the fine-tuned one first), for a quick look."""
        out: list[Disagreement] = []
        for want_ft_right in (True, False):
            for it in self.report.items:
                ft_right, base_right = it.finetuned == it.expected, it.base == it.expected
                if ft_right != base_right and ft_right == want_ft_right and len(out) < limit:
                    out.append(Disagreement(text=it.text, expected=it.expected, base=it.base, finetuned=it.finetuned))
        return out


def prompt_arm(arms: DemoArms) -> PromptArm | None:
    """The contract's view of which prompted arm the base side is, and why."""
    choice = arms.prompt_choice
    if choice is None:
        return None
    return PromptArm(
        id=choice.arm_id, name=choice.name, family=arms.base.model_family, reason=choice.reason,
        measured=choice.measured, alternatives=list(choice.alternatives),
    )


def arm_labels(arms: DemoArms) -> dict[str, ArmLabel]:
    return {s.role: ArmLabel(name=s.arm.name, family=s.model_family) for s in arms}


def describe_setup(setup: ArmSetup, pack: Pack) -> str:
    """How an arm is prompted; chat arms get the pack's prompt as chat turns under a schema."""
    kind = describe_prompt(setup.prompt, pack)
    if isinstance(setup.arm, ChatArm) and setup.prompt in ("few_shot", "minimal"):
        return f"{kind} as chat turns, JSON-schema constrained"
    return kind


def describe_prompt(prompt: str, pack: Pack) -> str:
    if prompt == "few_shot":
        return f"few-shot prompt ({len(pack.spec.prompts.few_shot.shots)} examples)"
    if prompt == "minimal":
        return "minimal prompt"
    return "custom prompt template"


class DemoRunner:
    def __init__(self, pack: Pack, arms: DemoArms) -> None:
        self.pack = pack
        self.arms = arms

    def render_prompt(self, setup: ArmSetup, text: str) -> str:
        if setup.prompt in ("few_shot", "minimal"):
            return self.pack.prompt(setup.prompt, text)  # type: ignore[arg-type]
        return setup.prompt.replace("{text}", self.pack.normalize(text))

    def run_arm(self, setup: ArmSetup, text: str) -> Outcome:
        gen = self.pack.spec.generation
        started = time.perf_counter()
        try:
            if isinstance(setup.arm, ChatArm) and setup.prompt in ("few_shot", "minimal"):
                messages = chat_messages(self.pack, setup.prompt, text)  # type: ignore[arg-type]
                result = setup.arm.complete_chat(messages, max_tokens=gen.max_tokens)
            else:
                result = setup.arm.complete(self.render_prompt(setup, text), max_tokens=gen.max_tokens, stop=gen.stop)
        except Exception as exc:  # an arm must not take the other one down
            log.exception("demo arm %s (%s) failed", setup.role, setup.arm.name)
            elapsed = (time.perf_counter() - started) * 1000
            result = ArmResult(text="", latency_ms=elapsed, error=f"{exc.__class__.__name__}: {exc}"[:300])
        parsed = parse_output(result.text, self.pack.schema)
        return Outcome(result=result, parsed=parsed, cost_usd=setup.pricing.cost_usd(result))

    def run_pair(self, text: str) -> tuple[Outcome, Outcome]:
        """Both arms on one input: at the same time when `arms.parallel`, else base first."""
        if not self.arms.parallel:
            return self.run_arm(self.arms.base, text), self.run_arm(self.arms.finetuned, text)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="demo-ft") as pool:
            ft = pool.submit(self.run_arm, self.arms.finetuned, text)
            base = self.run_arm(self.arms.base, text)
            return base, ft.result()

    # --- one input -----------------------------------------------------------------------------
    def side_by_side(self, text: str) -> DemoReply:
        shown = self.pack.normalize(text)
        base, ft = self.run_pair(text)
        outputs = {
            "base": self._arm_output(self.arms.base, base),
            "finetuned": self._arm_output(self.arms.finetuned, ft),
        }
        return DemoReply(
            pack=self.pack.name,
            pack_title=self.pack.spec.title,
            text=shown,
            base=outputs["base"],
            finetuned=outputs["finetuned"],
            families_note=self.arms.families_note(),
            prompt_arm=prompt_arm(self.arms),
        )

    def _arm_output(self, setup: ArmSetup, out: Outcome) -> ArmOutput:
        r = out.result
        return ArmOutput(
            role=setup.role,
            name=setup.arm.name,
            family=setup.model_family,
            prompt_kind=describe_setup(setup, self.pack),
            text=r.text,
            output=out.parsed.value,
            valid=out.parsed.valid,
            problem="" if out.parsed.valid or r.error else out.parsed.problem,
            error=r.error,
            latency_ms=round(r.latency_ms, 1),
            prompt_tokens=r.prompt_tokens,
            completion_tokens=r.completion_tokens,
            cost_usd=out.cost_usd,
            pricing=setup.pricing.describe(),
        )

    # --- a labelled set ------------------------------------------------------------------------
    def evaluate(self, examples: Sequence[Example], progress: ItemProgress | None = None) -> EvalRun:
        if not examples:
            raise ValueError("no examples to evaluate")
        started = time.perf_counter()
        done = 0
        lock = threading.Lock()

        def one(ex: Example) -> tuple[Outcome, Outcome]:
            nonlocal done
            pair = self.run_pair(ex.text)
            if progress is not None:
                with lock:
                    done += 1
                    progress(done, len(examples))
            return pair

        workers = max(1, self.arms.concurrency)
        if workers == 1:
            pairs = [one(ex) for ex in examples]
        else:
            with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="demo-eval") as pool:
                pairs = list(pool.map(one, examples))

        fields = self.pack.fields
        expected = [{f: ex.label[f] for f in fields} for ex in examples]
        base = [p[0] for p in pairs]
        ft = [p[1] for p in pairs]
        report = EvalReport(
            n=len(examples),
            base=arm_metrics(base, expected, fields),
            finetuned=arm_metrics(ft, expected, fields),
            items=[
                EvalItem(
                    text=ex.text,
                    expected=want,
                    base=b.shown,
                    finetuned=f.shown,
                    base_ms=round(b.result.latency_ms, 1),
                    finetuned_ms=round(f.result.latency_ms, 1),
                )
                for ex, want, b, f in zip(examples, expected, base, ft, strict=True)
            ],
            prompt_arm=prompt_arm(self.arms),
            arms=arm_labels(self.arms),
        )
        errors = {
            "base": sum(o.result.error is not None for o in base),
            "finetuned": sum(o.result.error is not None for o in ft),
        }
        return EvalRun(report=report, errors=errors, duration_s=time.perf_counter() - started)
