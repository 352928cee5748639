"""`ftadvisor ingest PATH... [--prune]` and `ftadvisor reindex`."""

from __future__ import annotations

from pathlib import Path

import typer

from bot.cli.context import console, container, err_console


def register(app: typer.Typer) -> None:
    app.command("ingest")(handle_ingest)
    app.command("reindex")(handle_reindex)


def _progress_bar():  # type: ignore[no-untyped-def]
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("[bold]ingesting[/bold]"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.description}", style="dim"), console=console, transient=True,
    )


def handle_ingest(
    paths: list[Path] = typer.Argument(..., help="Files or folders: .md .txt .html .pdf"),
    prune: bool = typer.Option(False, "--prune", help="Remove chunks of files that no longer exist."),
) -> None:
    """Add documents to the knowledge base (idempotent: unchanged files write nothing)."""
    missing = [p for p in paths if not p.exists()]
    if missing:
        err_console.print(f"[red]not found: {', '.join(map(str, missing))}[/red]")
        raise typer.Exit(2)
    c = container()
    c.retriever  # noqa: B018 - make sure the shipped corpus is indexed first
    with _progress_bar() as bar:
        task = bar.add_task("", total=None)

        def progress(done: int, total: int, path: object) -> None:
            bar.update(task, completed=done, total=total, description=str(path)[-60:])

        summary = c.ingestor.ingest(paths, prune=prune, progress=progress)
    console.print(_summary_line(summary))
    for path, reason in summary.skipped:
        console.print(f"[yellow]skipped[/yellow] {path}: {reason}")


def _summary_line(s: object) -> str:
    g = s.__getattribute__
    return (
        f"{g('files')} file(s): {g('chunks_added')} chunks added, {g('chunks_updated')} updated, "
        f"{g('chunks_removed')} removed, {g('chunks_unchanged')} unchanged in {g('seconds'):.1f}s"
    )


def handle_reindex() -> None:
    """Rebuild the search index from the database (notes) and the shipped corpus."""
    from knowledge.corpus import ensure_corpus_indexed

    c = container()
    c.kb.reset()
    summary = ensure_corpus_indexed(c.ingestor)
    chunks = c.notes.chunks()
    c.kb.upsert(chunks)
    corpus = summary.chunks_added if summary is not None else 0
    console.print(f"reindexed: {corpus} corpus chunks, {len(chunks)} team notes")
    console.print("[dim]documents added with `ingest` must be ingested again after a reindex[/dim]")
