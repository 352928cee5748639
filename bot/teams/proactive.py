"""Posting outside any turn (scheduled digests), with the conversation reference stored at install.

The Agents SDK continues a conversation from a `ConversationReference` plus the claims the bot
acts under: the filtered claims stored with the reference (the SDK's own proactive format), or,
when none were stored, the app's own identity (`TEAMS_APP_ID`). In anonymous mode (Agents
Playground) an empty identity makes the SDK post without a token.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from microsoft_agents.activity import ConversationReference
from microsoft_agents.hosting.core import ChannelServiceAdapter, ClaimsIdentity, TurnContext
from microsoft_agents.hosting.core.app.proactive import Conversation as ProactiveConversation

from bot.storage.teams_refs import StoredTeamsConversation
from bot.teams.cards import RenderOptions, render_all
from bot.teams.outgoing import TeamsSender


class UnknownConversation(LookupError):
    """No reference is stored for the channel: the app was never installed there (or was removed)."""


class StoredReferences(Protocol):
    def get(self, channel: str) -> StoredTeamsConversation | None: ...


class TeamsPoster:
    def __init__(
        self,
        *,
        adapter: ChannelServiceAdapter,
        references: StoredReferences,
        sender: TeamsSender | None = None,
        render_options: RenderOptions | None = None,
        app_id: str = "",
        anonymous: bool = False,
    ) -> None:
        self.adapter = adapter
        self.references = references
        self.sender = sender or TeamsSender()
        self.render_options = render_options or RenderOptions()
        self.app_id = app_id
        self.anonymous = anonymous

    def identity(self, stored: StoredTeamsConversation) -> ClaimsIdentity:
        if self.anonymous:
            return ClaimsIdentity()
        if stored.claims:
            return ProactiveConversation.identity_from_claims(stored.claims)
        return self.adapter.create_claims_identity(self.app_id)

    async def post(self, channel: str, replies: Sequence[Any]) -> list[str]:
        """Render `replies` and post them as new messages in `channel`; returns the message ids."""
        stored = self.references.get(channel)
        if stored is None:
            raise UnknownConversation(f"no Teams conversation reference stored for channel {channel!r}")
        messages = render_all(replies, self.render_options)
        if not messages:
            return []
        reference = ConversationReference.model_validate(stored.reference)
        ids: list[str] = []

        async def deliver(context: TurnContext) -> None:
            ids.extend(await self.sender.send_messages(context, messages))

        continuation = reference.get_continuation_activity()
        continuation.id = None  # a new post, not a reply to some earlier activity
        await self.adapter.continue_conversation_with_claims(self.identity(stored), continuation, deliver)
        return ids
