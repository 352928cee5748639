"""The terminal chat: the first adapter, needs no accounts. Multi-turn; history in the database."""

from __future__ import annotations

import getpass
import uuid
from collections.abc import Callable, Sequence

from rich.console import Console
from rich.status import Status

from handlers.models import Conversation, Request
from handlers.router import Context, Router

EXIT_WORDS = {"exit", "quit", "/exit", "/quit", ":q", "bye"}

WELCOME = (
    "[bold]ft-advisor[/bold] - should we fine-tune? Ask a question, or type [bold]assess[/bold], "
    "[bold]demo <ticket>[/bold], [bold]note <text>[/bold], [bold]help[/bold]. [dim]Ctrl-D or 'exit' to leave.[/dim]"
)


def terminal_conversation(thread: str | None = None, channel: str = "terminal") -> Conversation:
    user = getpass.getuser()
    return Conversation(
        platform="terminal", channel=channel, channel_type="dm", thread=thread or uuid.uuid4().hex[:8],
        user=user, user_name=user,
    )


def handle_line(
    router: Router, conversation: Conversation, text: str, console: Console, allowed_hosts: Sequence[str] = ()
) -> None:
    """One turn: route the line and print every reply (sanitized by the renderer: links only to
    `allowed_hosts`), with a spinner while work runs."""
    from bot.renderers.text import render_reply

    with Status("thinking...", console=console, spinner="dots") as status:

        def progress(message: str) -> None:
            status.update(message)

        replies = router.handle(Request(text=text, conversation=conversation), Context(progress=progress))
    for reply in replies:
        console.print(render_reply(reply, allowed_hosts=allowed_hosts))
        console.print()


def run_chat(
    router_factory: Callable[[], Router],
    *,
    thread: str | None,
    console: Console,
    input_fn: Callable[[str], str],
    allowed_hosts: Sequence[str] = (),
) -> None:
    console.print(WELCOME)
    conversation = terminal_conversation(thread)
    with Status("loading the knowledge base...", console=console):
        router = router_factory()
    console.print(f"[dim]thread {conversation.thread} (resume with --thread {conversation.thread})[/dim]\n")
    while True:
        try:
            line = input_fn("you> ")
        except (EOFError, KeyboardInterrupt):
            console.print()
            return
        if line.strip().lower() in EXIT_WORDS:
            return
        if not line.strip():
            continue
        handle_line(router, conversation, line, console, allowed_hosts)
