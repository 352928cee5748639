"""The interview: most informative question first, skip/back/restart/done/cancel, re-ask once,
finish when settled, answers gathered from the thread, buttons, and routing via the Feature."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from handlers.assess.extract import RuleExtractor
from handlers.assess.feature import AssessFeature
from handlers.assess.flip import can_flip
from handlers.assess.models import AssessmentQuestionReply, AssessmentResultReply
from handlers.assess.service import Assessor, AssessService
from handlers.errors import BadInput
from handlers.models import Action, Conversation, Request, TextReply
from handlers.router import Context, Router
from knowledge.corpus_index import shipped_corpus_index
from knowledge.rubric.model import shipped_rubric
from knowledge.rubric.prices import shipped_prices
from tests.handlers.assess.fakes import MemoryAssessmentStore, MemoryConversations

RUBRIC = shipped_rubric()
CONV = Conversation(
    platform="slack",
    workspace="T1",
    channel="C1",
    channel_type="public",
    thread="111.1",
    user="U1",
    user_name="ana",
)


def make_service(
    conversations: MemoryConversations | None = None,
) -> tuple[AssessService, MemoryAssessmentStore]:
    store = MemoryAssessmentStore()
    assessor = Assessor(
        rubric=RUBRIC, prices=shipped_prices(), corpus=shipped_corpus_index(), extractor=RuleExtractor(RUBRIC)
    )
    return AssessService(assessor, store=store, conversations=conversations), store


def question(replies: list[Any]) -> AssessmentQuestionReply:
    found = [r for r in replies if isinstance(r, AssessmentQuestionReply)]
    assert found, replies
    return found[-1]


def result(replies: list[Any]) -> AssessmentResultReply:
    found = [r for r in replies if isinstance(r, AssessmentResultReply)]
    assert found, replies
    return found[-1]


def test_first_question_has_buttons_and_progress() -> None:
    service, store = make_service()
    q = question(service.start(CONV))
    assert q.kind == "assess_question" and q.criterion in RUBRIC.askable
    assert q.choices and q.progress == f"0/{len(RUBRIC.askable)}"
    assert store.load_interview(CONV.thread_key) is not None


def test_answer_then_back_restores_the_previous_question() -> None:
    service, store = make_service()
    first = question(service.start(CONV))
    second = question(service.respond(CONV, "1"))  # first option by number
    assert second.criterion != first.criterion and second.progress.startswith("1/")
    back = question(service.respond(CONV, "back"))
    assert back.criterion == first.criterion
    state = store.load_interview(CONV.thread_key)
    assert state is not None and first.criterion not in state.answers


def test_back_at_the_first_question_says_so() -> None:
    service, _ = make_service()
    first = question(service.start(CONV))
    again = question(service.respond(CONV, "go back"))
    assert again.criterion == first.criterion and "first question" in again.note


def test_skip_moves_on_and_leaves_the_criterion_open() -> None:
    service, store = make_service()
    first = question(service.start(CONV))
    nxt = question(service.respond(CONV, "skip"))
    assert nxt.criterion != first.criterion
    state = store.load_interview(CONV.thread_key)
    assert state is not None and state.skipped == [first.criterion] and first.criterion not in state.answers


def test_restart_forgets_everything() -> None:
    service, store = make_service()
    first = question(service.start(CONV, "we have 5k labelled tickets"))
    service.respond(CONV, "1")
    again = question(service.respond(CONV, "start over"))
    state = store.load_interview(CONV.thread_key)
    assert state is not None and state.answers == {} and state.history == []
    fresh_service, _ = make_service()
    assert again.criterion == question(fresh_service.start(CONV)).criterion
    assert first.criterion != "labelled_examples"


def test_done_finishes_records_and_clears() -> None:
    service, store = make_service()
    service.start(CONV, "docs change daily")
    replies = service.respond(CONV, "that's all")
    verdict = result(replies)
    assert verdict.recommendation in {a.id for a in RUBRIC.approaches}
    assert store.load_interview(CONV.thread_key) is None
    [record] = store.recent()
    assert (record.channel, record.user, record.thread) == ("C1", "U1", "111.1")
    assert record.answers == {"facts_change": "daily"} and record.recommendation == verdict.recommendation


def test_cancel_ends_without_a_record() -> None:
    service, store = make_service()
    service.start(CONV)
    [reply] = service.respond(CONV, "cancel")
    assert isinstance(reply, TextReply) and "cancelled" in reply.text
    assert store.load_interview(CONV.thread_key) is None and store.recent() == []


def test_unreadable_answer_is_reasked_once_then_left_open() -> None:
    service, store = make_service()
    first = question(service.start(CONV))
    again = question(service.respond(CONV, "purple elephants"))
    assert again.criterion == first.criterion and "couldn't read" in again.note
    moved = question(service.respond(CONV, "still purple elephants"))
    assert moved.criterion != first.criterion and "move on" in moved.note
    state = store.load_interview(CONV.thread_key)
    assert state is not None and first.criterion in state.skipped


def test_free_text_answer_can_volunteer_other_criteria() -> None:
    service, store = make_service()
    first = question(service.start(CONV))
    assert first.criterion != "ml_expertise"
    service.respond(CONV, f"{first.choices[0].label}, and we have no ML people")
    state = store.load_interview(CONV.thread_key)
    assert state is not None and state.answers.get("ml_expertise") == "none"
    assert first.criterion in state.answers


def test_interview_finishes_when_the_verdict_cannot_flip() -> None:
    service, store = make_service()
    replies = service.start(CONV)
    asked = 0
    while not any(isinstance(r, AssessmentResultReply) for r in replies):
        q = question(replies)
        asked += 1
        assert asked <= len(RUBRIC.askable)
        state = store.load_interview(CONV.thread_key)
        assert state is not None
        replies = service.act(
            CONV, Action(name="assess.answer", value={"criterion": q.criterion, "choice": q.choices[-1].id})
        )
    [record] = store.recent()
    open_criteria = [c for c in RUBRIC.askable if c not in record.answers]
    assert not can_flip(RUBRIC, record.answers, open_criteria)
    assert asked < len(RUBRIC.askable)  # it stopped before asking everything


def test_starts_from_what_the_thread_already_said() -> None:
    history = MemoryConversations()
    history.append(CONV.thread_key, "user", "We have ~5k labelled tickets and our docs change weekly.")
    history.append(CONV.thread_key, "assistant", "Interesting!")
    service, store = make_service(history)
    q = question(service.start(CONV))
    assert any(line.startswith("Labelled examples") for line in q.understood)
    assert q.criterion not in ("labelled_examples", "facts_change")
    state = store.load_interview(CONV.thread_key)
    assert state is not None and state.answers["labelled_examples"] == 5000
    assert state.answers["facts_change"] == "weekly"


def test_a_settled_description_finishes_at_once() -> None:
    service, _ = make_service()
    text = (
        "Hackathon demo tomorrow, no labelled data, no ML people, tight budget, general chit-chat, "
        "low stakes, requirements change daily, free text output, cloud api, 100 requests a day, "
        "a 300 token prompt, prompts work well, no facts needed"
    )
    replies = service.start(CONV, text)
    assert result(replies).recommendation == "prompt_engineering"


def test_a_settled_verdict_first_asks_what_the_cost_comparison_needs() -> None:
    service, _ = make_service()
    text = (
        "Hackathon demo tomorrow, no labelled data, no ML people, tight budget, general chit-chat, "
        "low stakes, requirements change daily, free text output, cloud api, 100 requests a day, "
        "prompts work well, no facts needed"
    )
    [question] = [r for r in service.start(CONV, text) if isinstance(r, AssessmentQuestionReply)]
    assert question.criterion == "prompt_tokens" and question.unit == "tokens"
    done = result(service.respond(CONV, "about 2,000 tokens"))
    assert done.recommendation == "prompt_engineering" and done.costs.available


def test_unknown_facts_keep_the_interview_open_while_they_could_force_retrieval() -> None:
    """Facts that change weekly would put retrieval into the verdict, so a prompting verdict is not
    settled until the facts question is answered."""
    service, _ = make_service()
    text = (
        "Hackathon demo tomorrow, no labelled data, no ML people, tight budget, general chit-chat, "
        "low stakes, requirements change daily, free text output, cloud api, 100 requests a day, "
        "prompts work well"
    )
    replies = service.start(CONV, text)
    assert [r.criterion for r in replies if isinstance(r, AssessmentQuestionReply)] == ["facts_change"]


def test_buttons_for_numeric_criteria_store_the_choice_value() -> None:
    service, store = make_service()
    service.start(CONV)
    service.act(
        CONV, Action(name="assess.answer", value={"criterion": "labelled_examples", "choice": "thousands"})
    )
    state = store.load_interview(CONV.thread_key)
    assert state is not None and state.answers["labelled_examples"] == 3000


def test_actions_without_an_interview_are_refused_politely() -> None:
    service, _ = make_service()
    with pytest.raises(BadInput):
        service.act(CONV, Action(name="assess.skip"))


def test_feature_claims_and_routing() -> None:
    service, _ = make_service()
    feature = AssessFeature(service)
    router = Router([feature], fallback=_Fallback())
    other = CONV.model_copy(update={"thread": "222.2"})
    assert not feature.claims(Request(text="we have 5k tickets", conversation=CONV))
    replies = router.handle(Request(text="assess", conversation=CONV))
    assert isinstance(replies[0], AssessmentQuestionReply)
    assert feature.claims(Request(text="we have 5k tickets", conversation=CONV))
    assert not feature.claims(Request(text="we have 5k tickets", conversation=other))
    assert not feature.claims(Request(text="note LoRA r=8 was enough", conversation=CONV))
    assert router.handle(Request(text="skip", conversation=CONV))[0].kind == "assess_question"
    stale = router.handle(Request(conversation=other, action=Action(name="assess.back")))
    assert isinstance(stale[0], TextReply) and stale[0].tone == "warning"


class _Fallback:
    name = "fallback"
    commands: tuple[str, ...] = ()
    action_prefix = ""

    def claims(self, request: Request) -> bool:
        return False

    def handle(self, request: Request, ctx: Context) -> list[Any]:
        return [TextReply(text="fallback")]


def test_an_abandoned_interview_stops_claiming_the_thread() -> None:
    service, store = make_service()
    service.start(CONV)
    state = store.load_interview(CONV.thread_key)
    assert state is not None
    state.updated_at = state.updated_at - timedelta(days=2)
    store.save_interview(state)
    assert not service.is_active(CONV.thread_key)
    assert store.load_interview(CONV.thread_key) is None


def test_the_counter_moves_on_after_a_skip() -> None:
    service, _ = make_service()
    [first] = [r for r in service.start(CONV) if isinstance(r, AssessmentQuestionReply)]
    [second] = [r for r in service.respond(CONV, "skip") if isinstance(r, AssessmentQuestionReply)]
    assert first.counter.startswith("Question 1 of up to") and second.counter.startswith("Question 2 of up to")
    assert second.answered == first.answered == 0
