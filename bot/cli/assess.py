"""`ftadvisor assess`: the interactive interview in the terminal, or one-shot from text or a
JSON answers file (`--json` prints the assessment contract).

One-shot runs need only the rubric, the price file and the corpus markdown (no search index, no
database), so they answer well under a second offline.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any, NoReturn

import typer

from bot.cli.context import console, container
from bot.cli.output import emit_json, fail, show


def register(app: typer.Typer) -> None:
    app.command("assess")(handle_assess)


def handle_assess(
    from_text: str = typer.Option(None, "--from-text", help="Describe your situation in free text."),
    answers_file: Path = typer.Option(None, "--answers", help="JSON file of {criterion: value}."),
    as_json: bool = typer.Option(False, "--json", help="Print the JSON contract."),
    thread: str = typer.Option(None, "--thread", help="Resume an interview by its thread id."),
) -> None:
    """Should you prompt, retrieve, tune or fine-tune? A costed, cited recommendation."""
    if from_text is not None or answers_file is not None:
        _one_shot(from_text, answers_file, as_json)
        return
    if as_json:
        fail("--json needs --from-text TEXT or --answers FILE.json")
    _interactive(thread)


def _one_shot(text: str | None, answers_file: Path | None, as_json: bool) -> None:
    from handlers.errors import BadInput

    if text is not None:  # load the embedding model while settings and the corpus load
        from handlers.assess.semantic import preload_shipped_encoder

        preload_shipped_encoder()
    assessor = container().assessor
    try:
        if answers_file is not None:
            reply = assessor.from_data(_read_answers(answers_file))
        else:
            reply = assessor.from_text(text or "")
    except BadInput as exc:
        _fail(exc.user_message, as_json)
    except RecursionError:
        _fail("The answers are nested too deeply to read; give a flat JSON object of {criterion: value}.", as_json)
    if as_json:
        emit_json(reply.result.contract())
        return
    show(reply)


def _read_answers(path: Path) -> Any:
    from handlers.errors import BadInput

    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BadInput(f"No such file: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"Cannot read {path}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise BadInput(f"{path} is not valid JSON (line {exc.lineno}: {exc.msg}).") from None
    except RecursionError:
        raise BadInput(f"{path} is nested too deeply to read; give a flat JSON object of criteria.") from None


def _fail(message: str, as_json: bool) -> NoReturn:
    if as_json:
        emit_json({"error": message})
        raise typer.Exit(2)
    fail(message)


def _interactive(thread: str | None) -> None:
    from rich.prompt import Prompt

    from bot.adapters.terminal import terminal_conversation
    from handlers.assess.feature import AssessFeature
    from handlers.assess.models import AssessmentQuestionReply
    from handlers.models import Action, Request
    from handlers.router import Router

    feature = AssessFeature(container().assess)
    router = Router([feature], fallback=feature)  # only the assessment: no search index to load
    conversation = terminal_conversation(thread=thread or f"assess-{uuid.uuid4().hex[:8]}")
    console.print(f"[dim]thread {conversation.thread} (resume with --thread {conversation.thread})[/dim]")
    replies = router.handle(Request(text="assess", conversation=conversation, command="assess"))
    while True:
        question = None
        for reply in replies:
            show(reply)
            if isinstance(reply, AssessmentQuestionReply):
                question = reply
        if question is None:
            return
        try:
            line = Prompt.ask("[bold cyan]you[/bold cyan]")
        except (EOFError, KeyboardInterrupt):
            console.print(
                f"\n[dim]Paused. Resume with: ftadvisor assess --thread {conversation.thread}[/dim]"
            )
            return
        choice = line.strip()
        if choice.isdigit() and 1 <= int(choice) <= len(question.choices):
            action = Action(
                name="assess.answer",
                value={"criterion": question.criterion, "choice": question.choices[int(choice) - 1].id},
            )
            request = Request(text="", conversation=conversation, action=action)
        else:
            request = Request(text=line, conversation=conversation)
        replies = router.handle(request)
