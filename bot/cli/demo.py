"""`ftadvisor demo` (side by side, batch eval with chart) and `ftadvisor finetune` (LoRA on CPU)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from bot.cli.context import console, container, err_console
from bot.cli.output import complain, emit_json, fail, say, show

if TYPE_CHECKING:
    from rich.progress import Progress

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
    prompt_arm: str = typer.Option(
        None, "--prompt-arm", metavar="auto|gemma|smollm2",
        help="The prompted arm (default: FTADVISOR_DEMO_PROMPT_ARM; auto = the stronger one measured on the "
        "pack's eval set).",
    ),
) -> None:
    """A prompted model against a fine-tuned one: one input side by side, or a labelled set."""
    from handlers.errors import AdvisorError, BadInput

    c = container()
    try:
        if prompt_arm:
            from bot.wiring.demo import demo_service_for

            service = demo_service_for(c.settings, pack or c.settings.demo_pack, prompt_arm.lower())
        else:
            service = c.demo_service_for(pack) if pack else c.demo_service
        if eval_set is None and text and text.strip().lower() in ("eval", "offdist"):
            eval_set = text.strip().lower()  # `ftadvisor demo eval` reads like the chat command
        if eval_set is None:
            if not text:
                say(f"Usage: ftadvisor demo TEXT  |  ftadvisor demo --eval eval\nSample: {service.pack.spec.sample}")
                raise typer.Exit(2)
            reply = service.side_by_side(text)
            if as_json:
                emit_json(reply.model_dump(mode="json"))
            else:
                show(reply)
            return
        run, eval_reply = _evaluate(service, eval_set, chart=chart, draw_chart=not no_chart, quiet=as_json)
    except AdvisorError as exc:
        fail(exc.user_message if isinstance(exc, BadInput) else str(exc), code=1)
    if as_json:
        emit_json(run.report.contract())
        if eval_reply.chart_path:
            complain(f"chart: {eval_reply.chart_path}", style="")
    else:
        show(eval_reply)


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


def handle_finetune(
    pack: str = typer.Option("ticket-triage", "--pack", help="Demo pack name (yours or built-in) or folder."),
    steps: int = typer.Option(None, "--steps", min=1, help="Optimizer steps (default: two epochs, at most 120)."),
    out: Path = typer.Option(
        None, "--out", help="Output folder (default: your pack's adapter/ folder; <data dir>/adapters/<pack> for "
        "built-in packs)."
    ),
    batch_size: int = typer.Option(8, "--batch-size", min=1),
    learning_rate: float = typer.Option(2e-3, "--lr"),
    rank: int = typer.Option(8, "--rank", min=1, help="LoRA rank r."),
    seed: int = typer.Option(0, "--seed"),
    threads: int = typer.Option(2, "--threads", min=1, help="CPU threads for torch."),
    limit: int = typer.Option(None, "--limit", min=1, help="Train on the first N examples only (smoke tests)."),
    no_eval: bool = typer.Option(False, "--no-eval", help="Skip evaluating both arms after training."),
    no_curve: bool = typer.Option(False, "--no-curve", help="Skip the learning curve (25 % and 50 % of the data)."),
) -> None:
    """LoRA fine-tuning of the demo model on CPU (in its own process, within the training limits):
    a GGUF adapter, its training card, both arms on the eval set and a learning curve."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    from bot.train.supervisor import TrainingFailed, TrainLimits, run_training
    from bot.train.worker import TrainJob
    from knowledge.demos.pack import PackError, load_pack

    c = container()
    packs_root = c.settings.data_dir / "packs"
    try:
        pack_obj = load_pack(pack, search=[packs_root])
    except PackError as exc:
        complain(str(exc))
        raise typer.Exit(2) from None
    mine = pack_obj.root.resolve().is_relative_to(packs_root.resolve())
    out_dir = out or (None if mine else c.settings.data_dir / "adapters" / pack_obj.name)
    job = TrainJob(
        data_dir=str(c.settings.data_dir.resolve()), pack=str(pack_obj.root), out_dir=str(out_dir) if out_dir else None,
        steps=steps, batch_size=batch_size, learning_rate=learning_rate, rank=rank, seed=seed, evaluate=not no_eval,
        curve=not no_curve, limit=limit, nice=0,  # someone is waiting at the terminal
        command=["ftadvisor", "finetune", *sys.argv[2:]] if len(sys.argv) > 1 else None,
    )
    limits = TrainLimits.from_settings(c.settings)
    limits = TrainLimits(**{**limits.__dict__, "threads": threads})
    with Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), TextColumn("{task.fields[info]}"),
        TimeElapsedColumn(), TimeRemainingColumn(), console=err_console,
    ) as progress:
        bar = {"task": progress.add_task("training", total=None, info=""), "curve_total": 0, "shown": False}
        try:
            result = run_training(job, limits, lambda e: _event(progress, bar, e))
        except TrainingFailed as exc:
            if bar["shown"]:  # the side-by-side result is out; only the learning curve is missing
                complain(f"the learning curve was not computed: {exc.message}")
                raise typer.Exit(0) from None
            complain(exc.message)
            raise typer.Exit(1) from None
    console.print(_finetune_summary(result, curve_only=bool(bar["shown"])), highlight=False, soft_wrap=True)


