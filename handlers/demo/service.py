"""The demo use case: builds the runner on first use, runs one input or a labelled set, draws the chart.

Arms are built lazily (loading local models takes a second or two) through `arms_provider`; the
chart is drawn through the `ChartWriter` port (`bot/demo_chart.py`, matplotlib).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from handlers.demo.arms import DemoArms
from handlers.demo.models import DemoEvalReply, DemoReply
from handlers.demo.runner import DemoRunner, EvalRun, ItemProgress
from handlers.errors import BadInput, ConfigError
from knowledge.demos.pack import Example, Pack, PackError

log = logging.getLogger(__name__)

PACK_SPLITS = ("eval", "offdist")  # the sets a chat user may run (never the training set, never a path)


class ChartWriter(Protocol):
    def write(self, reply: DemoEvalReply, path: Path) -> None:
        """A PNG of accuracy, latency and cost per arm at `path`."""
        ...


class DemoService:
    def __init__(
        self,
        pack: Pack,
        arms_provider: Callable[[], DemoArms],
        *,
        out_dir: Path,
        chart_writer: ChartWriter | None = None,
    ) -> None:
        self.pack = pack
        self._arms_provider = arms_provider
        self._arms: DemoArms | None = None
        self._build_lock = threading.Lock()
        self._eval_lock = threading.Lock()
        self.out_dir = out_dir
        self.chart_writer = chart_writer

    @property
    def arms(self) -> DemoArms:
        with self._build_lock:
            if self._arms is None:
                self._arms = self._arms_provider()
            return self._arms

    @property
    def runner(self) -> DemoRunner:
        return DemoRunner(self.pack, self.arms)

    def side_by_side(self, text: str) -> DemoReply:
        if not text.strip():
            raise BadInput("Give me a text to run, e.g. `demo " + self.pack.spec.sample.split(".")[0] + ".`")
        return self.runner.side_by_side(text)

    # --- batch ---------------------------------------------------------------------------------
    def examples(self, dataset: str | Path) -> tuple[list[Example], str]:
        """Examples and a display name: a pack split ("eval", "offdist") or a JSONL file (CLI only)."""
        try:
            if isinstance(dataset, str) and dataset in (*PACK_SPLITS, "train"):
                return self.pack.examples(dataset), f"{self.pack.name} {dataset} set"
            path = Path(dataset)
            return self.pack.load_examples(path), path.name
        except PackError as exc:
            raise BadInput(str(exc)) from None

    def evaluate(
        self,
        dataset: str | Path = "eval",
        *,
        progress: ItemProgress | None = None,
        chart_path: Path | None = None,
        draw_chart: bool = True,
    ) -> tuple[EvalRun, DemoEvalReply]:
        examples, name = self.examples(dataset)
        if not self._eval_lock.acquire(blocking=False):
            raise BadInput("A demo evaluation is already running; try again in a minute.")
        try:
            arms = self.arms
            run = DemoRunner(self.pack, arms).evaluate(examples, progress)
        finally:
            self._eval_lock.release()
        summary = run.summary(arms, self.pack)
        reply = DemoEvalReply(
            pack=self.pack.name,
            pack_title=self.pack.spec.title,
            dataset=name,
            n=run.report.n,
            duration_s=round(run.duration_s, 1),
            base=summary["base"],
            finetuned=summary["finetuned"],
            families_note=arms.families_note(),
            prompt_arm=run.report.prompt_arm,
            examples=run.disagreements(),
        )
        if draw_chart and self.chart_writer is not None:
            path = chart_path or self.default_chart_path(name)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                self.chart_writer.write(reply, path)
                reply.chart_path = str(path)
            except Exception as exc:  # the numbers matter more than the picture
                log.exception("demo chart failed")
                reply.chart_error = f"the chart could not be drawn ({exc.__class__.__name__})"
        return run, reply

    def default_chart_path(self, dataset_name: str) -> Path:
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        slug = "".join(c if c.isalnum() else "-" for c in dataset_name.lower()).strip("-")
        return self.out_dir / f"{slug}-{stamp}.png"


def check_pack(load: Callable[[], Pack]) -> Pack:
    """Load the configured pack, turning a broken pack into a configuration error."""
    try:
        return load()
    except PackError as exc:
        raise ConfigError(f"FTADVISOR_DEMO_PACK: {exc}") from None
