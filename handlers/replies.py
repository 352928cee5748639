"""The union of every reply kind. Renderers dispatch on `kind`.
A feature adds its reply model to `Reply` here (and a branch to each renderer)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from handlers.assess.models import AssessmentQuestionReply, AssessmentResultReply
from handlers.demo.models import DemoEvalReply, DemoReply
from handlers.digest.models import DigestReply
from handlers.models import AnswerReply, ErrorReply, HelpReply, NotesReply, TextReply

Reply = Annotated[
    AnswerReply
    | TextReply
    | ErrorReply
    | NotesReply
    | HelpReply
    | AssessmentQuestionReply
    | AssessmentResultReply
    | DigestReply
    | DemoReply
    | DemoEvalReply,
    Field(discriminator="kind"),
]
