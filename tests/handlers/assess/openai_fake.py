"""A real local HTTP server speaking enough of the OpenAI chat completions API for structured
output tests: it answers with a tool call, JSON content, garbage, or not in time."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal

Mode = Literal["tool", "content", "malformed", "invalid", "slow", "error"]


@dataclass
class FakeOpenAI:
    mode: Mode = "tool"
    arguments: dict[str, Any] = field(default_factory=dict)  # what the "model" extracts
    requests: list[dict[str, Any]] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)
    base_url: str = ""


def _completion(message: dict[str, Any], finish: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 0,
        "model": "fake-model",
        "choices": [{"index": 0, "finish_reason": finish, "message": {"role": "assistant", **message}}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
    }


def _handler(fake: FakeOpenAI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # keep test output quiet
            return None

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
            fake.requests.append(body)
            if fake.mode == "slow":
                fake.release.wait(10)  # the client gives up long before
            if fake.mode == "error":
                self._send(500, {"error": {"message": "boom", "type": "server_error"}})
                return
            args = json.dumps(fake.arguments)
            if fake.mode == "malformed":
                args = '{"timeline": "days", "labelled_examples": '  # cut off mid-JSON
            if fake.mode == "invalid":
                args = json.dumps({"timeline": "whenever", "labelled_examples": -5})
            if body.get("tools"):
                name = body["tools"][0]["function"]["name"]
                call = {"id": "call_1", "type": "function", "function": {"name": name, "arguments": args}}
                payload = _completion({"content": None, "tool_calls": [call]}, "tool_calls")
            else:
                payload = _completion({"content": args}, "stop")
            self._send(200, payload)

        def _send(self, status: int, payload: dict[str, Any]) -> None:
            data = json.dumps(payload).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):  # the client timed out and left
                pass

    return Handler


@contextmanager
def fake_openai(mode: Mode = "tool", arguments: dict[str, Any] | None = None) -> Iterator[FakeOpenAI]:
    fake = FakeOpenAI(mode=mode, arguments=arguments or {})
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    server.daemon_threads = True
    server.block_on_close = False
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.base_url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    try:
        yield fake
    finally:
        fake.release.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
