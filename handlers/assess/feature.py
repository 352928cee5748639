"""`assess` in chat: starts an interview (reading what the thread already said), then owns every
message of that thread until the interview finishes, plus the `assess.*` buttons."""

from __future__ import annotations

from collections.abc import Sequence
from typing import get_args

from handlers.assess.models import ACTION_PREFIX
from handlers.assess.service import AssessService
from handlers.models import Command, Request
from handlers.router import Context, command_word

_OTHER_COMMANDS = frozenset(c for c in get_args(Command) if c != "assess")


class AssessFeature:
    name = "assess"
    commands: tuple[str, ...] = ("assess",)
    action_prefix = ACTION_PREFIX

    def __init__(self, service: AssessService) -> None:
        self.service = service

    def claims(self, request: Request) -> bool:
        word = command_word(request.text)[0]
        if word == "assess":
            return True
        if word in _OTHER_COMMANDS:  # "note ...", "help" mid-interview go to their own features
            return False
        return self.service.is_active(request.conversation.thread_key)

    def handle(self, request: Request, ctx: Context) -> Sequence[object]:
        conv = request.conversation
        if request.action is not None:
            return self.service.act(conv, request.action)
        word, rest = command_word(request.text)
        if word == "assess":
            return self.service.start(conv, rest)
        if request.command == "assess":
            return self.service.start(conv, request.text)
        return self.service.respond(conv, request.text)
