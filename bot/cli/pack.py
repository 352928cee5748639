"""`ftadvisor pack create|list`: a team's own labelled file (CSV or JSONL) becomes a demo pack."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import typer

from bot.cli.context import console, container, err_console

pack_app = typer.Typer(help="Demo packs made from your own labelled examples.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(pack_app, name="pack")


@pack_app.command("create")
def handle_pack_create(
    name: str = typer.Argument(..., help="Pack name (lower-case letters, digits, - and _)."),
    source: Path = typer.Option(..., "--from", help="A CSV or JSONL file of labelled examples."),
    text_field: str = typer.Option("text", "--text-field", help="Column / key holding the text."),
    label_fields: str = typer.Option(
        None, "--label-fields", help="Comma-separated label columns (default: label, unless --output-field)."
    ),
    output_field: str = typer.Option(None, "--output-field", help="Column / key holding a JSON object of labels."),
    split_field: str = typer.Option(None, "--split-field", help="Optional column saying train or eval per row."),
    title: str = typer.Option(None, "--title", help="A title for the pack."),
    replace: bool = typer.Option(False, "--replace", help="Replace a pack of the same name."),
) -> None:
    """Check a labelled file and write a pack: schema, deterministic split, few-shot prompt, card."""
    from handlers.byot.summary import describe_intake
    from knowledge.demos.intake import FieldSpec, read_examples
    from knowledge.demos.pack_builder import PackBuildError, build_pack, check_name

    c = container()
    try:
        check_name(name)
        data = source.read_bytes()
    except PackBuildError as exc:
        err_console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from None
    except OSError as exc:
        err_console.print(f"[red]{source}: {exc.strerror or exc}[/red]")
        raise typer.Exit(2) from None
    labels = tuple(f.strip() for f in label_fields.split(",") if f.strip()) if label_fields else ()
    if not labels and not output_field:
        labels = ("label",)
    spec = FieldSpec(text_field=text_field, label_fields=labels, output_field=output_field, split_field=split_field)
    intake = read_examples(data, source.name, spec, max_rows=c.settings.train_max_rows)
    console.print(describe_intake(intake), markup=False, highlight=False, soft_wrap=True)
    try:
        built = build_pack(
            intake, name, c.settings.data_dir / "packs", title=title, source_bytes=data, replace=replace,
            command=shlex.join(["ftadvisor", "pack", *sys.argv[2:]]) if len(sys.argv) > 2 else None,
        )
    except PackBuildError as exc:
        err_console.print(f"[red]{exc}[/red]")
        for problem in exc.problems[:50]:
            err_console.print(f"  {problem}", markup=False, highlight=False)
        if len(exc.problems) > 50:
            err_console.print(f"  ... and {len(exc.problems) - 50} more")
        raise typer.Exit(1) from None
    console.print(
        f"pack [bold]{name}[/bold]: {len(built.split.train)} train, {len(built.split.eval)} eval, "
        f"{len(built.pack.spec.prompts.few_shot.shots)} few-shot examples -> {built.pack.root}"
    )
    console.print(f"next: ftadvisor finetune --pack {name}   then   ftadvisor demo --pack {name} --eval eval")


@pack_app.command("list")
def handle_pack_list() -> None:
    """Packs made from your files (under the data dir) and the built-in ones."""
    from knowledge.demos.pack import builtin_packs
    from knowledge.demos.pack_builder import list_packs

    c = container()
    rows = list_packs(c.settings.data_dir / "packs")
    for name in builtin_packs():
        console.print(f"{name}  (built-in)")
    if not rows:
        console.print("no packs of your own yet: ftadvisor pack create NAME --from FILE.csv")
    for r in rows:
        if "error" in r:
            console.print(f"{r['name']}  [red]broken: {r['error']}[/red]")
            continue
        state = f"trained {r['trained_at']}" if r["trained"] else "not trained yet"
        console.print(f"{r['name']}  {r['title']}: {r['train']} train / {r['eval']} eval, "
                      f"fields {', '.join(r['fields'])}; {state}", highlight=False)
