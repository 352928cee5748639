"""AskService: question (+ thread history) -> retrieval -> composed, cited answer."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence

from handlers.ask.extractive import compose_extractive
from handlers.ask.llm import compose_with_fallback
from handlers.ask.semantic import SentenceSimilarity
from handlers.models import Answer, Conversation
from handlers.ports import ChatModel, ConversationStore, QuestionLog, Retriever, TextEncoder, Turn
from knowledge.types import Passage, SearchScope

log = logging.getLogger(__name__)

_FOLLOW_UP = re.compile(
    r"^(and|but|so|what about|how about|why|what if|then|also|ok|okay)\b|\b(it|that|this|those|them|they)\b",
    re.IGNORECASE,
)


def retrieval_query(question: str, history: Sequence[Turn]) -> str:
    """A follow-up ("and what about costs?") is searched together with the previous question."""
    previous = [t.text for t in history if t.role == "user"]
    if previous and (len(question.split()) <= 6 or _FOLLOW_UP.search(question)):
        return f"{previous[-1]} {question}"
    return question


class AskService:
    def __init__(
        self,
        *,
        retriever: Retriever,
        conversations: ConversationStore,
        questions: QuestionLog,
        chat_model: ChatModel | None = None,
        encoder: TextEncoder | None = None,
        top_k: int = 5,
        llm_timeout_s: float = 20.0,
        llm_deadline_s: float = 30.0,
    ) -> None:
        self.retriever = retriever
        self.conversations = conversations
        self.questions = questions
        self.chat_model = chat_model
        self.similarity = SentenceSimilarity(encoder) if encoder is not None else None
        self.top_k = top_k
        self.llm_timeout_s = llm_timeout_s
        self.llm_deadline_s = llm_deadline_s

    def retrieve(self, question: str, conversation: Conversation, history: Sequence[Turn]) -> list[Passage]:
        scope = SearchScope(channel=conversation.channel)
        return self.retriever.retrieve(retrieval_query(question, history), k=self.top_k, scope=scope)

    def answer(
        self,
        question: str,
        conversation: Conversation,
        *,
        remember: bool = True,
        on_text: Callable[[str], None] | None = None,
    ) -> Answer:
        """The cited answer; with `on_text`, an LLM answer's validated sentences are also handed
        over as they are written (for adapters that stream)."""
        key = conversation.thread_key
        history = self.conversations.history(key, limit=8)
        passages = self.retrieve(question, conversation, history)
        covered = self.retriever.is_covered(passages, retrieval_query(question, history))
        answer = self._compose(question, passages, history, covered, on_text)
        if remember:
            self.questions.record(
                thread_key=key, channel=conversation.channel, user=conversation.user,
                question=question, grounded=answer.grounded,
            )
        return answer

    def _compose(
        self,
        question: str,
        passages: list[Passage],
        history: list[Turn],
        covered: bool,
        on_text: Callable[[str], None] | None = None,
    ) -> Answer:
        extractive = compose_extractive(question, passages, covered=covered, similarity=self.similarity)
        if self.chat_model is None or not covered:
            return extractive
        return compose_with_fallback(
            question, passages, history, self.chat_model, extractive,
            deadline_s=self.llm_deadline_s, on_text=on_text,
        )
