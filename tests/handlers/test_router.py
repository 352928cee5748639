from __future__ import annotations

from collections.abc import Sequence

from handlers.errors import AdvisorError, BadInput
from handlers.models import Action, ErrorReply, Request, TextReply
from handlers.router import Context, Router, command_word


class Echo:
    def __init__(self, name: str, commands: tuple[str, ...] = (), prefix: str = "", claim: str = "") -> None:
        self.name, self.commands, self.action_prefix, self.claim = name, commands, prefix, claim

    def claims(self, request: Request) -> bool:
        return bool(self.claim) and command_word(request.text)[0] == self.claim

    def handle(self, request: Request, ctx: Context) -> Sequence[object]:
        if request.text == "boom":
            raise RuntimeError("secret internals")
        if request.text == "bad":
            raise BadInput("please say it differently")
        if request.text == "known":
            raise AdvisorError("db down")
        return [TextReply(text=f"{self.name}:{request.text}")]


def router() -> Router:
    return Router(
        [Echo("assess", ("assess",), "assess.", "assess"), Echo("demo", ("demo",), "demo.", "demo")],
        fallback=Echo("ask"),
        max_input_chars=50,
    )


def text(replies: list[object]) -> str:
    return getattr(replies[0], "text", "")


def test_routing_order() -> None:
    r = router()
    assert text(r.handle(Request(text="demo my ticket"))) == "demo:demo my ticket"
    assert text(r.handle(Request(text="x", command="assess"))) == "assess:x"
    assert text(r.handle(Request(text="y", action=Action(name="demo.run")))) == "demo:y"
    assert text(r.handle(Request(text="should we fine-tune?"))) == "ask:should we fine-tune?"


def test_unknown_action_is_a_polite_warning() -> None:
    reply = router().handle(Request(text="", action=Action(name="zzz.x")))[0]
    assert isinstance(reply, TextReply) and reply.tone == "warning"


def test_failures_become_polite_errors_with_reference() -> None:
    reply = router().handle(Request(text="boom"))[0]
    assert isinstance(reply, ErrorReply) and reply.reference_id
    assert "secret" not in reply.text and "Traceback" not in reply.text
    known = router().handle(Request(text="known"))[0]
    assert isinstance(known, ErrorReply) and "db down" not in known.text


def test_bad_input_messages() -> None:
    r = router()
    assert text(r.handle(Request(text="bad"))) == "please say it differently"
    too_long = r.handle(Request(text="x" * 51))[0]
    assert isinstance(too_long, TextReply) and "limit is 50" in too_long.text
    binary = r.handle(Request(text="\x00\x01\x02\x03 abc"))[0]
    assert isinstance(binary, TextReply) and "binary" in binary.text


def test_command_word() -> None:
    assert command_word("  /ft-demo  the ticket ") == ("demo", "the ticket")
    assert command_word("Assess") == ("assess", "")
