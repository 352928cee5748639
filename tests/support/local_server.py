"""The part every fake HTTP API of the tests shares: a threaded server on 127.0.0.1 (a free port,
daemon threads), its base URL, start/stop (also as a context manager), and a quiet request handler."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self


class QuietHandler(BaseHTTPRequestHandler):
    """A request handler that keeps the test output clean (no access log) and reads request bodies."""

    def log_message(self, *args: object) -> None:
        return None

    def body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("content-length") or 0))


class LocalServer:
    """Base of a fake server: `serve(Handler)` in `__init__`, then `with server: ...` (or start/stop)."""

    url_path = "/v1"  # what `base_url` adds after host and port (OpenAI-style APIs live under /v1)
    httpd: ThreadingHTTPServer
    thread: threading.Thread

    def serve(self, handler: type[BaseHTTPRequestHandler]) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{self.url_path}"

    def start(self) -> Self:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
