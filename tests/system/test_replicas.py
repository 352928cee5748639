"""What several replicas on shared engines guarantee (see conftest for the deployment):

- the same Slack event delivered to both replicas at once, 20 times: one answer each;
- a note saved through replica A is found through replica B, by vector (Chroma server) and by
  keyword (PostgreSQL full-text search), within 2 s;
- the same slash command (`/ft-ask`, one trigger_id) delivered to both replicas at once, 5 times:
  one placeholder and one answer each;
- a due digest with two clock processes running: posted once;
- a replica killed with SIGKILL in the middle of a turn: the turn is answered by the other replica
  within 60 s, once (its placeholder replaced, nothing posted twice); the same for a slash command
  (`/ft-ask`) whose replica was killed after posting its placeholder.
"""

from __future__ import annotations

import json
import time
import uuid
from datetime import timedelta
from typing import Any

from bot.slack.once import message_key
from bot.storage.db import Database, utcnow
from bot.storage.digests import SqlSubscriptionStore
from bot.storage.inbox import SqlInbox
from handlers.digest.models import ChannelRef, Rule
from knowledge.keyword_pg import PostgresKeywordIndex
from knowledge.types import SearchScope
from tests.support import fake_slack
from tests.support.fake_slack import BOT_USER_ID, TEAM_ID, Call, FakeSlack
from tests.system.conftest import LEASE_S, SECRET, Cluster, at_once

QUESTION = "When should we fine-tune instead of using RAG?"


def wait_until(predicate: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout} s: {what}")
        time.sleep(0.05)


def mention(ts: str, channel: str, text: str = QUESTION) -> dict[str, Any]:
    return {
        "type": "app_mention", "user": "U0001", "text": f"<@{BOT_USER_ID}> {text}", "ts": ts,
        "channel": channel, "event_ts": ts,
    }


def new_ts() -> str:
    return f"{int(time.time())}.{uuid.uuid4().int % 1_000_000:06d}"


def answers(fake: FakeSlack, channel: str, thread: str) -> list[Call]:
    """The answers (part 0 of a tagged reply) posted in a thread."""
    key = message_key(channel, thread)

    def is_answer(c: Call) -> bool:
        payload = (c.params.get("metadata") or {}).get("event_payload") or {}
        return c.params.get("channel") == channel and payload == {"inbox_key": key, "part": 0}

    return [c for c in list(fake.calls) if c.method in ("chat.postMessage", "chat.update") and is_answer(c)]


def placeholders(fake: FakeSlack, channel: str, thread: str) -> list[Call]:
    return fake.calls_to("chat.postMessage", lambda c: c.params.get("channel") == channel
                         and c.params.get("thread_ts") == thread)


def test_the_same_event_to_both_replicas_at_once_is_answered_once(cluster: Cluster) -> None:
    fake = cluster.fake
    threads = [new_ts() for _ in range(20)]
    for ts in threads:
        body = mention(ts, "CSYS1")
        event_id = f"Ev{uuid.uuid4().hex[:10]}"

        def deliver(url: str, body: dict[str, Any] = body, event_id: str = event_id) -> int:
            return fake_slack.post_event(url, SECRET, body, event_id=event_id).status

        assert at_once([p.url for p in cluster.slack], deliver) == [200, 200]
    inbox = SqlInbox(Database(cluster.database_url))
    wait_until(lambda: all(inbox.status(message_key("CSYS1", ts)) == "done" for ts in threads), 120,
               "all 20 turns done")
    for ts in threads:
        assert len(answers(fake, "CSYS1", ts)) == 1
        assert len(placeholders(fake, "CSYS1", ts)) == 1  # one replica worked on it


def command_messages(fake: FakeSlack, channel: str, key: str, part: int) -> list[Call]:
    """The messages of one command's reply tagged with `part` (-1: its placeholder, 0: its answer)."""
    def tagged(c: Call) -> bool:
        payload = (c.params.get("metadata") or {}).get("event_payload") or {}
        return c.params.get("channel") == channel and payload == {"inbox_key": key, "part": part}

    return [c for c in list(fake.calls) if c.method in ("chat.postMessage", "chat.update") and tagged(c)]


def test_the_same_slash_command_to_both_replicas_at_once_is_answered_once(cluster: Cluster) -> None:
    fake = cluster.fake
    triggers = [f"{int(time.time())}.{uuid.uuid4().hex[:12]}" for _ in range(5)]
    for trigger in triggers:

        def deliver(url: str, trigger: str = trigger) -> int:
            resp = fake_slack.post_command(url, SECRET, "/ft-ask", QUESTION, channel_id="CSYS5", trigger_id=trigger)
            return resp.status

        assert at_once([p.url for p in cluster.slack], deliver) == [200, 200]
    inbox = SqlInbox(Database(cluster.database_url))
    keys = [f"slack:cmd:{t}" for t in triggers]
    wait_until(lambda: all(inbox.status(k) == "done" for k in keys), 120, "all 5 commands done")
    for key in keys:
        [placeholder] = command_messages(fake, "CSYS5", key, -1)  # one replica worked on it
        [answer] = command_messages(fake, "CSYS5", key, 0)
        assert answer.method == "chat.update" and answer.params["ts"] == placeholder.ts


