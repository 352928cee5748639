"""A local stand-in for the Bot Connector service that Teams activities point at (`serviceUrl`).

It records what the bot posts (`POST /v3/conversations/{id}/activities[/{replyToId}]`), answers
with activity ids like the real service, and can be told to fail the next calls (429 with
`Retry-After`, 5xx) to exercise the bot's retries, or to answer the next post of a kind late
(`stall`: a bot killed meanwhile never sees the answer).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer


@dataclass
class Posted:
    conversation_id: str
    reply_to: str | None
    body: dict[str, Any]
    authorization: str | None
    at: float = field(default_factory=time.monotonic)

    @property
    def type(self) -> str:
        return str(self.body.get("type", ""))

    @property
    def card(self) -> dict[str, Any]:
        attachments = self.body.get("attachments") or []
        assert attachments, f"no attachment in {self.body}"
        assert attachments[0]["contentType"] == "application/vnd.microsoft.card.adaptive"
        content: dict[str, Any] = attachments[0]["content"]
        return content


class FakeConnector:
    def __init__(self) -> None:
        self.posted: list[Posted] = []
        self.failures: list[tuple[int, dict[str, str]]] = []
        self.failed: list[tuple[int, float]] = []
        self.stalls: list[tuple[str, float]] = []  # (activity type, seconds), in order
        self._ids = itertools.count(1)
        self._server: TestServer | None = None
        self._changed = asyncio.Event()

    @property
    def url(self) -> str:
        assert self._server is not None
        return str(self._server.make_url("/"))

    def fail_next(self, status: int, times: int = 1, headers: dict[str, str] | None = None) -> None:
        """Answer the next `times` message posts with `status` (and `headers`)."""
        self.failures.extend([(status, dict(headers or {}))] * times)

    def stall(self, seconds: float, *, activity_type: str = "typing") -> None:
        """The next post of `activity_type` is recorded at once, but answered `seconds` later."""
        self.stalls.append((activity_type, seconds))

    def messages(self, conversation_id: str | None = None) -> list[Posted]:
        return [
            p
            for p in self.posted
            if p.type == "message" and (conversation_id is None or p.conversation_id == conversation_id)
        ]

    async def wait_for_messages(
        self, count: int, *, timeout_s: float = 60.0, conversation_id: str | None = None
    ) -> list[Posted]:
        deadline = time.monotonic() + timeout_s
        while len(self.messages(conversation_id)) < count:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"expected {count} messages, got {[p.body for p in self.posted]}")
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), timeout=min(remaining, 0.5))
        return self.messages(conversation_id)

    async def _post(self, request: web.Request) -> web.Response:
        body = await request.json()
        if self.failures and body.get("type") == "message":  # typing indicators are best effort anyway
            status, headers = self.failures.pop(0)
            self.failed.append((status, time.monotonic()))
            return web.json_response(
                {"error": {"code": "Throttled", "message": "try later"}}, status=status, headers=headers
            )
        self.posted.append(
            Posted(
                conversation_id=request.match_info["conversation_id"],
                reply_to=request.match_info.get("activity_id"),
                body=body,
                authorization=request.headers.get("Authorization"),
            )
        )
        self._changed.set()
        stall = next((s for s in self.stalls if s[0] == body.get("type")), None)
        if stall is not None:
            self.stalls.remove(stall)
            await asyncio.sleep(stall[1])
        return web.json_response({"id": f"posted-{next(self._ids)}"})

    async def start(self) -> FakeConnector:
        app = web.Application()
        app.router.add_post("/v3/conversations/{conversation_id}/activities", self._post)
        app.router.add_post("/v3/conversations/{conversation_id}/activities/{activity_id}", self._post)
        self._server = TestServer(app, host="127.0.0.1")
        await self._server.start_server()
        return self

    async def close(self) -> None:
        if self._server is not None:
            await self._server.close()
