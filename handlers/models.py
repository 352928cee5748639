"""Request and reply models shared by every adapter (terminal, Slack, Teams).

Adapters turn a platform event into a `Request`; the router returns `Reply` objects that
renderers turn into text, Block Kit or Adaptive Cards. Feature-specific replies (assessment,
demo, digest) live in their own modules and are joined in `handlers.replies`.
"""

from __future__ import annotations

import uuid
from typing import Any, Literal

from pydantic import BaseModel, Field

Platform = Literal["terminal", "slack", "teams"]
ChannelType = Literal["public", "private", "dm", "group"]
Command = Literal["ask", "assess", "demo", "note", "notes", "digest", "help", "feedback"]


def new_reference_id() -> str:
    """Short id shown to users on errors and written to the logs with the detail."""
    return uuid.uuid4().hex[:10]


class Conversation(BaseModel):
    """Where a request came from. `thread_key` identifies a conversation thread everywhere."""

    platform: Platform = "terminal"
    workspace: str = ""  # Slack team id / Teams tenant id
    channel: str = "terminal"
    channel_type: ChannelType = "dm"
    thread: str = ""  # Slack thread_ts / Teams reply-chain id; "" = top level
    user: str = "local"
    user_name: str = ""

    @property
    def thread_key(self) -> str:
        return f"{self.platform}:{self.workspace}:{self.channel}:{self.thread or '-'}"

    @property
    def is_private(self) -> bool:
        return self.channel_type != "public"


class Action(BaseModel):
    """A button press / card submit: `name` picks the handler, `value` carries its data."""

    name: str  # e.g. "assess.answer", "feedback"
    value: dict[str, Any] = Field(default_factory=dict)


class Request(BaseModel):
    """Everything a handler needs to know about one user turn."""

    text: str = ""
    conversation: Conversation = Field(default_factory=Conversation)
    command: Command | None = None  # explicit slash/typed command; None = infer from text
    action: Action | None = None
    request_id: str = Field(default_factory=new_reference_id)


QUOTED = "Quoted from the sources"
WRITTEN_BY_MODEL = "Written by the language model from the sources"
NOT_COVERED = "Not covered by the knowledge base or the team's notes"


class Citation(BaseModel):
    n: int
    id: str
    title: str
    source: str
    quote: str


class Answer(BaseModel):
    """The `ask` JSON contract: {"answer", "citations", "grounded", "mode", "notice", "notice_reason",
    "llm_ms"}; the last three are null unless a language model was asked."""

    answer: str
    citations: list[Citation] = Field(default_factory=list)
    grounded: bool = False
    mode: Literal["extractive", "llm"] = "extractive"
    notice: str | None = None  # e.g. "LLM timeout: the language model did not answer in time, ..."
    notice_reason: Literal["timeout", "unreachable", "refused", "unusable"] | None = None
    llm_ms: int | None = None  # time spent on the language model (None: not asked)

    def contract(self) -> dict[str, Any]:
        return self.model_dump(include={"answer", "citations", "grounded", "mode", "notice", "notice_reason", "llm_ms"})

    @property
    def how_made(self) -> str:
        """How the answer was made, in the words every platform shows."""
        if not self.grounded:
            return NOT_COVERED
        return QUOTED if self.mode == "extractive" else WRITTEN_BY_MODEL


class AnswerReply(BaseModel):
    kind: Literal["answer"] = "answer"
    question: str
    answer: Answer


class TextReply(BaseModel):
    """A plain message: confirmations, hints, polite refusals of bad input."""

    kind: Literal["text"] = "text"
    text: str
    tone: Literal["info", "success", "warning"] = "info"
    ephemeral: bool = False  # shown only to the person who acted (Slack ephemeral / Teams targeted)


class ErrorReply(BaseModel):
    """What users see when something failed: polite, with a reference id, never a stack trace."""

    kind: Literal["error"] = "error"
    text: str = "Sorry, something went wrong on my side while handling that."
    reference_id: str


class NoteView(BaseModel):
    id: str
    text: str
    author: str
    channel: str
    visibility: Literal["public", "private"]
    created_at: str


class NotesReply(BaseModel):
    kind: Literal["notes"] = "notes"
    title: str
    notes: list[NoteView]


class HelpReply(BaseModel):
    kind: Literal["help"] = "help"
    commands: list[tuple[str, str]]  # (usage, what it does)
    intro: str
