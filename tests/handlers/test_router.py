from __future__ import annotations

from collections.abc import Sequence

from handlers.errors import AdvisorError, BadInput
from handlers.models import Action, Answer, AnswerReply, Conversation, ErrorReply, Request, TextReply
from handlers.router import Context, Router, command_word
from tests.handlers.assess.fakes import MemoryConversations


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


class Answering:
    name, commands, action_prefix = "ask", ("ask",), ""

    def claims(self, request: Request) -> bool:
        return False

    def handle(self, request: Request, ctx: Context) -> Sequence[object]:
        return [AnswerReply(question=request.text, answer=Answer(answer=f"about {request.text}"))]


def test_the_router_records_each_thread_turn_once() -> None:
    store = MemoryConversations()
    r = Router([Echo("assess", ("assess",), "assess.", "assess")], fallback=Answering(), conversations=store)
    thread = Conversation(platform="slack", channel="C1", thread="1.0")
    r.handle(Request(text="what is LoRA?", conversation=thread))
    r.handle(Request(text="and its cost?", conversation=thread))
    assert [(t.role, t.text) for t in store.history(thread.thread_key)] == [
        ("user", "what is LoRA?"), ("assistant", "about what is LoRA?"),
        ("user", "and its cost?"), ("assistant", "about and its cost?"),
    ]
    interview = Conversation(platform="slack", channel="C1", thread="2.0")
    r.handle(Request(text="assess", conversation=interview))
    r.handle(Request(text="assess again", conversation=interview))
    assert [(t.role, t.text) for t in store.history(interview.thread_key)] == [("assistant", "assess:assess")]
    top_level = Conversation(platform="slack", channel="C1")
    r.handle(Request(text="assess", conversation=top_level))  # not a thread: nothing to continue
    assert not store.has_thread(top_level.thread_key)
