"""Demo arms behind any OpenAI-compatible endpoint (bot/llm/bounded_http.py).

An OpenAI `ft:` model, a vLLM or llama.cpp server serving a LoRA adapter, Together, Fireworks...
The endpoint (base_url, key, per-read timeout, retries) is built by the composition root and
injected; the arm sends its own model id, its prompt and `max_tokens` to the completions or chat
endpoint, under one total deadline (`timeout_s`) that cancels the request.

Chat arms get no stop sequence (a newline stop cut chat replies down to an echo of the prompt's
first line) and, when the pack's output schema is given, a JSON-schema `response_format`
(`json_schema`, or llama-cpp-python's `json_object` + schema; `auto` tries the first, then the
second). Failures come back as `ArmResult.error`, never as exceptions.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from typing import Any, Literal

from bot.llm.bounded_http import Endpoint, rejects_json_schema
from handlers.demo.arms import ArmResult
from handlers.errors import ModelError, ModelRefused, ModelTimeout, ModelUnreachable

log = logging.getLogger(__name__)

ApiKind = Literal["completions", "chat"]
SchemaMode = Literal["auto", "json_schema", "json_object", "none"]
CHAT_MIN_TOKENS = 64


class OpenAIArm:
    def __init__(
        self,
        name: str,
        endpoint: Endpoint,
        model: str,
        *,
        api: ApiKind = "completions",
        system: str | None = None,
        timeout_s: float = 20.0,
        token_limit_param: Literal["max_tokens", "max_completion_tokens"] = "max_tokens",
        schema: dict[str, Any] | None = None,
        schema_mode: SchemaMode = "auto",
        max_tokens: int | None = None,
    ) -> None:
        self.name = name
        self.endpoint = endpoint
        self.model = model
        self.api = api
        self.system = system
        self.timeout_s = timeout_s
        self.token_limit_param = token_limit_param
        self.schema = schema
        self.schema_mode: SchemaMode = schema_mode if schema is not None else "none"
        self.max_tokens = max_tokens  # overrides the pack's budget (sized for its own model's tokenizer)

    def complete(self, prompt: str, *, max_tokens: int, stop: Sequence[str]) -> ArmResult:
        started = time.perf_counter()
        if self.max_tokens:
            max_tokens = self.max_tokens
        elif self.api == "chat":
            max_tokens = max(max_tokens, CHAT_MIN_TOKENS)  # chat models space their JSON out: never cut it
        common: dict[str, Any] = {"model": self.model, "temperature": 0, self.token_limit_param: max_tokens}
        if self.token_limit_param != "max_tokens":
            common["max_tokens"] = max_tokens  # servers that ignore the newer name still stop
        try:
            if self.api == "completions":
                if stop:
                    common["stop"] = list(stop)[:4]
                body = self.endpoint.post("/completions", {**common, "prompt": prompt}, deadline_s=self.timeout_s)
                text = _first_choice(body).get("text") or ""
            else:
                body = self._chat(common, prompt)
                text = (_first_choice(body).get("message") or {}).get("content") or ""
        except ModelTimeout:
            return self._failed(started, f"timeout after {self.timeout_s:g} s")
        except ModelRefused as exc:
            return self._failed(started, str(exc)[:300])
        except ModelUnreachable:
            return self._failed(started, f"could not connect to {self.endpoint.base_url}")
        except ModelError as exc:
            return self._failed(started, str(exc)[:300])
        usage = body.get("usage") or {}
        return ArmResult(
            text=str(text),
            prompt_tokens=int(usage.get("prompt_tokens") or 0),
            completion_tokens=int(usage.get("completion_tokens") or 0),
            latency_ms=(time.perf_counter() - started) * 1000,
        )

    def _chat(self, common: dict[str, Any], prompt: str) -> dict[str, Any]:
        messages: list[dict[str, str]] = [{"role": "system", "content": self.system}] if self.system else []
        messages.append({"role": "user", "content": prompt})
        payload = {**common, "messages": messages}
        ends_at = time.monotonic() + self.timeout_s
        if self.schema is not None and self.schema_mode in ("auto", "json_schema"):
            fmt = {"type": "json_schema", "json_schema": {"name": "label", "schema": self.schema, "strict": True}}
            try:
                body = self.endpoint.post("/chat/completions", {**payload, "response_format": fmt},
                                          deadline_s=self.timeout_s)
            except ModelRefused as exc:
                if self.schema_mode != "auto" or not rejects_json_schema(exc):
                    raise
                self.schema_mode = "json_object"
            else:
                self.schema_mode = "json_schema"
                return body
        if self.schema is not None and self.schema_mode == "json_object":
            payload["response_format"] = {"type": "json_object", "schema": self.schema}
        return self.endpoint.post("/chat/completions", payload, deadline_s=max(0.05, ends_at - time.monotonic()))

    def _failed(self, started: float, error: str) -> ArmResult:
        log.warning("demo arm %s (%s): %s", self.name, self.model, error)
        return ArmResult(text="", latency_ms=(time.perf_counter() - started) * 1000, error=error)


def _first_choice(body: dict[str, Any]) -> dict[str, Any]:
    choices = body.get("choices")
    if isinstance(choices, list) and choices and isinstance(choices[0], dict):
        return choices[0]
    raise ModelError("the server's reply has no choices")
