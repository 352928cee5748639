"""`help`: what the advisor can do and how to ask."""

from __future__ import annotations

from collections.abc import Sequence

from handlers.models import HelpReply, Request
from handlers.router import Context, command_word

COMMANDS: list[tuple[str, str]] = [
    ("<question>", "Ask anything about fine-tuning, prompt engineering, RAG, LoRA/PEFT: cited answers."),
    ("assess", "A short interview about your use case, then a recommendation with costs and reasons."),
    ("demo <ticket text>", "Run a prompted base model and a LoRA fine-tuned model side by side."),
    ("demo eval", "Score both demo models on the evaluation set: accuracy, latency, tokens, cost."),
    ("note <text>", "Save a team note; it is cited in later answers (private in private channels)."),
    ("notes", "List the team notes visible here."),
    ("digest subscribe weekly mon 09:00 Europe/Berlin", "Get a weekly digest in this channel."),
    ("help", "This message."),
]

INTRO = (
    "I help you decide whether to fine-tune a model, engineer prompts, use RAG or LoRA/PEFT - "
    "and I can show you the difference live. Every answer cites its source."
)


class HelpFeature:
    name = "help"
    commands: tuple[str, ...] = ("help",)
    action_prefix = ""

    def claims(self, request: Request) -> bool:
        word, rest = command_word(request.text)
        return word in ("help", "?") and not rest

    def handle(self, request: Request, ctx: Context) -> Sequence[object]:
        return [HelpReply(commands=COMMANDS, intro=INTRO)]
