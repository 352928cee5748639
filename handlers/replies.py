"""The union of every reply kind. Renderers dispatch on `kind`, each through one explicit table
from kind to builder (`bot/slack/render.py`, `bot/teams/cards/__init__.py`,
`bot/renderers/text.py`). A feature adds its reply model to `Reply` here and a builder to each
table; a test fails until every platform has one."""

from __future__ import annotations

from typing import Annotated, Any, get_args

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


def reply_models() -> tuple[type[Any], ...]:
    """Every reply model in `Reply`."""
    union = get_args(Reply)[0]
    return tuple(get_args(union))


def reply_kinds() -> tuple[str, ...]:
    """Every reply kind ("answer", "assess_question", ...), read off the models."""
    return tuple(str(m.model_fields["kind"].default) for m in reply_models())
