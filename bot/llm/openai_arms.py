"""Demo arms behind any OpenAI-compatible endpoint, through the `openai` package.

An OpenAI `ft:` model, a vLLM or llama.cpp server serving a LoRA adapter, Together, Fireworks...
The client (base_url, key, timeout, retries, http client) is built by the composition root and
injected; the arm sends its own model id and its prompt to the completions or chat endpoint.
Failures come back as `ArmResult.error`, never as exceptions.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from typing import Any, Literal

import openai

from handlers.demo.arms import ArmResult

log = logging.getLogger(__name__)

Endpoint = Literal["completions", "chat"]


class OpenAIArm:
    def __init__(
        self,
        name: str,
        client: openai.OpenAI,
        model: str,
        *,
        endpoint: Endpoint = "completions",
        system: str | None = None,
        timeout_s: float = 20.0,
        token_limit_param: Literal["max_tokens", "max_completion_tokens"] = "max_tokens",
    ) -> None:
        self.name = name
        self.client = client
        self.model = model
        self.endpoint = endpoint
        self.system = system
        self.timeout_s = timeout_s
        self.token_limit_param = token_limit_param

    def complete(self, prompt: str, *, max_tokens: int, stop: Sequence[str]) -> ArmResult:
        started = time.perf_counter()
        common: dict[str, Any] = {
            "model": self.model,
            "temperature": 0,
            self.token_limit_param: max_tokens,
            "timeout": self.timeout_s,
        }
        if stop:
            common["stop"] = list(stop)[:4]
        try:
            if self.endpoint == "completions":
                resp: Any = self.client.completions.create(prompt=prompt, **common)
                text = resp.choices[0].text if resp.choices else ""
            else:
                messages: list[Any] = [{"role": "system", "content": self.system}] if self.system else []
                messages.append({"role": "user", "content": prompt})
                resp = self.client.chat.completions.create(messages=messages, **common)
                text = (resp.choices[0].message.content or "") if resp.choices else ""
        except openai.APITimeoutError:
            return self._failed(started, f"timeout after {self.timeout_s:g} s")
        except openai.APIStatusError as exc:
            return self._failed(started, f"HTTP {exc.status_code} from {self.client.base_url}: {_message(exc)}")
        except openai.APIConnectionError:
            return self._failed(started, f"could not connect to {self.client.base_url}")
        except openai.OpenAIError as exc:
            return self._failed(started, f"{exc.__class__.__name__}: {exc}"[:300])
        latency = (time.perf_counter() - started) * 1000
        usage = getattr(resp, "usage", None)
        return ArmResult(
            text=text or "",
            prompt_tokens=int(getattr(usage, "prompt_tokens", 0) or 0),
            completion_tokens=int(getattr(usage, "completion_tokens", 0) or 0),
            latency_ms=latency,
        )

    def _failed(self, started: float, error: str) -> ArmResult:
        log.warning("demo arm %s (%s): %s", self.name, self.model, error)
        return ArmResult(text="", latency_ms=(time.perf_counter() - started) * 1000, error=error)


def _message(exc: openai.APIStatusError) -> str:
    body = exc.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and inner.get("message"):
            return str(inner["message"])[:200]
    return str(exc.message)[:200]
