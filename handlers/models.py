"""Request and reply models shared by every adapter (terminal, Slack, Teams).

Adapters turn a platform event into a `Request`; the router returns `Reply` objects that
renderers turn into text, Block Kit or Adaptive Cards. Feature-specific replies (assessment,
demo, digest) live in their own modules and are joined in `handlers.replies`.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

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
    #: The key of the accepted work this request carries out (the inbox key of a Slack event,
    #: command or shortcut, a Teams activity): a redo of the same work (its replica died) has the
    #: same key, so what the work writes is written once. None: a terminal or one-off request.
    work_key: str | None = None
    #: When the platform's delivery of that work was accepted (a redo keeps the first time), so a
    #: redo of an older click never overwrites what a newer one wrote. None: now.
    accepted_at: datetime | None = None


#: Titles of the curated corpus start with this: its passages are ft-advisor's own summaries of
#: the articles (facts carried over, sentences not), so they are never shown as quotations.
SUMMARY_PREFIX = "Summary of: "
QUOTED = "Quoted from the sources"
WRITTEN_BY_MODEL = "Written by the language model from the sources"
NOT_COVERED = "Not covered by the knowledge base or the team's notes"


class Citation(BaseModel):
    """A numbered source of an answer. `summary`: the quote is a sentence of ft-advisor's own
    summary of the article (shown as such, without quotation marks); otherwise the quote is
    verbatim text of the cited document or note."""

    n: int
    id: str
    title: str
    source: str
    quote: str
    summary: bool = False

    @model_validator(mode="after")
    def _summary_from_title(self) -> Citation:
        if self.title.startswith(SUMMARY_PREFIX):
            self.summary = True
        return self

    def shown_quote(self, quote: str | None = None) -> str:
        """The quote as people see it: verbatim text in quotation marks; a sentence of our own
        summary labelled as such, never in quotation marks. `quote`: a shortened/escaped form."""
        text = self.quote if quote is None else quote
        if not text:
            return ""
        return f"Our summary: {text}" if self.summary else f"\u201c{text}\u201d"


class Answer(BaseModel):
    """The `ask` JSON contract: {"answer", "citations", "grounded", "mode", "notice", "notice_reason",
    "llm_ms", "question_kind"}; notice, notice_reason and llm_ms are null unless a language model was asked."""

    answer: str
    citations: list[Citation] = Field(default_factory=list)
    grounded: bool = False
    mode: Literal["extractive", "llm"] = "extractive"
    notice: str | None = None  # e.g. "LLM timeout: the language model did not answer in time, ..."
    notice_reason: Literal["timeout", "unreachable", "refused", "unusable"] | None = None
    llm_ms: int | None = None  # time spent on the language model (None: not asked)
    question_kind: str = "general"  # the question kind the answer was composed for (handlers.ask.kinds)

    def contract(self) -> dict[str, Any]:
        return self.model_dump(
            include={"answer", "citations", "grounded", "mode", "notice", "notice_reason", "llm_ms", "question_kind"}
        )

    def made_how(self) -> str:
        """One line on where the answer's text comes from (shown under every answer)."""
        if self.mode == "llm":
            return "written by the language model from the sources"
        if self.citations and all(c.summary for c in self.citations):
            return "sentences from ft-advisor's summaries of the cited articles"
        if any(c.summary for c in self.citations):
            return "sentences from the cited sources; curated ones are ft-advisor's summaries of the articles"
        return "quoted from the sources"

    @property
    def how_made(self) -> str:
        """How the answer was made, in the words every platform shows (our summaries said so)."""
        if not self.grounded:
            return NOT_COVERED
        if self.mode != "extractive":
            return WRITTEN_BY_MODEL
        made = self.made_how()
        return made[0].upper() + made[1:]


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
