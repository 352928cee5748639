"""`ftadvisor ingest PATH... [--prune]` and `ftadvisor reindex`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from bot.cli.context import console, container, err_console

if TYPE_CHECKING:
    from rich.progress import Progress


def register(app: typer.Typer) -> None:
    app.command("ingest")(handle_ingest)
    app.command("reindex")(handle_reindex)


def _progress_bar() -> Progress:
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
    c.sources.remember(paths)
    console.print(summary.line())
    for path, reason in summary.skipped:
        console.print(f"[yellow]skipped[/yellow] {path}: {reason}")


def handle_reindex() -> None:
    """Rebuild the search index from the database: the shipped corpus, team notes and every
    path ingested before (paths that no longer exist are reported and forgotten)."""
    from knowledge.corpus import ensure_corpus_indexed

    c = container()
    c.kb.reset()
    corpus = ensure_corpus_indexed(c.ingestor, extra_dirs=c.settings.extra_corpus_dirs)
    notes = c.notes.chunks()
    c.kb.upsert(notes)
    existing = [p for p in c.sources.paths() if p.exists()]
    for gone in set(c.sources.paths()) - set(existing):
        console.print(f"[yellow]forgetting {gone}: it no longer exists[/yellow]")
        c.sources.forget(gone)
    docs = c.ingestor.ingest(existing) if existing else None
    console.print(
        f"reindexed: {corpus.chunks_added if corpus else 0} corpus chunks, {len(notes)} team notes, "
        f"{docs.chunks_added if docs else 0} chunks from {len(existing)} ingested path(s)"
    )
