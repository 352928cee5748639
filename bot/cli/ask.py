"""`ftadvisor ask` and `ftadvisor chat`."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

import typer

from bot.cli.context import console, container
from bot.cli.output import allowed_hosts, emit_json, show

if TYPE_CHECKING:
    from handlers.router import Router


def register(app: typer.Typer) -> None:
    app.command("ask")(handle_ask)
    app.command("chat")(handle_chat)


def handle_ask(
    question: str = typer.Argument(..., help="Your question."),
    as_json: bool = typer.Option(False, "--json", help="Print the JSON contract."),
    channel: str = typer.Option("terminal", help="Channel to ask from (decides which private notes are visible)."),
) -> None:
    """Answer one question from the knowledge base, with citations."""
    from bot.adapters.terminal import terminal_conversation
    from handlers.models import AnswerReply, Request

    c = container()
    conversation = terminal_conversation(thread=f"ask-{uuid.uuid4().hex[:8]}", channel=channel)
    replies = c.router.handle(Request(text=question, conversation=conversation, command="ask"))
    answers = [r for r in replies if isinstance(r, AnswerReply)]
    if as_json:
        if answers:
            emit_json(answers[0].answer.contract())
        else:
            emit_json({"error": getattr(replies[0], "text", "failed")})
            raise typer.Exit(1)
        return
    for r in replies:
        show(r)


def handle_chat(
    thread: str = typer.Option(None, help="Resume a thread by its id (shown at start)."),
) -> None:
    """Multi-turn terminal chat on the embedded defaults (no keys, no tokens)."""
    from rich.prompt import Prompt

    from bot.adapters.terminal import run_chat

    c = container()

    def router() -> Router:
        c.retriever  # noqa: B018 - index the shipped corpus before the first question
        return c.router

    run_chat(
        router, thread=thread, console=console, input_fn=lambda p: Prompt.ask(f"[bold cyan]{p}[/bold cyan]"),
        allowed_hosts=allowed_hosts(),
    )
