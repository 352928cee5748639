"""`ChatModel` over any OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, llama.cpp's servers).

Every call sends the configured model, `max_tokens` and (for structured calls) a JSON-schema
`response_format`, and runs under one total deadline that cancels the HTTP request
(bot/llm/bounded_http.py). Schema-constrained output: `json_schema` (OpenAI, vLLM, llama-server)
or llama-cpp-python's `{"type": "json_object", "schema": ...}`; `auto` tries the first and falls
back to the second once if the server rejects it, then remembers what worked.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Literal, TypeVar

from bot.llm.bounded_http import Endpoint, TransportFactory, rejects_json_schema
from bot.settings import Settings
from handlers.errors import ModelError, ModelRefused
from handlers.ports import ChatMessage

log = logging.getLogger(__name__)

SchemaMode = Literal["auto", "json_schema", "json_object", "none"]
T = TypeVar("T")


class OpenAIChatModel:
    """Implements `ChatModel` (free text) and `StructuredChatModel` (JSON constrained by a schema)."""

    def __init__(
        self,
        endpoint: Endpoint,
        *,
        model: str,
        deadline_s: float,
        max_tokens: int = 512,
        temperature: float = 0.2,
        schema_mode: SchemaMode = "auto",
        answer_style: Literal["write", "quote"] = "write",
    ) -> None:
        self.endpoint = endpoint
        self.model = model
        self.deadline_s = deadline_s
        self.max_tokens = max_tokens
        self.temperature = temperature
        self.schema_mode: SchemaMode = schema_mode
        self.answer_style = answer_style
        self.last_ms: float | None = None  # duration of the last call, failed or not

    @classmethod
    def from_settings(cls, settings: Settings, *, transport: TransportFactory | None = None) -> OpenAIChatModel:
        key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
        endpoint = Endpoint(
            settings.openai_base_url or "https://api.openai.com/v1",
            api_key=key,
            timeout_s=settings.llm_timeout_s,
            max_retries=settings.llm_max_retries,
            transport=transport,
        )
        return cls(
            endpoint,
            model=settings.llm_model,
            deadline_s=settings.llm_deadline_s,
            max_tokens=settings.llm_max_tokens,
            schema_mode=settings.llm_schema_mode,
            answer_style=settings.llm_answer_style,
        )

    @property
    def supports_schema(self) -> bool:
        return self.schema_mode != "none"

    @property
    def quote_only(self) -> bool:
        return self.answer_style == "quote"

    def _deadline(self, timeout_s: float | None) -> float:
        return min(self.deadline_s, timeout_s) if timeout_s else self.deadline_s

    def _payload(
        self, messages: Sequence[ChatMessage], max_tokens: int | None, stop: Sequence[str] | None
    ) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "model": self.model,
            "messages": [{"role": m.role, "content": m.content} for m in messages],
            "max_tokens": max_tokens or self.max_tokens,
            "temperature": self.temperature,
        }
        if stop:
            payload["stop"] = list(stop)[:4]
        return payload

    def complete(
        self,
        messages: Sequence[ChatMessage],
        *,
        timeout_s: float | None = None,
        max_tokens: int | None = None,
        stop: Sequence[str] | None = None,
    ) -> str:
        """The assistant's text; `timeout_s` caps the total deadline. Raises ModelError subclasses."""
        return self._chat(self._payload(messages, max_tokens, stop), timeout_s)

    def complete_json(
        self,
        messages: Sequence[ChatMessage],
        *,
        schema: dict[str, Any],
        name: str,
        timeout_s: float | None = None,
        max_tokens: int | None = None,
    ) -> str:
        """The assistant's text, constrained to `schema` where the server supports it."""
        tries = self._schema_tries(messages, schema, name, max_tokens)
        return self._first_accepted(tries, lambda payload: self._chat(payload, timeout_s))

    def stream_json(
        self,
        messages: Sequence[ChatMessage],
        *,
        schema: dict[str, Any],
        name: str,
        timeout_s: float | None = None,
        max_tokens: int | None = None,
    ) -> Iterator[str]:
        """Like `complete_json`, streamed: text deltas as the server writes them, within the deadline."""
        ends_at = time.monotonic() + self._deadline(timeout_s)

        def opened(payload: dict[str, Any]) -> tuple[str, Iterator[str]]:
            left = max(0.05, ends_at - time.monotonic())
            deltas = self.endpoint.stream("/chat/completions", payload, deadline_s=left)
            return next(deltas, ""), deltas  # a refusal comes before any text

        first, deltas = self._first_accepted(self._schema_tries(messages, schema, name, max_tokens), opened)
        yield first
        yield from deltas

    def _schema_tries(
        self, messages: Sequence[ChatMessage], schema: dict[str, Any], name: str, max_tokens: int | None
    ) -> list[tuple[SchemaMode, dict[str, Any]]]:
        """The requests of a structured call, in the order to try them, with the mode each uses:
        `auto` tries `json_schema`, then llama-cpp-python's `json_object` + schema; a set mode, itself."""
        formats: dict[SchemaMode, dict[str, Any]] = {
            "json_schema": {"type": "json_schema", "json_schema": {"name": name, "schema": schema, "strict": False}},
            "json_object": {"type": "json_object", "schema": schema},
        }
        modes: list[SchemaMode] = ["json_schema", "json_object"] if self.schema_mode == "auto" else [self.schema_mode]
        tries = []
        for mode in modes:
            payload = self._payload(messages, max_tokens, None)
            if mode in formats:
                payload["response_format"] = formats[mode]
            tries.append((mode, payload))
        return tries

    def _first_accepted(self, tries: list[tuple[SchemaMode, dict[str, Any]]], send: Callable[[dict[str, Any]], T]) -> T:
        """`send` the tries in turn: a server that rejects `json_schema` gets the next one; under
        `auto`, the mode that worked is remembered."""
        *earlier, (last_mode, last) = tries
        for mode, payload in earlier:
            try:
                result = send(payload)
            except ModelRefused as exc:
                if not rejects_json_schema(exc):
                    raise
                log.info("%s rejects json_schema response_format (HTTP %s); trying json_object + schema",
                         self.endpoint.base_url, exc.status)
            else:
                self._learn(mode)
                return result
        result = send(last)
        self._learn(last_mode)
        return result

    def _learn(self, mode: SchemaMode) -> None:
        if self.schema_mode == "auto":
            self.schema_mode = mode

    def stream(
        self, messages: Sequence[ChatMessage], *, timeout_s: float | None = None, max_tokens: int | None = None
    ) -> Iterator[str]:
        """Text deltas as the server streams them, all within the deadline (free text)."""
        payload = self._payload(messages, max_tokens, None)
        return self.endpoint.stream("/chat/completions", payload, deadline_s=self._deadline(timeout_s))

    def _chat(self, payload: dict[str, Any], timeout_s: float | None) -> str:
        started = time.monotonic()
        try:
            body = self.endpoint.post("/chat/completions", payload, deadline_s=self._deadline(timeout_s))
        finally:
            self.last_ms = (time.monotonic() - started) * 1000
        return _content(body)


def _content(body: dict[str, Any]) -> str:
    try:
        content = body["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError):
        raise ModelError("LLM returned no message") from None
    if isinstance(content, list):
        content = "".join(part if isinstance(part, str) else str(part.get("text", "")) for part in content)
    if not isinstance(content, str):
        raise ModelError("LLM returned no text")
    return content

