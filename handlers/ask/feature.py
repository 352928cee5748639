"""The default feature: anything that is not a command is a question."""

from __future__ import annotations

from collections.abc import Sequence

from handlers.ask.service import AskService
from handlers.errors import BadInput
from handlers.models import AnswerReply, Request
from handlers.router import Context, command_word


class AskFeature:
    name = "ask"
    commands: tuple[str, ...] = ("ask",)
    action_prefix = ""

    def __init__(self, service: AskService) -> None:
        self.service = service

    def claims(self, request: Request) -> bool:
        return command_word(request.text)[0] == "ask"

    def handle(self, request: Request, ctx: Context) -> Sequence[object]:
        word, rest = command_word(request.text)
        question = rest if word == "ask" else request.text
        if not question.strip():
            raise BadInput("Ask me a question, e.g. `should we fine-tune or use RAG for a support bot?`")
        ctx.progress("Searching the knowledge base...")
        answer = self.service.answer(question, request.conversation, on_text=ctx.stream)
        return [AnswerReply(question=question, answer=answer)]
