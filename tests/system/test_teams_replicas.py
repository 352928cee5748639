"""Two `serve teams` replicas on one PostgreSQL (see conftest): the same Teams activity delivered
to both at once, 5 times, is answered once each (one reply at the Bot Connector, inbox row done);
a replica killed with SIGKILL in the middle of a turn (its typing indicator sent, nothing answered)
has the turn answered by the other replica within 60 s, once."""

from __future__ import annotations

import contextlib
import json
import threading
import time
import urllib.request
from typing import Any

from microsoft_agents.activity import Activity

from bot.storage.db import Database
from bot.storage.inbox import SqlInbox
from bot.teams.conversation import dedupe_key
from tests.bot.teams import payloads
from tests.bot.teams.fake_connector import Posted
from tests.system.conftest import LEASE_S, Cluster, TeamsReplicas, at_once
from tests.system.test_replicas import QUESTION, wait_until


def post_activity(url: str, activity: dict[str, Any]) -> int:
    request = urllib.request.Request(
        url, data=json.dumps(activity).encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=60) as resp:
        return int(resp.status)


def post_unanswered(url: str, activity: dict[str, Any]) -> None:
    """POST an activity to a replica that will be killed before it answers."""
    with contextlib.suppress(OSError):
        post_activity(url, activity)


def busy(replica_url: str) -> int:
    with urllib.request.urlopen(replica_url.replace("/api/messages", "/healthz"), timeout=10) as resp:
        return int(json.loads(resp.read())["busy"])


def test_the_same_activity_to_both_teams_replicas_at_once_is_answered_once(
    cluster: Cluster, teams_replicas: TeamsReplicas
) -> None:
    t = teams_replicas
    activities = [payloads.personal_message(t.connector.url, f"{QUESTION} ({i})") for i in range(5)]
    for activity in activities:
        codes = at_once([p.url for p in t.replicas], lambda url, activity=activity: post_activity(url, activity))
        assert all(code in (200, 202) for code in codes) and len(codes) == 2
    inbox = SqlInbox(Database(cluster.database_url))
    keys = [dedupe_key(Activity.model_validate(a)) for a in activities]
    wait_until(lambda: all(inbox.status(k) == "done" for k in keys), 120, "all 5 activities done")
    wait_until(lambda: all(busy(p.url) == 0 for p in t.replicas), 30, "both replicas idle: nothing in flight")
    for activity in activities:
        replies = [m for m in t.connector.messages() if m.reply_to == activity["id"]]
        assert len(replies) == 1, [m.body for m in replies]


def test_a_teams_replica_killed_mid_turn_is_answered_by_the_other_once(
    cluster: Cluster, teams_replicas: TeamsReplicas
) -> None:
    t = teams_replicas
    a = t.replicas[0]
    activity = payloads.personal_message(t.connector.url, f"{QUESTION} (killed)")
    key = dedupe_key(Activity.model_validate(activity))
    # A accepts the activity and sends its typing indicator, which reaches the Connector, but A is
    # killed before the Connector's answer comes back: in the middle of its turn, nothing answered
    t.connector.stall(30)
    sending = threading.Thread(target=post_unanswered, args=(a.url, activity))
    sending.start()
    inbox = SqlInbox(Database(cluster.database_url))
    wait_until(lambda: any(p.type == "typing" and p.conversation_id == activity["conversation"]["id"]
                           for p in t.connector.posted()) and inbox.status(key) == "leased", 60,
               "A's typing indicator, the activity accepted")
    a.kill()
    killed_at = time.monotonic()
    sending.join(timeout=60)

    def replies() -> list[Posted]:
        return [m for m in t.connector.messages() if m.reply_to == activity["id"]]

    wait_until(lambda: bool(replies()), 60, "the other replica's reply")
    assert time.monotonic() - killed_at < 60
    time.sleep(LEASE_S + 2)  # past another lease: nobody answers again
    assert len(replies()) == 1 and inbox.status(key) == "done"
    a.restart()
