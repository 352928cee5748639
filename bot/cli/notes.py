"""`ftadvisor note add|list|delete`."""

from __future__ import annotations

import typer

from bot.cli.context import console, container, err_console

note_app = typer.Typer(help="Team notes: cited in answers with their author and date.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(note_app, name="note")


@note_app.command("add")
def handle_note_add(
    text: str = typer.Argument(..., help="The note."),
    author: str = typer.Option("", help="Who wrote it (default: your user name)."),
    channel: str = typer.Option("terminal", help="Channel it belongs to."),
    visibility: str = typer.Option("public", help="public | private (private: only retrievable in its channel)."),
) -> None:
    import getpass

    from handlers.errors import BadInput

    if visibility not in ("public", "private"):
        err_console.print("[red]--visibility must be 'public' or 'private'[/red]")
        raise typer.Exit(2)
    c = container()
    try:
        note = c.notes.add(text, author=author or getpass.getuser(), channel=channel, visibility=visibility)  # type: ignore[arg-type]
    except BadInput as exc:
        err_console.print(f"[red]{exc.user_message}[/red]")
        raise typer.Exit(2) from None
    console.print(f"saved note [bold]{note.id}[/bold] ({note.visibility}, channel {note.channel})")


@note_app.command("list")
def handle_note_list(channel: str = typer.Option(None, help="Only notes visible from this channel.")) -> None:
    from bot.renderers.text import render_reply
    from handlers.models import NotesReply
    from handlers.note import note_view

    notes = container().notes.visible(channel=channel)
    console.print(render_reply(NotesReply(title=f"{len(notes)} note(s)", notes=[note_view(n) for n in notes])))


@note_app.command("delete")
def handle_note_delete(note_id: str = typer.Argument(...)) -> None:
    if container().notes.delete(note_id):
        console.print(f"deleted note {note_id}")
    else:
        err_console.print(f"no note {note_id}")
        raise typer.Exit(1)
