"""Serving the Bolt app: Events API over HTTP (a threaded WSGI server, `/slack/events`), or Socket Mode.

The HTTP server answers many Slack requests at once (pre-started threads that accept connections
themselves, `bot.slack.http_pool`), so acknowledgements never queue behind each other; `GET /healthz`
answers 200 for load balancers; a body that is not the JSON or form it claims to be gets 400 and
one log line.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.slack.http_pool import BufferedResponses, PooledWSGIServer

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"


class _QuietHandler(BufferedResponses, WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        log.debug("http %s", format % args)


def wsgi_app(app: App, path: str = EVENTS_PATH) -> Callable[..., Iterable[bytes]]:
    """Bolt's WSGI adapter plus a health endpoint."""
    bolt = SlackRequestHandler(app, path=path)

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") == "GET" and environ.get("PATH_INFO") == "/healthz":
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b"ok"]
        try:
            return bolt(environ, start_response)
        except (ValueError, TypeError, AttributeError, KeyError) as exc:
            # Bolt parses the body before anything else: a body that is not the JSON or form it
            # claims to be is the sender's fault (400), worth one log line and no traceback
            log.warning("rejected a malformed Slack request body (400): %s", type(exc).__name__)
            start_response("400 Bad Request", [("Content-Type", "text/plain")])
            return [b"malformed request body"]

    return application


class SlackHttpServer:
    """The Events API endpoint on host:port (port 0 = any free port)."""

    def __init__(self, app: App, *, host: str = "0.0.0.0", port: int = 3000, path: str = EVENTS_PATH) -> None:
        self.httpd = make_server(host, port, wsgi_app(app, path), PooledWSGIServer, _QuietHandler)
        self.path = path
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    @property
    def url(self) -> str:
        host = str(self.httpd.server_address[0])
        return f"http://{'127.0.0.1' if host == '0.0.0.0' else host}:{self.port}{self.path}"

    def serve_forever(self) -> None:
        log.info("Slack events endpoint listening on %s", self.url)
        self.httpd.serve_forever(poll_interval=0.2)

    def start(self) -> SlackHttpServer:
        """Serve in a background thread (tests, benchmarks)."""
        self._thread = threading.Thread(target=self.serve_forever, name="slack-http", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)


def start_socket_mode(app: App, app_token: str) -> None:
    """Connect over Socket Mode (no public URL needed) and block."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    SocketModeHandler(app, app_token).start()
