"""Teams conversation references and remembered ingest paths, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from pathlib import Path

from bot.storage.sources import SqlSourceStore
from bot.storage.teams_refs import SqlTeamsConversationStore
from tests.support.database import migrated


def test_a_reference_is_saved_replaced_listed_and_removed(db_url: str) -> None:
    store = SqlTeamsConversationStore(migrated(db_url))
    store.save(channel="19:a", tenant_id="t", channel_type="channel", reference={"serviceUrl": "u1"}, claims={})
    store.save(
        channel="19:a", tenant_id="t", channel_type="channel", reference={"serviceUrl": "u2"}, claims={"aud": "x"}
    )
    store.save(channel="a:chat", tenant_id="t", channel_type="personal", reference={}, claims={})
    again = SqlTeamsConversationStore(migrated(db_url))  # another process
    got = again.get("19:a")
    assert got is not None and got.reference == {"serviceUrl": "u2"} and got.claims == {"aud": "x"}
    assert got.updated_at.tzinfo is not None
    assert [r.channel for r in again.list()] == ["19:a", "a:chat"]
    assert again.remove("19:a") and not again.remove("19:a")
    assert again.get("19:a") is None


def test_replicas_saving_the_same_reference_at_once_all_succeed(db_url: str) -> None:
    stores = [SqlTeamsConversationStore(migrated(db_url)) for _ in range(4)]
    errors: list[BaseException] = []
    start = threading.Barrier(len(stores))

    def save(i: int) -> None:
        start.wait()
        try:
            for n in range(5):
                stores[i].save(
                    channel="19:same", tenant_id="t", channel_type="channel", reference={"n": n, "i": i}, claims={}
                )
        except BaseException as exc:  # collected: the assertion below names it
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(i,)) for i in range(len(stores))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert [r.channel for r in stores[0].list()] == ["19:same"]


def test_sources_are_remembered_once_and_forgotten(db_url: str, tmp_path: Path) -> None:
    store = SqlSourceStore(migrated(db_url))
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    store.remember([b, a, a])
    store.remember([a])
    assert store.paths() == [a.resolve(), b.resolve()]
    store.forget(a)
    assert SqlSourceStore(migrated(db_url)).paths() == [b.resolve()]
