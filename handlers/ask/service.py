"""AskService: question (+ thread history) -> scope check, question kind, retrieval -> a cited
answer composed for that kind (a decision question runs the assessment rubric)."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence

from handlers.ask.citing import render
from handlers.ask.compare import comparison_query
from handlers.ask.decision import DecisionAdvisor, verdict_concepts, verdict_text
from handlers.ask.extractive import OFF_TOPIC, compose_extractive
from handlers.ask.focus import sides_named
from handlers.ask.kinds import QuestionClassifier, QuestionKind
from handlers.ask.llm import compose_with_fallback
from handlers.ask.picks import pick_general
from handlers.ask.scope import in_field, names_corpus_concept, off_topic
from handlers.ask.scored import score_sentences
from handlers.ask.semantic import SentenceSimilarity
from handlers.assess.service import Assessor
from handlers.models import Answer, Conversation
from handlers.ports import ChatModel, ConversationStore, QuestionLog, Retriever, TextEncoder, Turn
from knowledge.types import Passage, SearchScope

log = logging.getLogger(__name__)
DECISION_EVIDENCE = 4  # source sentences (naming the verdict's approaches) added under a decision's verdict

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
        assessor: Assessor | None = None,
        alternates: int = 5,
    ) -> None:
        self.retriever = retriever
        self.classifier = QuestionClassifier(encoder)
        self.decisions = DecisionAdvisor(assessor) if assessor is not None else None
        self.alternates = alternates
        self.conversations = conversations
        self.questions = questions
        self.chat_model = chat_model
        self.similarity = SentenceSimilarity(encoder) if encoder is not None else None
        self.top_k = top_k
        self.llm_timeout_s = llm_timeout_s
        self.llm_deadline_s = llm_deadline_s

    def retrieve(self, question: str, conversation: Conversation, history: Sequence[Turn]) -> list[Passage]:
        """The top passages (top_k), as the composers see them."""
        kind = self.classifier.classify(question)
        return self._retrieve(question, conversation, history, kind)[: self.top_k]

    def _retrieve(
        self, question: str, conversation: Conversation, history: Sequence[Turn], kind: QuestionKind
    ) -> list[Passage]:
        scope = SearchScope(channel=conversation.channel)
        k = self.top_k + self.alternates
        query = retrieval_query(question, history)
        if kind.kind == "comparison" and (extra := comparison_query(question)):
            query = f"{query} {extra}"
        return self.retriever.retrieve(query, k=k, scope=scope)

    def covered(
        self, question: str, passages: Sequence[Passage], history: Sequence[Turn], kind: QuestionKind | None = None
    ) -> bool:
        """Off-topic rules refuse; a named corpus concept, or a decision question stating facts the
        rubric reads, is covered; otherwise the coverage judge decides."""
        if off_topic(question) or not passages:
            return False
        if names_corpus_concept(question):
            return True
        if kind is not None and kind.kind == "comparison" and len(sides_named(question)) >= 2:
            return True  # it compares two of the approaches, if only in everyday words
        decision = kind is not None and kind.kind == "decision" and self.decisions is not None
        # the rubric reads facts out of any situation ("our startup", "a tight budget"): only a
        # question about customizing models earns the shortcut
        if decision and self.decisions is not None and in_field(question) and self.decisions.reads_facts(
            question, history
        ):
            return True
        return self.retriever.is_covered(passages, retrieval_query(question, history))

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
        if off_topic(question):
            answer = Answer(answer=OFF_TOPIC, grounded=False, mode="extractive", question_kind="off_topic")
        else:
            kind = self.classifier.classify(question)
            found = self._retrieve(question, conversation, history, kind)
            passages, alternates = found[: self.top_k], found[self.top_k :]
            covered = self.covered(question, passages, history, kind)
            answer = self._compose(question, kind, passages, alternates, history, covered, on_text)
        if remember:
            self.questions.record(
                thread_key=key, channel=conversation.channel, user=conversation.user,
                question=question, grounded=answer.grounded,
            )
        return answer

    def _compose(
        self,
        question: str,
        kind: QuestionKind,
        passages: list[Passage],
        alternates: list[Passage],
        history: list[Turn],
        covered: bool,
        on_text: Callable[[str], None] | None = None,
    ) -> Answer:
        decision = self._decision(question, kind, passages, history) if kind.kind == "decision" and covered else None
        if decision is not None:
            return decision
        extractive = compose_extractive(
            question, passages, covered=covered, similarity=self.similarity, kind=kind, alternates=alternates
        )
        if self.chat_model is None or not covered:
            return extractive
        answer = compose_with_fallback(
            question, passages, history, self.chat_model, extractive,
            deadline_s=self.llm_deadline_s, on_text=on_text,
        )
        return answer.model_copy(update={"question_kind": kind.kind})

    def _decision(
        self, question: str, kind: QuestionKind, passages: list[Passage], history: list[Turn]
    ) -> Answer | None:
        """Verdict first (the rubric on the stated facts), then the most relevant source sentences."""
        if self.decisions is None:
            return None
        reply = self.decisions.assess(question, history)
        if reply is None:
            return None
        text, citations, numbers = verdict_text(reply)
        if passages:
            scored = score_sentences(question, passages, self.similarity)
            about = verdict_concepts(reply)
            picks = pick_general(scored, about, DECISION_EVIDENCE, require_any=about)
            evidence, more = render(picks, passages, known=numbers)
            if evidence:
                text += "\n\nFrom the sources:\n\n" + evidence
                citations.extend(more)
        return Answer(answer=text, citations=citations, grounded=True, mode="extractive", question_kind=kind.kind)
