"""The assessment use case: one-shot assessments (answers or free text in, verdict out) and the
interview that runs in a chat thread (state loaded and saved per turn, finished ones recorded)."""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from handlers.assess.answers import normalise_answers
from handlers.assess.interview import Interview, Outcome
from handlers.assess.models import (
    AssessmentQuestionReply,
    AssessmentRecord,
    AssessmentResultReply,
    ChoiceButton,
    InterviewState,
)
from handlers.assess.ports import AnswerExtractor, AssessmentStore
from handlers.assess.result import build_reply
from handlers.errors import BadInput
from handlers.models import Action, Conversation, TextReply
from handlers.ports import ConversationStore
from knowledge.corpus_index import CorpusIndex
from knowledge.rubric.model import Answers, Rubric
from knowledge.rubric.prices import Prices

log = logging.getLogger(__name__)


class Assessor:
    """One-shot assessments: answers or free text in, verdict out. Needs no database."""

    def __init__(
        self, *, rubric: Rubric, prices: Prices, corpus: CorpusIndex, extractor: AnswerExtractor
    ) -> None:
        self.rubric = rubric
        self.prices = prices
        self.corpus = corpus
        self.extractor = extractor

    def evaluate(self, answers: Answers) -> AssessmentResultReply:
        return build_reply(self.rubric, self.prices, self.corpus, answers)

    def from_text(self, text: str) -> AssessmentResultReply:
        if not text.strip():
            raise BadInput(
                "Describe your situation, e.g. `5k labelled tickets, 2M calls a day, docs change weekly`."
            )
        return self.evaluate(self.extractor.extract(text).answers)

    def from_data(self, raw: object) -> AssessmentResultReply:
        return self.evaluate(normalise_answers(self.rubric, raw, self.extractor))


class AssessService:
    """The interview in chat threads, on top of an `Assessor`."""

    def __init__(
        self,
        assessor: Assessor,
        *,
        store: AssessmentStore,
        conversations: ConversationStore | None = None,
        history_limit: int = 20,
        idle_timeout: timedelta = timedelta(hours=24),
    ) -> None:
        self.assessor = assessor
        self.idle_timeout = idle_timeout
        self.rubric = assessor.rubric
        self.store = store
        self.conversations = conversations
        self.history_limit = history_limit
        self.interview = Interview(assessor.rubric, assessor.extractor)

    # --- interview ------------------------------------------------------------------------------
    def is_active(self, thread_key: str) -> bool:
        return self._load(thread_key) is not None

    def start(self, conversation: Conversation, text: str = "") -> list[Any]:
        key = conversation.thread_key
        state = self._load(key)
        if state is not None:
            if text.strip():
                return self._turn(state, self.interview.respond(state, text))
            note = (
                "An assessment is already running in this thread; here is where we were "
                "(or say restart / cancel)."
            )
            return [self._question(state, Outcome("ask", state.pending, note=note))]
        state = InterviewState(thread_key=key, conversation=conversation)
        context = "\n".join([*self._thread_history(key), text])
        return self._turn(state, self.interview.start(state, context))

    def respond(self, conversation: Conversation, text: str) -> list[Any]:
        state = self._load(conversation.thread_key)
        if state is None:
            return self.start(conversation, text)
        return self._turn(state, self.interview.respond(state, text))

    def act(self, conversation: Conversation, action: Action) -> list[Any]:
        verb = action.name.removeprefix("assess.")
        if verb == "start":
            return self.start(conversation, str(action.value.get("text", "")))
        state = self._load(conversation.thread_key)
        if state is None:
            raise BadInput("That assessment has already finished. Say `assess` to start a new one.")
        if verb == "answer":
            criterion, choice = str(action.value.get("criterion", "")), str(action.value.get("choice", ""))
            if criterion not in self.rubric.criteria_by_id:
                raise BadInput("That button does not belong to this assessment any more.")
            return self._turn(state, self.interview.choose(state, criterion, choice))
        if verb in ("skip", "back", "restart", "done", "cancel"):
            return self._turn(state, self.interview.control(state, verb))  # type: ignore[arg-type]
        raise BadInput("That button is no longer active. Say `assess` to start again.")

    # --- internals ------------------------------------------------------------------------------
    def _load(self, thread_key: str) -> InterviewState | None:
        """The thread's interview, unless it was abandoned (idle longer than `idle_timeout`): an
        abandoned interview is dropped so that it stops claiming the thread's messages."""
        state = self.store.load_interview(thread_key)
        if state is not None and datetime.now(UTC) - state.updated_at > self.idle_timeout:
            self.store.clear_interview(thread_key)
            return None
        return state

    def _thread_history(self, thread_key: str) -> list[str]:
        if self.conversations is None:
            return []
        try:
            turns = self.conversations.history(thread_key, limit=self.history_limit)
        except Exception:  # history is a bonus: never fail an assessment over it
            log.warning("could not read thread history for %s", thread_key, exc_info=True)
            return []
        return [
            t.text for t in turns if t.role == "user" and not t.text.lower().startswith(("assess", "/assess"))
        ]

    def _turn(self, state: InterviewState, outcome: Outcome) -> list[Any]:
        if outcome.kind == "cancel":
            self.store.clear_interview(state.thread_key)
            return [TextReply(text=outcome.note)]
        if outcome.kind == "finish":
            return self._finish(state, outcome)
        self.store.save_interview(state)
        return [self._question(state, outcome)]

    def _finish(self, state: InterviewState, outcome: Outcome) -> list[Any]:
        reply = self.assessor.evaluate(state.answers)
        conv = state.conversation
        self.store.record(
            AssessmentRecord(
                id=uuid.uuid4().hex[:12],
                platform=conv.platform,
                workspace=conv.workspace,
                channel=conv.channel,
                channel_type=conv.channel_type,
                thread=conv.thread,
                thread_key=state.thread_key,
                user=conv.user,
                user_name=conv.user_name,
                answers=dict(state.answers),
                recommendation=reply.recommendation,
                hybrid_of=reply.hybrid_of,
                confidence=reply.confidence,
                created_at=datetime.now(UTC),
            )
        )
        self.store.clear_interview(state.thread_key)
        replies: list[Any] = []
        intro = " ".join(part for part in (outcome.note, _understood_line(outcome.understood)) if part)
        if intro:
            replies.append(TextReply(text=intro))
        replies.append(reply)
        return replies

    def _question(self, state: InterviewState, outcome: Outcome) -> AssessmentQuestionReply:
        crit_id = outcome.criterion or state.pending
        if crit_id is None:  # nothing left to ask: should have finished
            crit_id = self.rubric.askable[0]
        crit = self.rubric.criterion(crit_id)
        answered = sum(1 for c in self.rubric.askable if c in state.answers)
        skipped = sum(1 for c in self.rubric.askable if c in state.skipped and c not in state.answers)
        total = len(self.rubric.askable)
        return AssessmentQuestionReply(
            criterion=crit.id,
            question=crit.question,
            choices=[ChoiceButton(id=c.id, label=c.label) for c in crit.choices],
            progress=f"{answered}/{total}",
            answered=answered,
            total=total,
            asked=answered + skipped,
            unit=crit.unit if crit.numeric else "",
            note=outcome.note,
            understood=outcome.understood,
        )


def _understood_line(lines: list[str]) -> str:
    return ("Noted - " + "; ".join(lines) + ".") if lines else ""
