"""Slack interactions (buttons and message shortcuts) done through the inbox (`bot.storage.inbox`):
one path for every kind, the same claim, lease, fencing and idempotency as messages and commands.

An `Interaction` says, for one kind of work, which inbox key a request body has (`key`: None when
the body is not of this kind) and how the work is done (`run`, given a `Job`). The middleware in
`bot.slack.inbox` records the body under its key while Slack's request is being acknowledged; the
lazy listener (`listener`) runs the work only for the delivery that recorded it (a replay, a double
click or the same request on another replica finds the key taken), holding a heart-beaten lease;
the work calls `Job.lease.check()` right before each post, and is marked done after. If that
replica dies, another one's sweeper redoes it from the recorded body (`resume`): `Job.retry` tells
the work to look first for what an earlier attempt posted (replies tagged with the key, see
`bot.slack.replies`). A failure gives the lease back (retried by a sweep, at most the inbox's
`max_attempts` times).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient

from bot.inbox_worker import Lease, LeaseLost
from bot.slack.once import ACCEPTED
from bot.slack.replies import PostedReply, find_reply
from bot.slack.runtime import SlackRuntime
from bot.storage.inbox import InboxItem
from handlers.models import new_reference_id

log = logging.getLogger(__name__)

LOOK_BACK_S = 300  # a redo reads a channel back from this long before the work was accepted


def guarded(work: Callable[[], object], tell: Callable[[str], None], what: str) -> None:
    """Run `work`; a failure is logged with a new reference id and `tell(ref)` shows the user a
    polite line with it. A lost lease is not a failure: it goes up (another replica has the work)."""
    try:
        work()
    except LeaseLost:
        raise
    except Exception:
        ref = new_reference_id()
        log.exception("%s failed ref=%s", what, ref)
        try:
            tell(ref)
        except LeaseLost:
            raise
        except Exception:
            log.exception("could not tell the user about failure ref=%s", ref)


@dataclass(frozen=True)
class Job:
    """One interaction being worked on: the recorded request and the inbox claim it runs under."""

    rt: SlackRuntime
    body: dict[str, Any]  # the request as Slack sent it
    team: str
    client: WebClient
    lease: Lease
    retry: bool  # a redo after the replica that accepted it died: look before posting
    accepted_at: datetime

    @property
    def action(self) -> dict[str, Any]:
        """The clicked button (block_actions), or {}."""
        actions = self.body.get("actions") or [{}]
        return dict(actions[0])

    @property
    def user(self) -> str:
        return str((self.body.get("user") or {}).get("id", ""))

    @property
    def respond(self) -> Respond:
        """Private answers through the request's `response_url` (valid for 30 minutes)."""
        return Respond(response_url=self.body.get("response_url"))

    def posted(self, channel: str, thread_ts: str | None = None) -> PostedReply:
        """What an earlier attempt posted under this work's key in `thread_ts` (None: top level)."""
        since = f"{self.accepted_at.timestamp() - LOOK_BACK_S:.6f}"
        return find_reply(self.client, channel=channel, thread_ts=thread_ts, since_ts=since, key=self.lease.key)


KeyOf = Callable[[SlackRuntime, dict[str, Any]], str | None]


@dataclass(frozen=True)
class Interaction:
    """One kind of Slack interaction that goes through the inbox (`kind` names its rows)."""

    kind: str
    key: KeyOf
    run: Callable[[Job], None]


def listener(rt: SlackRuntime, interaction: Interaction) -> Callable[..., None]:
    """The lazy listener of `interaction`: only the delivery the inbox accepted does the work."""

    def handle(body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        key = interaction.key(rt, body)
        if key is None or context.get(ACCEPTED) != key:
            log.info("%s %s not accepted here: a replay, a second click or another replica's", interaction.kind, key)
            return
        item = rt.inbox.begin(key, owner=rt.owner)
        if item is None:
            log.info("%s was taken over by another replica before it started here", key)
            return
        run(rt, client, interaction, body, context.team_id or "", item)

    handle.__name__ = f"handle_{interaction.kind}"
    return handle


def resume(rt: SlackRuntime, client: WebClient, interaction: Interaction, item: InboxItem) -> None:
    """Redo an interaction whose replica died (the sweeper holds `item`'s lease)."""
    run(rt, client, interaction, dict(item.payload["body"]), str(item.payload.get("team", "")), item)


def run(
    rt: SlackRuntime, client: WebClient, interaction: Interaction, body: dict[str, Any], team: str, item: InboxItem
) -> None:
    job = Job(rt, body, team, client, Lease.of(rt.inbox, item), item.is_retry, item.created_at)
    try:
        with rt.heartbeats.holding(job.lease):
            interaction.run(job)
    except LeaseLost:
        log.info("%s was taken over by another replica: it answers", item.key)
        return
    except Exception as exc:
        ref = new_reference_id()
        log.exception("slack %s %s failed ref=%s", interaction.kind, item.key, ref)
        job.lease.fail(f"ref={ref} {type(exc).__name__}")
        return
    job.lease.done()
