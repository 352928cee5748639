"""AskService: question (+ thread history) -> scope check, question kind, retrieval -> a cited
answer composed for that kind.

A decision runs the assessment rubric: a question the classifier labels `decision`, or any other
question in the field that asks for a choice (`handlers.ask.choice`) - unless it asks for a list of
things - when the rubric reads facts in the situation it describes. Its answer is composed from
the passages the verdict's reasons cite first (`DecisionAdvisor.backed_passages`).

The question is read spelt right (`spelling`, the knowledge base's speller: "promting" ->
"prompting", "retreival" -> "retrieval"), so that the scope rules, the classifier, the focus of the
composers and the retrieval all see the words they know; the question log keeps it as typed."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence

from handlers.ask.choice import names_fine_tuning_plainly, wants_verdict
from handlers.ask.compared import comparison_keywords, comparison_query
from handlers.ask.decision import DecisionAdvisor, compose_decision
from handlers.ask.extractive import OFF_TOPIC, compose_extractive
from handlers.ask.focus import plain_keywords, sides_named
from handlers.ask.howto_asks import howto_keywords
from handlers.ask.kinds import QuestionClassifier, QuestionKind
from handlers.ask.llm import compose_with_fallback
from handlers.ask.scope import in_field, names_corpus_concept, off_topic
from handlers.ask.semantic import SentenceSimilarity
from handlers.ask.sides import POOL, side_balanced
from handlers.assess.models import AssessmentResultReply
from handlers.assess.service import Assessor
from handlers.models import Answer, Conversation
from handlers.ports import (
    ChatModel,
    ConversationStore,
    QuestionLog,
    Retriever,
    Spelling,
    StoredVectors,
    TextEncoder,
    Turn,
)
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


def _earlier(history: Sequence[Turn]) -> list[str]:
    return [t.text for t in history if t.role == "user"]


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
        spelling: Spelling | None = None,
        stored_vectors: StoredVectors | None = None,
    ) -> None:
        self.retriever = retriever
        self.spelling = spelling
        self.classifier = QuestionClassifier(encoder)
        self.decisions = DecisionAdvisor(assessor) if assessor is not None else None
        self.alternates = alternates
        self.conversations = conversations
        self.questions = questions
        self.chat_model = chat_model
        self.similarity = SentenceSimilarity(encoder, stored=stored_vectors) if encoder is not None else None
        self.top_k = top_k
        self.llm_timeout_s = llm_timeout_s
        self.llm_deadline_s = llm_deadline_s

    def spelt(self, question: str) -> str:
        """The question with its misspelt words corrected (as typed without a speller)."""
        return self.spelling.correct(question) if self.spelling is not None else question

    def retrieve(self, question: str, conversation: Conversation, history: Sequence[Turn]) -> list[Passage]:
        """The top passages (top_k), as the composers see them (a decision's: its reasons' first)."""
        _, found, _ = self._found(self.spelt(question), conversation, history)
        return found[: self.top_k]

    def _found(
        self, question: str, conversation: Conversation, history: Sequence[Turn]
    ) -> tuple[QuestionKind, list[Passage], AssessmentResultReply | None]:
        """The question's kind, the passages found for it (top_k and alternates; a decision's
        reasons' passages first) and the rubric's verdict when it is a decision (see `verdict`)."""
        kind = self.classifier.classify(question)
        found = self._retrieve(question, conversation, history, kind)
        verdict = self.verdict(question, kind, history)
        if verdict is not None and self.decisions is not None:
            found = self.decisions.backed_passages(verdict, found)
        return kind, found, verdict

    def verdict(self, question: str, kind: QuestionKind, history: Sequence[Turn]) -> AssessmentResultReply | None:
        """The rubric's verdict when the question is a decision - labelled one, or asking for a
        choice (not for a list) about customizing models - that states facts the rubric reads (in
        the question, or earlier in the thread for a follow-up). None otherwise."""
        if self.decisions is None or off_topic(question):
            return None
        if not wants_verdict(question, kind):
            return None
        if kind.kind != "decision" and not self._in_field(question, history):
            return None
        if not (_earlier(history) or self.decisions.reads_facts(question, history)):
            return None
        return self.decisions.assess(question, history)

    def _retrieve(
        self, question: str, conversation: Conversation, history: Sequence[Turn], kind: QuestionKind
    ) -> list[Passage]:
        scope = SearchScope(channel=conversation.channel)
        k = self.top_k + self.alternates
        query = retrieval_query(question, history)
        if kind.kind != "comparison":
            keywords = plain_keywords(question)
            if kind.kind == "howto":  # asking how to keep something down: also the words for what curbs it
                keywords = f"{keywords} {howto_keywords(question)}".strip()
            return self.retriever.retrieve(query, k=k, scope=scope, keywords=keywords)
        if extra := comparison_query(question):
            query = f"{query} {extra}"
        # both sides among the top passages: the pool the retriever ranks anyway, read deeper; the
        # articles' words for the asked aspect ("long-term maintenance" for "keep it alive") find the
        # passage comparing the sides on it (keyword arm only: no extra encoder call)
        pool = self.retriever.retrieve(query, k=max(k, POOL), scope=scope, keywords=comparison_keywords(question))
        return side_balanced(pool, question, top=self.top_k)[:k]

    @staticmethod
    def _in_field(question: str, history: Sequence[Turn]) -> bool:
        """About customizing models: the question, or (a follow-up) the user's previous turn."""
        earlier = _earlier(history)
        if off_topic(question):
            return False
        return any(in_field(t) or names_fine_tuning_plainly(t) for t in [question, *earlier[-1:]])

    def covered(
        self, question: str, passages: Sequence[Passage], history: Sequence[Turn], kind: QuestionKind | None = None
    ) -> bool:
        """Off-topic rules refuse; a named corpus concept, or a decision the rubric answers (see
        `verdict`), is covered; otherwise the coverage judge decides."""
        if off_topic(question) or not passages:
            return False
        if names_corpus_concept(question):
            return True
        if kind is not None and kind.kind == "comparison" and len(sides_named(question)) >= 2:
            return True  # it compares two of the approaches, if only in everyday words
        # the rubric reads facts out of any situation ("our startup", "a tight budget"): only a
        # question about customizing models earns the shortcut (`verdict` checks the field)
        if kind is not None and self._in_field(question, history) and self.verdict(question, kind, history):
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
        spelt = self.spelt(question)
        if off_topic(spelt):
            answer = Answer(answer=OFF_TOPIC, grounded=False, mode="extractive", question_kind="off_topic")
        else:
            kind, found, verdict = self._found(spelt, conversation, history)
            passages, alternates = found[: self.top_k], found[self.top_k :]
            covered = self.covered(spelt, passages, history, kind)
            answer = self._compose(spelt, kind, passages, alternates, history, covered, on_text, verdict)
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
        verdict: AssessmentResultReply | None = None,
    ) -> Answer:
        if verdict is not None and covered and self.decisions is not None:
            grounds = self.decisions.grounds(question, history)
            text, citations = compose_decision(
                question, verdict, passages, self.similarity, grounds=grounds, alternates=alternates,
                stated=self.decisions.stated_reasons(verdict), corpus=self.decisions.corpus_passages(),
            )
            return Answer(answer=text, citations=citations, grounded=True, mode="extractive",
                          question_kind="decision")
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