def _event(progress: Progress, bar: dict[str, Any], event: dict[str, Any]) -> None:
    """The progress bar counts to the side-by-side result, which is printed as soon as it arrives;
    then a second bar counts through the learning curve."""
    kind, task = event.get("event"), bar["task"]
    if kind == "plan":
        progress.update(task, total=event["total"])
        bar["curve_total"] = event.get("curve_total", 0)
    elif kind == "evaluated":
        progress.update(task, completed=progress.tasks[task].total or 0)
        console.print(_finetune_summary(event), highlight=False, soft_wrap=True)  # stdout, above the bar
        console.print(f"learning curve next: the same training on {' and '.join(event['curve_next'])} "
                               "of the examples, scored on the same eval set (--no-curve skips it)", soft_wrap=True)
        progress.stop_task(task)
        bar["task"] = progress.add_task("learning curve", total=bar["curve_total"] or None, info="")
        bar["shown"] = True
    elif kind == "stage":
        progress.console.print(f"[dim]{event['message']}[/dim]")
    elif kind == "step":
        info = f"{event['phase']}: step {event['step']}/{event['steps']} loss {event['loss']:.4f}"
        progress.update(task, completed=event["done"], description="training", info=info)
        if not progress.console.is_terminal and (event["step"] % 10 == 0 or event["step"] == event["steps"]):
            progress.console.print(info)  # logs and CI: no live bar there
    elif kind == "item":
        info = f"{event['phase']}: {event['item']}/{event['items']}"
        progress.update(task, completed=event["done"], description="evaluating", info=info)


def _finetune_summary(result: dict[str, Any], *, curve_only: bool = False) -> str:
    lines = [] if curve_only else [
        f"adapter: {result['adapter']}", f"card:    {Path(result['card']).parent / 'TRAINING_CARD.md'}",
        f"durations (s): {result['durations_s']}",
    ]
    for split, res in ({} if curve_only else result["eval"]).items():
        b, f = res["base"], res["finetuned"]
        lines.append(
            f"{split} (n={res['n']}): base {b['accuracy']:.1%} / fine-tuned {f['accuracy']:.1%} accuracy; "
            f"valid {b['valid_rate']:.0%} / {f['valid_rate']:.0%}"
        )
    if result.get("curve"):
        lines.append("learning curve (fine-tuned arm on the eval set):")
        lines += [f"  {p['fraction']:>4.0%} of the training set: {p['n_train']:>5} examples, {p['steps']:>3} steps "
                  f"-> {p['accuracy']:.1%}" for p in result["curve"]]
        lines.append(result["reading"])
    return "\n".join(lines)
