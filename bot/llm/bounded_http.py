"""HTTP calls to an OpenAI-compatible server under ONE total deadline, cancelled at it.

Why not the SDKs' timeouts: httpx's read timeout is per read, so a server that sends its headers
and then one byte every few seconds never trips it, and a call parked in a worker thread keeps
running (and keeps the process alive) after the caller gave up. Here every call runs as an
asyncio task under `asyncio.timeout(deadline)`: at the deadline the task is cancelled, which
closes its connection, and the caller gets `ModelTimeout` at once. Nothing outlives the deadline.

Failures are classified by their real cause (handlers.errors): `ModelTimeout` (deadline or read
timeout), `ModelUnreachable` (no connection), `ModelRefused` (an HTTP error status); retries
(connection errors, 429 and 5xx) happen only inside the deadline.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any, TypeVar

import httpx

from handlers.errors import ModelError, ModelRefused, ModelTimeout, ModelUnreachable

T = TypeVar("T")
TransportFactory = Callable[[], httpx.AsyncBaseTransport]
_RETRY_STATUS = {408, 429, 500, 502, 503, 504}


def run_bounded(make: Callable[[], Awaitable[T]], deadline_s: float) -> T:
    """Run `make()` to completion or cancel it at `deadline_s` (raising ModelTimeout).

    Runs on a fresh event loop in the calling thread (so nothing is left running afterwards);
    from inside a running loop it uses a short-lived daemon thread instead."""

    async def bounded() -> T:
        try:
            async with asyncio.timeout(max(0.001, deadline_s)):
                return await make()
        except TimeoutError:
            raise ModelTimeout(f"no answer within the {deadline_s:g} s deadline") from None

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(bounded())
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = asyncio.run(bounded())
        except BaseException as exc:  # handed to the caller below
            box["error"] = exc

    worker = threading.Thread(target=run, name="llm-bounded", daemon=True)
    worker.start()
    worker.join(deadline_s + 1.0)
    if "error" in box:
        raise box["error"]
    if "value" not in box:
        raise ModelTimeout(f"no answer within the {deadline_s:g} s deadline")
    return box["value"]


class Endpoint:
    """One OpenAI-compatible server: base URL, key, per-read timeout and retries."""

    def __init__(
        self,
        base_url: str,
        *,
        api_key: str | None = None,
        timeout_s: float = 20.0,
        max_retries: int = 1,
        transport: TransportFactory | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.timeout_s = timeout_s
        self.max_retries = max_retries
        self._transport = transport

    def _client(self) -> httpx.AsyncClient:
        headers = {"content-type": "application/json"}
        if self.api_key:
            headers["authorization"] = f"Bearer {self.api_key}"
        return httpx.AsyncClient(
            base_url=self.base_url,
            headers=headers,
            timeout=httpx.Timeout(self.timeout_s, connect=min(self.timeout_s, 10.0)),
            transport=self._transport() if self._transport else None,
            trust_env=False,
        )

    def post(self, path: str, payload: dict[str, Any], *, deadline_s: float) -> dict[str, Any]:
        """POST `payload` and return the JSON body, all within `deadline_s`."""
        return run_bounded(lambda: self._post(path, payload), deadline_s)

    async def _post(self, path: str, payload: dict[str, Any]) -> dict[str, Any]:
        async with self._client() as client:
            for attempt in range(self.max_retries + 1):
                last = attempt == self.max_retries
                try:
                    response = await client.post(path, json=payload)
                except httpx.TimeoutException as exc:
                    raise ModelTimeout(f"{type(exc).__name__} from {self.base_url}") from None
                except httpx.TransportError as exc:
                    if last:
                        raise ModelUnreachable(f"cannot reach {self.base_url}: {type(exc).__name__}") from None
                    await asyncio.sleep(0.2 * (attempt + 1))
                    continue
                if response.status_code in _RETRY_STATUS and not last:
                    await asyncio.sleep(0.2 * (attempt + 1))
                    continue
                return _json_body(response, self.base_url)
        raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises

    def stream(self, path: str, payload: dict[str, Any], *, deadline_s: float) -> Iterator[str]:
        """POST with `stream: true` and yield the text deltas of the server-sent events.

        The stream runs on a daemon thread's event loop; the caller's iterator waits for each
        delta only until the deadline, then cancels the request and raises ModelTimeout."""
        return _StreamPump(lambda: self._deltas(path, {**payload, "stream": True}), deadline_s).run()

    async def _deltas(self, path: str, payload: dict[str, Any]) -> AsyncIterator[str]:
        async with self._client() as client:
            try:
                async with client.stream("POST", path, json=payload) as response:
                    if response.status_code >= 400:
                        await response.aread()
                        _json_body(response, self.base_url)  # raises ModelRefused
                    async for line in response.aiter_lines():
                        delta = _sse_delta(line)
                        if delta is None:
                            break
                        if delta:
                            yield delta
            except httpx.TimeoutException as exc:
                raise ModelTimeout(f"{type(exc).__name__} from {self.base_url}") from None
            except httpx.TransportError as exc:
                raise ModelUnreachable(f"cannot reach {self.base_url}: {type(exc).__name__}") from None


def rejects_json_schema(exc: ModelRefused) -> bool:
    """Whether an error means "this server does not take a json_schema response_format"
    (llama-cpp-python's server answers its validation error with HTTP 500)."""
    return exc.status in (400, 422) or (exc.status == 500 and "response_format" in str(exc))


def _json_body(response: httpx.Response, base_url: str) -> dict[str, Any]:
    if response.status_code >= 400:
        raise ModelRefused(
            f"HTTP {response.status_code} from {base_url}: {_error_message(response)}", status=response.status_code
        )
    try:
        body = response.json()
    except ValueError:
        raise ModelError(f"{base_url} answered with something that is not JSON") from None
    if not isinstance(body, dict):
        raise ModelError(f"{base_url} answered with JSON that is not an object")
    return body


def _error_message(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:200]
    inner = body.get("error", body) if isinstance(body, dict) else body
    if isinstance(inner, dict) and inner.get("message"):
        return str(inner["message"])[:200]
    return str(inner)[:200]


def _sse_delta(line: str) -> str | None:
    """The text of one server-sent event line ('' for none); None at `data: [DONE]`."""
    if not line.startswith("data:"):
        return ""
    data = line[5:].strip()
    if data == "[DONE]":
        return None
    try:
        event = json.loads(data)
        choice = event["choices"][0]
    except (ValueError, KeyError, IndexError, TypeError):
        return ""
    delta = choice.get("delta") or {}
    text = delta.get("content") if isinstance(delta, dict) else None
    if text is None:
        text = choice.get("text")
    return text if isinstance(text, str) else ""


class _StreamPump:
    """Runs an async generator on a daemon thread; hands its items over under one deadline."""

    _END = object()

    def __init__(self, make: Callable[[], AsyncIterator[str]], deadline_s: float) -> None:
        self.make = make
        self.deadline_s = deadline_s
        self.items: list[object] = []
        self.cond = threading.Condition()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.task: asyncio.Task[None] | None = None

    def run(self) -> Iterator[str]:
        ends_at = time.monotonic() + self.deadline_s
        threading.Thread(target=self._thread, name="llm-stream", daemon=True).start()
        try:
            while True:
                with self.cond:
                    while not self.items:
                        left = ends_at - time.monotonic()
                        if left <= 0:
                            raise ModelTimeout(f"stream not finished within the {self.deadline_s:g} s deadline")
                        self.cond.wait(left)
                    item = self.items.pop(0)
                if item is self._END:
                    return
                if isinstance(item, BaseException):
                    raise item
                assert isinstance(item, str)
                yield item
        finally:
            self._cancel()

    def _push(self, item: object) -> None:
        with self.cond:
            self.items.append(item)
            self.cond.notify()

    def _thread(self) -> None:
        async def pump() -> None:
            self.task = asyncio.current_task()
            try:
                async with asyncio.timeout(self.deadline_s + 1.0):  # even if nobody reads any more
                    async for delta in self.make():
                        self._push(delta)
                self._push(self._END)
            except (asyncio.CancelledError, TimeoutError):
                self._push(self._END)
            except BaseException as exc:
                self._push(exc)

        self.loop = asyncio.new_event_loop()
        try:
            self.loop.run_until_complete(pump())
            self.loop.run_until_complete(self.loop.shutdown_asyncgens())
        finally:
            self.loop.close()

    def _cancel(self) -> None:
        loop, task = self.loop, self.task
        if loop is not None and task is not None and not task.done():
            with contextlib.suppress(RuntimeError):  # the loop already closed
                loop.call_soon_threadsafe(task.cancel)
