"""`ftadvisor demo` (side by side, batch eval with chart) and `ftadvisor finetune` (LoRA on CPU)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from bot.cli.context import console, container, err_console

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from handlers.demo.models import DemoEvalReply
    from handlers.demo.runner import EvalRun
    from handlers.demo.service import DemoService


def register(app: typer.Typer) -> None:
    app.command("demo")(handle_demo)
    app.command("finetune")(handle_finetune)


def handle_demo(
    text: str = typer.Argument(None, help="The input to run through both arms (e.g. a support ticket)."),
    eval_set: str = typer.Option(
        None,
        "--eval",
        metavar="FILE.jsonl|eval|offdist",
        help='Batch run: a JSONL file of {"text", "label"} lines, or a pack set (eval, offdist).',
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON (the eval contract with --eval)."),
    chart: Path = typer.Option(None, "--chart", help="Where to write the PNG chart (default: the data dir)."),
    no_chart: bool = typer.Option(False, "--no-chart", help="Skip the chart."),
    pack: str = typer.Option(None, "--pack", help="Demo pack name or folder (default: FTADVISOR_DEMO_PACK)."),
) -> None:
    """A prompted base model against a fine-tuned one: one input side by side, or a labelled set."""
    from bot.renderers.text_demo import render_demo
    from handlers.errors import AdvisorError, BadInput

    c = container()
    try:
        service = c.demo_service_for(pack) if pack else c.demo_service
        if eval_set is None and text and text.strip().lower() in ("eval", "offdist"):
            eval_set = text.strip().lower()  # `ftadvisor demo eval` reads like the chat command
        if eval_set is None:
            if not text:
                console.print(
                    f"Usage: ftadvisor demo TEXT  |  ftadvisor demo --eval eval\nSample: {service.pack.spec.sample}"
                )
                raise typer.Exit(2)
            reply = service.side_by_side(text)
            if as_json:
                typer.echo(reply.model_dump_json())
            else:
                console.print(render_demo(reply))
            return
        run, eval_reply = _evaluate(service, eval_set, chart=chart, draw_chart=not no_chart, quiet=as_json)
    except AdvisorError as exc:
        err_console.print(f"[red]{exc.user_message if isinstance(exc, BadInput) else exc}[/red]")
        raise typer.Exit(1) from None
    if as_json:
        typer.echo(json.dumps(run.report.contract(), ensure_ascii=False))
        if eval_reply.chart_path:
            err_console.print(f"chart: {eval_reply.chart_path}")
    else:
        console.print(render_demo(eval_reply))


def _evaluate(
    service: DemoService, eval_set: str, *, chart: Path | None, draw_chart: bool, quiet: bool
) -> tuple[EvalRun, DemoEvalReply]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    dataset: str | Path = eval_set if eval_set in ("eval", "offdist") else Path(eval_set)
    examples, name = service.examples(dataset)
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=quiet,
        disable=not sys.stderr.isatty() and quiet,
    ) as progress:
        task = progress.add_task(f"both arms on {name}", total=len(examples))
        return service.evaluate(
            dataset,
            chart_path=chart,
            draw_chart=draw_chart,
            progress=lambda done, _n: progress.update(task, completed=done),
        )


def _step(progress: Progress, task: TaskID, step: int, total: int, loss: float) -> None:
    progress.update(task, completed=step, loss=f"{loss:.4f}")
    if not progress.console.is_terminal and (step % 10 == 0 or step == total):
        progress.console.print(f"step {step}/{total} loss {loss:.4f}")  # logs and CI: no live bar there


def handle_finetune(
    pack: str = typer.Option("ticket-triage", "--pack", help="Demo pack name or folder."),
    steps: int = typer.Option(120, "--steps", min=1, help="Optimizer steps."),
    out: Path = typer.Option(None, "--out", help="Output folder (default: <data dir>/adapters/<pack>)."),
    batch_size: int = typer.Option(8, "--batch-size", min=1),
    learning_rate: float = typer.Option(2e-3, "--lr"),
    rank: int = typer.Option(8, "--rank", min=1, help="LoRA rank r."),
    seed: int = typer.Option(0, "--seed"),
    threads: int = typer.Option(2, "--threads", min=1, help="CPU threads for torch."),
    limit: int = typer.Option(None, "--limit", min=1, help="Train on the first N examples only (smoke tests)."),
    no_eval: bool = typer.Option(False, "--no-eval", help="Skip evaluating both arms after training."),
) -> None:
    """LoRA fine-tuning of the demo model on CPU; writes a GGUF adapter and its training card."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from bot.train.finetune import run_finetune
    from bot.train.trainer import LoraConfig
    from handlers.errors import AdvisorError
    from knowledge.demos.pack import PackError, load_pack

    c = container()
    try:
        pack_obj = load_pack(pack)
    except PackError as exc:
        err_console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from None
    out_dir = out or c.settings.data_dir / "adapters" / pack_obj.name
    cfg = LoraConfig(
        steps=steps,
        batch_size=batch_size,
        learning_rate=learning_rate,
        r=rank,
        alpha=2 * rank,
        seed=seed,
        threads=threads,
        warmup_steps=min(8, max(1, steps // 10)),
    )
    command = ["ftadvisor", "finetune", *sys.argv[2:]] if len(sys.argv) > 1 else None
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("loss {task.fields[loss]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err_console,
    ) as progress:
        task = progress.add_task("training", total=steps, loss="-")
        try:
            outcome = run_finetune(
                c.settings,
                pack_obj,
                cfg,
                out_dir=out_dir,
                evaluate=not no_eval,
                limit=limit,
                command=command,
                on_stage=lambda msg: progress.console.print(f"[dim]{msg}[/dim]"),
                on_step=lambda step, n, loss: _step(progress, task, step, n, loss),
            )
        except AdvisorError as exc:
            err_console.print(f"[red]{exc}[/red]")
            raise typer.Exit(1) from None
    card = outcome.card
    console.print(f"adapter: {outcome.adapter_path} (sha256 {card.adapter['sha256'][:16]}…)")
    console.print(f"card:    {outcome.card_path.parent / 'TRAINING_CARD.md'}")
    console.print(f"durations (s): {card.durations_s}")
    for split, res in card.eval.items():
        b, f = res["base"], res["finetuned"]
        console.print(
            f"{split} (n={res['n']}): base {b['accuracy']:.1%} / fine-tuned {f['accuracy']:.1%} accuracy; "
            f"valid {b['valid_rate']:.0%} / {f['valid_rate']:.0%}"
        )
