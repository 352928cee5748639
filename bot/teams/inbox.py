"""Teams activities go through the inbox (`bot.storage.inbox`): recorded before Teams gets its
answer to the POST, worked on by the replica that accepted them under a heart-beaten lease, marked
done after the reply was posted, and taken over by any replica when that lease runs out.

- **accept** (in the request, before the SDK answers Teams): one row per activity, keyed
  `teams:<conversation>:<activity id>` like the receipts were, so Teams' redelivery of a slow
  activity and the same activity delivered to two replicas are accepted once. The row keeps the
  activity and the filtered claims of the caller (what a proactive continuation needs).
- **the worker** (`TeamsBot._work`) begins the claim, checks it (`Lease.check`) right before
  posting, and marks it done after posting: a replica whose lease was taken over posts nothing.
- **the sweeper** (`start_teams_sweeper`, run by `serve teams`) takes over expired work and redoes it
  on the server's event loop (`TeamsBot.resume`).

Idempotency of the reply: the Bot Connector takes no idempotency key and a bot cannot read a
Teams conversation back, so there is no reply to look up as in Slack. The record is the inbox row:
checked (fenced) right before sending, marked done right after. A redo therefore posts again only
when a replica died between the Connector accepting the reply and that one commit (milliseconds),
where Slack finds its tagged reply; this is stated in README "Scaling".
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from microsoft_agents.activity import Activity
from microsoft_agents.hosting.core import ClaimsIdentity
from microsoft_agents.hosting.core.app.proactive import Conversation as ProactiveConversation

from bot.inbox_worker import Heartbeats, InboxSweeper, Lease
from bot.storage.inbox import InboxItem, SqlInbox
from bot.teams.conversation import dedupe_key

if TYPE_CHECKING:
    from bot.container import Container
    from bot.teams.app import Teams

log = logging.getLogger(__name__)

ACTIVITY_KIND = "teams_activity"
REDO_TIMEOUT_S = 600.0


@dataclass
class Claim:
    """The claim one piece of Teams work runs under (`lease` None: no inbox, nothing to check)."""

    lease: Lease | None = None
    heartbeats: Heartbeats | None = None

    def holding(self) -> AbstractContextManager[None]:
        """Heart-beats while the work runs."""
        if self.lease is None or self.heartbeats is None:
            return nullcontext()
        return self.heartbeats.holding(self.lease)

    async def may_post(self) -> bool:
        """Right before posting: whether this claim still holds the work (fencing)."""
        if self.lease is None or await asyncio.to_thread(self.lease.holds):
            return True
        log.warning("teams activity %s was taken over by another replica: posting nothing", self.lease.key)
        return False

    async def done(self) -> None:
        if self.lease is not None:
            await asyncio.to_thread(self.lease.done)


class ActivityInbox(Protocol):
    """How `TeamsBot` records, claims and settles the activities it works on."""

    async def first_delivery(self, activity: Activity, identity: ClaimsIdentity | None) -> bool: ...

    async def claim(self, activity_id: str | None, lease: Lease | None = None) -> Claim | None: ...

    async def settle(self, activity_id: str | None) -> None: ...


class Receipts(Protocol):
    def claim(self, key: str) -> bool: ...


@dataclass
class ReceiptsOnly:
    """No inbox (a bot built without one, in tests): redeliveries are stopped by the event
    receipts, and the work is not recorded (lost if the process dies)."""

    receipts: Receipts

    async def first_delivery(self, activity: Activity, identity: ClaimsIdentity | None) -> bool:
        first = await asyncio.to_thread(self.receipts.claim, dedupe_key(activity))
        if not first:
            log.info("teams activity redelivered, ignored: %s", activity.id)
        return first

    async def claim(self, activity_id: str | None, lease: Lease | None = None) -> Claim | None:
        return Claim(lease)

    async def settle(self, activity_id: str | None) -> None:
        return None


@dataclass
class TeamsInbox:
    """The inbox as the Teams surface uses it (this replica is `owner`)."""

    inbox: SqlInbox
    heartbeats: Heartbeats
    owner: str
    accepted: dict[str, str] = field(default_factory=dict)  # activity id -> key, from the ack to the work

    async def first_delivery(self, activity: Activity, identity: ClaimsIdentity | None) -> bool:
        """Accept `activity` (in the request, before Teams gets its answer); False for a redelivery."""
        key = await asyncio.to_thread(self.accept, activity, identity)
        if key is None:
            log.info("teams activity already accepted, ignored: %s", activity.id)
            return False
        self.accepted[activity.id or ""] = key
        return True

    async def claim(self, activity_id: str | None, lease: Lease | None = None) -> Claim | None:
        """The claim to work under: `lease` (work taken over), else the begun claim of the activity
        this replica accepted; None when that was taken over before it started here."""
        if lease is not None:
            return Claim(lease, self.heartbeats)
        key = self.accepted.pop(activity_id or "", None)
        if key is None:
            return Claim()
        begun = await asyncio.to_thread(self.begin, key)
        if begun is None:
            log.info("teams activity %s was taken over before it started here", key)
            return None
        return Claim(begun, self.heartbeats)

    async def settle(self, activity_id: str | None) -> None:
        """Work answered within its own turn (a thumbs button): done."""
        claim = await self.claim(activity_id)
        if claim is not None:
            await claim.done()

    def accept(self, activity: Activity, identity: ClaimsIdentity | None) -> str | None:
        """Record `activity`; its key, or None when it was already accepted (a redelivery, or the
        same activity on another replica)."""
        key = dedupe_key(activity)
        claims = ProactiveConversation.claims_from_identity(identity) if identity else {}
        payload = {"activity": activity.model_dump(mode="json", by_alias=True, exclude_none=True), "claims": claims}
        return key if self.inbox.accept(key, ACTIVITY_KIND, payload, owner=self.owner) else None

    def begin(self, key: str) -> Lease | None:
        """The lease on work this replica accepted; None when it was taken over meanwhile."""
        item = self.inbox.begin(key, owner=self.owner)
        return Lease.of(self.inbox, item) if item is not None else None



def activity_of(item: InboxItem) -> Activity:
    return Activity.model_validate(item.payload["activity"])


def identity_of(item: InboxItem) -> ClaimsIdentity:
    claims = item.payload.get("claims") or {}
    return ProactiveConversation.identity_from_claims(dict(claims))


def teams_inbox(container: Container) -> TeamsInbox:
    return TeamsInbox(container.inbox, container.inbox_heartbeats, container.replica_id)


def teams_sweeper(
    teams: Teams, inbox: SqlInbox, owner: str, loop: asyncio.AbstractEventLoop, *, every_s: float
) -> InboxSweeper:
    """A sweeper (not started) that redoes Teams activities whose replica died, on the server's loop
    `loop` (the sweeper's thread waits for each redo)."""
    bot = teams.bot

    def redo(item: InboxItem) -> None:
        coro = bot.resume(teams.adapter, activity_of(item), identity_of(item), Lease.of(inbox, item))
        asyncio.run_coroutine_threadsafe(coro, loop).result(timeout=REDO_TIMEOUT_S)

    return InboxSweeper(inbox, owner, {ACTIVITY_KIND: redo}, every_s=every_s)


def start_teams_sweeper(teams: Teams, container: Container, loop: asyncio.AbstractEventLoop) -> InboxSweeper:
    """This replica's sweeper (`serve teams`)."""
    every_s = container.settings.inbox_sweep_s
    return teams_sweeper(teams, container.inbox, container.replica_id, loop, every_s=every_s).start()
