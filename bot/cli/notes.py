"""`ftadvisor note add|list|delete`."""

from __future__ import annotations

import typer

from bot.cli.context import container
from bot.cli.output import fail, say, show

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
        fail("--visibility must be 'public' or 'private'")
    c = container()
    try:
        note = c.notes.add(text, author=author or getpass.getuser(), channel=channel, visibility=visibility)  # type: ignore[arg-type]
    except BadInput as exc:
        fail(exc.user_message)
    say(f"saved note {note.id} ({note.visibility}, channel {note.channel})")


@note_app.command("list")
def handle_note_list(channel: str = typer.Option(None, help="Only notes visible from this channel.")) -> None:
    from handlers.models import NotesReply
    from handlers.note import note_view

    notes = container().notes.visible(channel=channel)
    show(NotesReply(title=f"{len(notes)} note(s)", notes=[note_view(n) for n in notes]))


@note_app.command("delete")
def handle_note_delete(note_id: str = typer.Argument(...)) -> None:
    if container().notes.delete(note_id):
        say(f"deleted note {note_id}")
    else:
        fail(f"no note {note_id}", code=1)
