"""`ChatModel` over any OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, llama.cpp server)
through langchain-openai's `ChatOpenAI`, with an explicit timeout, retries and a hard deadline."""

from __future__ import annotations

import concurrent.futures as cf
import logging
from collections.abc import Sequence
from typing import Any

import httpx
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_openai import ChatOpenAI

from bot.settings import Settings
from handlers.errors import ModelError, ModelTimeout
from handlers.ports import ChatMessage

log = logging.getLogger(__name__)

_POOL = cf.ThreadPoolExecutor(max_workers=4, thread_name_prefix="llm")


def _to_lc(messages: Sequence[ChatMessage]) -> list[BaseMessage]:
    kinds: dict[str, Any] = {"system": SystemMessage, "user": HumanMessage, "assistant": AIMessage}
    return [kinds[m.role](content=m.content) for m in messages]


class OpenAIChatModel:
    def __init__(self, llm: ChatOpenAI, *, deadline_s: float) -> None:
        self.llm = llm
        self.deadline_s = deadline_s

    @classmethod
    def from_settings(cls, settings: Settings, *, http_client: httpx.Client | None = None) -> OpenAIChatModel:
        return cls(build_chat_openai(settings, http_client=http_client), deadline_s=settings.llm_deadline_s)

    def complete(self, messages: Sequence[ChatMessage], *, timeout_s: float) -> str:
        future = _POOL.submit(self._invoke, _to_lc(messages), timeout_s)
        try:
            return future.result(timeout=min(self.deadline_s, timeout_s * (1 + (self.llm.max_retries or 0)) + 1))
        except cf.TimeoutError:
            future.cancel()
            raise ModelTimeout("LLM deadline exceeded") from None

    def _invoke(self, messages: list[BaseMessage], timeout_s: float) -> str:
        try:
            result = self.llm.bind(timeout=timeout_s).invoke(messages)
        except Exception as exc:  # the SDK raises many types; all mean "no usable answer"
            if "timeout" in type(exc).__name__.lower() or "timed out" in str(exc).lower():
                raise ModelTimeout(f"LLM timeout: {type(exc).__name__}") from exc
            raise ModelError(f"LLM call failed: {type(exc).__name__}") from exc
        content = result.content
        if isinstance(content, list):
            content = "".join(part if isinstance(part, str) else str(part.get("text", "")) for part in content)
        if not isinstance(content, str):
            raise ModelError("LLM returned no text")
        return content


def build_chat_openai(settings: Settings, *, http_client: httpx.Client | None = None) -> ChatOpenAI:
    """The one place a ChatOpenAI is built (answers, assessment extraction)."""
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else "not-needed"
    kwargs: dict[str, Any] = {
        "model": settings.llm_model,
        "api_key": key,
        "timeout": settings.llm_timeout_s,
        "max_retries": settings.llm_max_retries,
        "temperature": 0.2,
    }
    if settings.openai_base_url:
        kwargs["base_url"] = settings.openai_base_url
    if http_client is not None:
        kwargs["http_client"] = http_client
    return ChatOpenAI(**kwargs)
