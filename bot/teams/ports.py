"""What the Teams activity handlers need from the rest of the bot: the router, the receipts and
the store of conversation references, as Protocols so the handlers can be tested with real
storage or small fakes passed in."""

from __future__ import annotations

from typing import Any, Protocol

from handlers.models import Request
from handlers.router import Context


class RequestRouter(Protocol):
    def handle(self, request: Request, ctx: Context | None = None) -> list[Any]: ...


class Receipts(Protocol):
    def claim(self, key: str) -> bool: ...


class ReferenceStore(Protocol):
    def save(self, *, channel: str, tenant_id: str, channel_type: str, reference: dict[str, Any],
             claims: dict[str, str]) -> None: ...

    def remove(self, channel: str) -> bool: ...
