"""Assessment storage on SQLite and PostgreSQL: an interview survives a restart (new engine, same file), and
finished assessments are listed newest first, per channel."""

from __future__ import annotations

from datetime import timedelta

from bot.storage.assessments import SqlAssessmentStore
from bot.storage.conversations import SqlConversationStore
from bot.storage.db import Database, utcnow
from handlers.assess.extract import RuleExtractor
from handlers.assess.models import AssessmentQuestionReply, AssessmentRecord, AssessmentResultReply
from handlers.assess.service import Assessor, AssessService
from handlers.models import Conversation
from knowledge.corpus_index import shipped_corpus_index
from knowledge.rubric.model import shipped_rubric
from knowledge.rubric.prices import shipped_prices

CONV = Conversation(
    platform="teams",
    workspace="tenant",
    channel="19:abc",
    channel_type="group",
    thread="t1",
    user="u1",
    user_name="Ana",
)


def open_service(url: str) -> tuple[AssessService, Database]:
    db = Database(url)
    db.create_schema()
    rubric = shipped_rubric()
    assessor = Assessor(
        rubric=rubric, prices=shipped_prices(), corpus=shipped_corpus_index(), extractor=RuleExtractor(rubric)
    )
    return AssessService(assessor, store=SqlAssessmentStore(db), conversations=SqlConversationStore(db)), db


def test_interview_resumes_after_restart(db_url: str) -> None:
    first, db = open_service(db_url)
    q1 = first.start(CONV, "we have 5k labelled tickets")[-1]
    assert isinstance(q1, AssessmentQuestionReply)
    q2 = first.respond(CONV, "1")[-1]
    assert isinstance(q2, AssessmentQuestionReply)
    db.dispose()

    again, db2 = open_service(db_url)  # a new process: new engine, same database
    assert again.is_active(CONV.thread_key)
    resumed = again.start(CONV)[-1]  # "assess" again shows where we were
    assert isinstance(resumed, AssessmentQuestionReply) and resumed.criterion == q2.criterion
    back = again.respond(CONV, "back")[-1]
    assert isinstance(back, AssessmentQuestionReply) and back.criterion == q1.criterion  # history survived
    final = again.respond(CONV, "done")[-1]
    assert isinstance(final, AssessmentResultReply)
    assert not again.is_active(CONV.thread_key)
    [record] = again.store.recent()
    assert record.answers["labelled_examples"] == 5000 and record.user_name == "Ana"
    assert record.platform == "teams" and record.channel_type == "group"
    db2.dispose()


def _record(i: int, channel: str) -> AssessmentRecord:
    return AssessmentRecord(
        id=f"r{i}",
        platform="slack",
        workspace="T",
        channel=channel,
        channel_type="public",
        thread=str(i),
        thread_key=f"slack:T:{channel}:{i}",
        user="U",
        answers={"timeline": "days"},
        recommendation="prompt_engineering",
        confidence=0.5,
        created_at=utcnow() + timedelta(seconds=i),
    )


def test_recent_is_newest_first_and_filters_by_channel(db_url: str) -> None:
    db = Database(db_url)
    db.create_schema()
    store = SqlAssessmentStore(db)
    for i in range(5):
        store.record(_record(i, "C1" if i % 2 == 0 else "C2"))
    assert [r.id for r in store.recent(limit=3)] == ["r4", "r3", "r2"]
    assert [r.id for r in store.recent(limit=10, channel="C2")] == ["r3", "r1"]
    got = store.recent(limit=1)[0]
    assert got == _record(4, "C1").model_copy(update={"created_at": got.created_at})
    assert got.created_at.tzinfo is not None
    store.clear_interview("nothing-here")  # clearing a missing interview is fine
    db.dispose()


def test_saving_an_interview_twice_updates_it(db_url: str) -> None:
    service, db = open_service(db_url)
    service.start(CONV, "we have 5k labelled tickets")
    store = service.store
    state = store.load_interview(CONV.thread_key)
    assert state is not None
    store.save_interview(state)  # an existing row: updated, not duplicated
    store.save_interview(state)
    assert store.load_interview(CONV.thread_key) == state
    db.dispose()
