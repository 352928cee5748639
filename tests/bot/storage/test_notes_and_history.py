"""Notes, thread history and the question log, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from bot.storage.conversations import SqlConversationStore, SqlQuestionLog
from bot.storage.db import utcnow
from bot.storage.notes import SqlNoteStore
from tests.support.database import migrated


def test_notes_survive_restart_and_respect_visibility(db_url: str) -> None:
    first = SqlNoteStore(migrated(db_url))
    pub = first.add("public fact", author="ana", channel="C1", visibility="public", platform="slack")
    priv = first.add("private fact", author="bo", channel="C2", visibility="private", platform="slack")
    first.db.dispose()

    again = SqlNoteStore(migrated(db_url))  # a new engine on the same file: a process restart
    assert again.get(pub.id) == pub
    assert {n.id for n in again.list()} == {pub.id, priv.id}
    assert {n.id for n in again.list(channel="C1")} == {pub.id}
    assert {n.id for n in again.list(channel="C2")} == {pub.id, priv.id}
    assert again.list(since=utcnow() + timedelta(minutes=1)) == []
    assert again.delete(priv.id) and not again.delete(priv.id)


def test_a_note_saved_again_by_the_same_work_is_stored_once(db_url: str) -> None:
    """A redo of accepted work (its replica died after saving, before recording the work done)
    carries the same key: the second save returns the first note, on every database."""
    store = SqlNoteStore(migrated(db_url))
    first = store.add("r=8 was enough", author="ana", channel="C1", visibility="public", platform="slack", key="k1")
    again = SqlNoteStore(migrated(db_url)).add(  # another replica, same work
        "r=8 was enough", author="ana", channel="C1", visibility="public", platform="slack", key="k1"
    )
    other = store.add("r=8 was enough", author="ana", channel="C1", visibility="public", platform="slack", key="k2")
    unkeyed = [store.add("same text", author="bo", channel="C1", visibility="public", platform="slack") for _ in "ab"]
    assert again == first
    assert other.id != first.id and unkeyed[0].id != unkeyed[1].id
    assert sorted(n.id for n in store.list()) == sorted([first.id, other.id, *(n.id for n in unkeyed)])


def test_history_is_per_thread_and_ordered(db_url: str) -> None:
    store = SqlConversationStore(migrated(db_url))
    assert not store.has_thread("t1")
    for i in range(12):
        store.append("t1", "user" if i % 2 == 0 else "assistant", f"m{i}")
    store.append("t2", "user", "other")
    hist = store.history("t1", limit=4)
    assert [t.text for t in hist] == ["m8", "m9", "m10", "m11"]
    assert store.has_thread("t1") and store.has_thread("t2")


def test_question_log_top_and_gaps(db_url: str) -> None:
    log = SqlQuestionLog(migrated(db_url))
    for q, grounded in [("What is LoRA?", True), ("what is lora?", True), ("Weather?", False), ("PEFT?", True)]:
        log.record(thread_key="t", channel="C1", user="u", question=q, grounded=grounded)
    log.record(thread_key="t", channel="C2", user="u", question="Other channel gap", grounded=False)
    start, end = utcnow() - timedelta(hours=1), utcnow() + timedelta(hours=1)
    top = log.top_questions(channel="C1", since=start, until=end)
    assert top[0] == ("What is LoRA?", 2)
    assert log.gaps(channel="C1", since=start, until=end) == ["Weather?"]
    assert len(log.gaps(channel=None, since=start, until=end)) == 2
