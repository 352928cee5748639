"""What every Slack listener shares: the container's services plus Slack-only helpers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from slack_sdk import WebClient

from bot.slack.delivery import SlackPoster
from bot.slack.directory import SlackDirectory
from bot.slack.once import first_delivery
from handlers.models import Conversation


@dataclass
class SlackRuntime:
    container: Any  # bot.container.Container (typed loosely: its properties are built lazily)
    directory: SlackDirectory = field(default_factory=SlackDirectory)

    @property
    def router(self) -> Any:
        return self.container.router

    @property
    def allowed_hosts(self) -> tuple[str, ...]:
        return tuple(self.container.settings.link_allowlist)

    @property
    def owner(self) -> str:
        """This replica, as the owner of inbox leases."""
        return str(self.container.replica_id)

    def first_delivery(self, body: dict[str, Any]) -> bool:
        """Claim an event delivery; False for a retry of one already handled (see `once`)."""
        return first_delivery(self.container.event_receipts.claim, body)

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
