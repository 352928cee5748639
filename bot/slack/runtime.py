"""What every Slack listener shares: explicit services from the composition root plus Slack-only
helpers. The router is reached through a factory so that building the app stays cheap (the
knowledge base is opened on the first request that needs it, not at import or in tests)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from slack_sdk import WebClient

from bot.slack.delivery import SlackPoster
from bot.slack.directory import SlackDirectory
from bot.slack.once import first_delivery
from handlers.models import Conversation

if TYPE_CHECKING:
    from bot.inbox_worker import Heartbeats
    from bot.slack.listeners.train import TrainDeps
    from bot.storage.conversations import SqlConversationStore
    from bot.storage.inbox import SqlInbox
    from bot.storage.receipts import SqlEventReceipts
    from handlers.home import HomeService
    from handlers.router import Router

T = TypeVar("T")


@dataclass
class SlackRuntime:
    router_factory: Callable[[], Router]
    receipts: SqlEventReceipts
    conversations: SqlConversationStore
    home: HomeService
    allowed_hosts: tuple[str, ...]
    inbox: SqlInbox
    heartbeats: Heartbeats
    owner: str  # this replica, as the owner of inbox leases
    stream_answers: bool = False  # a language model writes answers: stream them into threads
    directory: SlackDirectory = field(default_factory=SlackDirectory)
    train: TrainDeps | None = None  # `/ft-demo train` and its buttons (None: not offered)

    @property
    def router(self) -> Router:
        return self.router_factory()

    def first_delivery(self, body: dict[str, Any]) -> bool:
        """Claim an event delivery; False for a retry of one already handled (see `once`)."""
        return first_delivery(self.receipts.claim, body)

    def poster(self, client: WebClient) -> SlackPoster:
        return SlackPoster(client, self.allowed_hosts)

    def conversation(
        self,
        client: WebClient,
        *,
        team: str,
        channel: str,
        user: str,
        thread: str,
        hint: str | None = None,
    ) -> Conversation:
        """The platform-neutral Conversation of a Slack request."""
        return Conversation(
            platform="slack",
            workspace=team or "",
            channel=channel,
            channel_type=self.directory.channel_type(client, channel, hint),
            thread=thread or "",
            user=user or "",
            user_name=self.directory.user_name(client, user),
        )


def bind(fn: Callable[..., T], rt: SlackRuntime) -> Callable[..., T]:
    """`fn` with the runtime as its first argument; Bolt still sees (and injects) the other
    parameters by name, and logs the listener under `fn`'s name."""
    bound = functools.partial(fn, rt)
    bound.__name__ = fn.__name__  # type: ignore[attr-defined]
    return bound
