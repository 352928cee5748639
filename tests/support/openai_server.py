"""A local HTTP server speaking the OpenAI API, with a reply queue (tests' LLM fake).

Point the production client at `server.base_url`. Each queued reply is either a string
(returned as the assistant message), a dict {"status": int, "body": ...}, or
{"delay": seconds, "content": str} to simulate a slow model. Requests are recorded. A request
with `stream: true` gets the reply as server-sent events ({"drop_after": text}: the connection
stalls after `text`, then closes).
"""

from __future__ import annotations

import json
import time
from collections import deque
from typing import Any

from tests.support.local_server import LocalServer, QuietHandler


class FakeOpenAI(LocalServer):
    def __init__(self) -> None:
        self.replies: deque[Any] = deque()
        self.requests: list[dict[str, Any]] = []
        self.default: Any = "NOT_COVERED"
        server = self

        class Handler(QuietHandler):

            def do_POST(self) -> None:
                body = json.loads(self.body() or b"{}")
                server.requests.append({"path": self.path, "body": body, "headers": dict(self.headers)})
                reply = server.replies.popleft() if server.replies else server.default
                status, payload = 200, None
                if isinstance(reply, dict) and "delay" in reply:
                    time.sleep(reply["delay"])
                    reply = reply.get("content", "")
                if body.get("stream") and not (isinstance(reply, dict) and "status" in reply):
                    self._stream(reply)
                    return
                if isinstance(reply, dict) and "status" in reply:
                    status, payload = reply["status"], reply.get("body", {"error": {"message": "fake error"}})
                elif self.path.endswith("/completions") and "chat" not in self.path:
                    payload = _completion(body, str(reply))
                else:
                    payload = _chat(body, reply)
                data = json.dumps(payload).encode() if not isinstance(payload, bytes) else payload
                try:
                    self.send_response(status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def _stream(self, reply: Any) -> None:
                """Server-sent events, a few characters per event; {"drop_after": text, "hang": s}
                sends `text`, waits `hang` seconds (a model that stalls) and closes mid-stream."""
                text = reply.get("drop_after", "") if isinstance(reply, dict) else str(reply)
                try:
                    self.send_response(200)
                    self.send_header("content-type", "text/event-stream")
                    self.end_headers()
                    for i in range(0, len(text), 8):
                        event = {"choices": [{"index": 0, "delta": {"content": text[i : i + 8]}}]}
                        self.wfile.write(f"data: {json.dumps(event)}\n\n".encode())
                        self.wfile.flush()
                        time.sleep(server.stream_pause_s)
                    if isinstance(reply, dict) and "drop_after" in reply:
                        time.sleep(float(reply.get("hang", 0)))
                    else:
                        self.wfile.write(b"data: [DONE]\n\n")
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True

        self.stream_pause_s = 0.0
        self.serve(Handler)


def _usage(prompt: str, text: str) -> dict[str, int]:
    p, c = max(1, len(prompt) // 4), max(1, len(text) // 4)
    return {"prompt_tokens": p, "completion_tokens": c, "total_tokens": p + c}


def _chat(body: dict[str, Any], reply: Any) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": reply if isinstance(reply, str) else None}
    if isinstance(reply, dict) and "tool_calls" in reply:
        message["tool_calls"] = reply["tool_calls"]
    prompt = json.dumps(body.get("messages", []))
    return {
        "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()),
        "model": body.get("model", "fake"),
        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
        "usage": _usage(prompt, message["content"] or json.dumps(message.get("tool_calls"))),
    }


def _completion(body: dict[str, Any], text: str) -> dict[str, Any]:
    return {
        "id": "cmpl-fake", "object": "text_completion", "created": int(time.time()),
        "model": body.get("model", "fake"),
        "choices": [{"index": 0, "text": text, "finish_reason": "stop", "logprobs": None}],
        "usage": _usage(str(body.get("prompt", "")), text),
    }