def test_a_note_saved_through_one_replica_is_found_through_the_other(cluster: Cluster) -> None:
    fake = cluster.fake
    a, b = cluster.slack
    import chromadb

    from knowledge.embeddings import get_onnx_embedder
    from knowledge.index import KnowledgeIndex
    from knowledge.index_records import collection_name_for

    db = Database(cluster.database_url)
    keywords = PostgresKeywordIndex(db.engine)  # B's engines, read directly
    embedder = get_onnx_embedder()
    chroma = chromadb.HttpClient(host="127.0.0.1", port=cluster.chroma_port)
    vectors = KnowledgeIndex(chroma, embedder, collection_name_for("ftadvisor", embedder))
    word = f"zebrafish{uuid.uuid4().hex[:6]}"
    note = f"Our {word} pipeline settled on LoRA rank 8 for triage"
    probe = embedder.embed_query(note)
    scope = SearchScope(channel="CSYS2")

    responses = len(fake.calls_to("response"))
    response_url = fake.response_url(f"note-{word}")
    resp = fake_slack.post_command(a.url, SECRET, "/ft-note", note, channel_id="CSYS2", response_url=response_url)
    assert resp.status == 200
    fake.wait_for("response", count=responses + 1, timeout=60)  # A confirmed: the note is saved
    saved_at = time.monotonic()

    def left() -> float:
        return max(0.0, 2.0 - (time.monotonic() - saved_at))

    wait_until(lambda: any(word in c.text for c, _ in vectors.search(probe, 3, scope)), left(),
               "the note in the shared vector index, 2 s after A saved it")
    wait_until(lambda: bool(keywords.search(word, 3, scope)), left(),
               "the note in the shared keyword index, 2 s after A saved it")

    ts = new_ts()  # and replica B answers from it
    assert fake_slack.post_event(b.url, SECRET, mention(ts, "CSYS2", f"What did the {word} pipeline settle on?"),
                                 event_id=f"Ev{uuid.uuid4().hex[:10]}").status == 200
    wait_until(lambda: bool(answers(fake, "CSYS2", ts)), 60, "B's answer")
    [answer] = answers(fake, "CSYS2", ts)
    assert word in json.dumps(answer.params)
    db.dispose()


def test_a_due_digest_is_posted_once_with_two_clocks(cluster: Cluster) -> None:
    fake = cluster.fake
    db = Database(cluster.database_url)
    ref = ChannelRef(platform="slack", workspace=TEAM_ID, channel="CSYS3")
    SqlSubscriptionStore(db).subscribe(
        ref, Rule(cadence="daily", day=None, time="00:00", tz="UTC"), channel_type="public", created_by="U0001",
        now=utcnow() - timedelta(days=3),
    )

    def digests() -> list[Call]:
        return fake.calls_to("chat.postMessage", lambda c: c.params.get("channel") == "CSYS3"
                             and (c.params.get("metadata") or {}).get("event_type") == "ftadvisor_digest")

    wait_until(lambda: bool(digests()), 60, "the digest")
    time.sleep(6)  # three more sweeps of each clock: nothing else may be posted
    assert len(digests()) == 1
    db.dispose()


def test_a_replica_killed_mid_slash_command_is_answered_by_the_other_once(cluster: Cluster) -> None:
    fake = cluster.fake
    b = cluster.slack[1]
    trigger = f"{int(time.time())}.{uuid.uuid4().hex[:12]}"
    key = f"slack:cmd:{trigger}"
    # B's placeholder reaches Slack, but B is killed before Slack's answer comes back
    fake.stall("chat.postMessage", 30, when=lambda p: p.get("channel") == "CSYS6")
    resp = fake_slack.post_command(b.url, SECRET, "/ft-ask", QUESTION, channel_id="CSYS6", trigger_id=trigger)
    assert resp.status == 200
    fake.wait_for("chat.postMessage", lambda c: c.params.get("channel") == "CSYS6", timeout=60)
    b.kill()
    killed_at = time.monotonic()
    wait_until(lambda: bool(command_messages(fake, "CSYS6", key, 0)), 60, "the other replica's answer")
    assert time.monotonic() - killed_at < 60
    time.sleep(LEASE_S + 2)  # past another lease: nobody answers again
    [answer] = command_messages(fake, "CSYS6", key, 0)
    [placeholder] = command_messages(fake, "CSYS6", key, -1)
    assert answer.method == "chat.update" and answer.params["ts"] == placeholder.ts
    b.restart()  # the next test kills the other one


def test_a_replica_killed_mid_turn_is_answered_by_the_other_once(cluster: Cluster) -> None:
    fake = cluster.fake
    a = cluster.slack[0]
    ts = new_ts()
    # A's placeholder reaches Slack, but A is killed before Slack's answer comes back
    fake.stall("chat.postMessage", 30, when=lambda p: p.get("channel") == "CSYS4" and p.get("thread_ts") == ts)
    event_id = f"Ev{uuid.uuid4().hex[:10]}"
    assert fake_slack.post_event(a.url, SECRET, mention(ts, "CSYS4"), event_id=event_id).status == 200
    fake.wait_for("chat.postMessage", lambda c: c.params.get("thread_ts") == ts, timeout=60)
    a.kill()
    killed_at = time.monotonic()
    wait_until(lambda: bool(answers(fake, "CSYS4", ts)), 60, "the other replica's answer")
    assert time.monotonic() - killed_at < 60
    time.sleep(LEASE_S + 2)  # past another lease: nobody answers again
    [answer] = answers(fake, "CSYS4", ts)
    [placeholder] = placeholders(fake, "CSYS4", ts)
    assert answer.method == "chat.update" and answer.params["ts"] == placeholder.ts
