"""`ftadvisor ingest PATH... [--prune]` and `ftadvisor reindex`.

`ingest` lists every skipped file with its reason (on stderr), names the setting to raise when a
per-file limit was hit, and exits 1 when nothing could be ingested.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape

from bot.cli.context import console, container, err_console

if TYPE_CHECKING:
    from rich.progress import Progress

#: The setting behind each `IngestLimits` field, named when a file hits that limit.
LIMIT_SETTINGS = {
    "max_file_bytes": "FTADVISOR_INGEST_MAX_FILE_MB",
    "max_chunks": "FTADVISOR_INGEST_MAX_CHUNKS",
    "max_seconds": "FTADVISOR_INGEST_MAX_SECONDS",
}


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
        err_console.print(f"[red]not found: {escape(', '.join(map(str, missing)))}[/red]")
        raise typer.Exit(2)
    c = container()
    c.retriever  # noqa: B018 - make sure the shipped corpus is indexed first
    with _progress_bar() as bar:
        task = bar.add_task("", total=None)

        def progress(done: int, total: int, path: object) -> None:
            bar.update(task, completed=done, total=total, description=str(path)[-60:])

        summary = c.ingestor.ingest(paths, prune=prune, progress=progress)
    if summary.files:
        c.sources.remember(paths)
    console.print(summary.line(), markup=False, soft_wrap=True)
    for path, reason in summary.skipped:  # one line per file, never wrapped (scripts grep it)
        err_console.print(f"[yellow]skipped[/yellow] {escape(path)}: {escape(reason)}", soft_wrap=True)
    for limit in sorted(summary.limits_hit):
        setting = LIMIT_SETTINGS.get(limit, limit)
        err_console.print(f"(a per-file limit: raise {setting} to ingest such files)", soft_wrap=True)
    if not summary.files:
        err_console.print("[red]nothing was ingested[/red]")
        raise typer.Exit(1)


def handle_reindex() -> None:
    """Rebuild the search index from the database: the shipped corpus, team notes and every
    path ingested before (paths that no longer exist are reported and forgotten)."""
    from knowledge.corpus import ensure_corpus_indexed

    c = container()
    c.kb.reset()
    corpus = ensure_corpus_indexed(
        c.ingestor, c.kb.index, embedder_name=c.embedder.name, extra_dirs=c.settings.extra_corpus_dirs
    )
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
