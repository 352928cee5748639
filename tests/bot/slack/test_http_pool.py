"""The pooled WSGI server under `serve slack`: a burst is served at once, the pool grows past its
size instead of queueing, a silent client blocks nobody, idle threads retire, shutdown stops it."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from http.client import HTTPConnection
from typing import Any
from wsgiref.simple_server import make_server

import pytest

from bot.slack.http_pool import PooledWSGIServer
from bot.slack.server import _QuietHandler

App = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class FourThreads(PooledWSGIServer):
    workers = 4


def ok(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok ", environ["PATH_INFO"].encode()]


@pytest.fixture
def serve() -> Iterator[Callable[[App], PooledWSGIServer]]:
    started: list[tuple[PooledWSGIServer, threading.Thread]] = []

    def start(app: App) -> PooledWSGIServer:
        httpd = make_server("127.0.0.1", 0, app, FourThreads, _QuietHandler)
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        started.append((httpd, thread))
        return httpd

    yield start
    for httpd, thread in started:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def get(httpd: PooledWSGIServer, path: str, timeout: float = 10) -> tuple[int, bytes]:
    conn = HTTPConnection("127.0.0.1", httpd.server_address[1], timeout=timeout)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def pool_threads(httpd: PooledWSGIServer) -> int:
    return sum(1 for t in threading.enumerate() if t.name == f"slack-http:{httpd.server_address[1]}")


def test_a_burst_larger_than_the_pool_is_served_at_once(serve: Callable[[App], PooledWSGIServer]) -> None:
    inside = threading.Barrier(12, timeout=10)  # passes only when 12 requests run at the same time

    def all_at_once(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        inside.wait()
        return ok(environ, start_response)

    httpd = serve(all_at_once)
    with ThreadPoolExecutor(12) as senders:
        answers = list(senders.map(lambda i: get(httpd, f"/r{i}"), range(12)))
    assert answers == [(200, f"ok /r{i}".encode()) for i in range(12)]
    deadline = time.monotonic() + 10
    while pool_threads(httpd) > FourThreads.workers and time.monotonic() < deadline:
        time.sleep(0.02)
    assert pool_threads(httpd) == FourThreads.workers  # the extra threads retired after the burst


def test_silent_clients_do_not_stop_the_server_answering(serve: Callable[[App], PooledWSGIServer]) -> None:
    httpd = serve(ok)
    silent = [socket.create_connection(("127.0.0.1", httpd.server_address[1])) for _ in range(6)]
    try:
        assert get(httpd, "/after", timeout=5) == (200, b"ok /after")
    finally:
        for s in silent:
            s.close()


def test_shutdown_returns_and_stops_accepting(serve: Callable[[App], PooledWSGIServer]) -> None:
    httpd = make_server("127.0.0.1", 0, ok, FourThreads, _QuietHandler)
    serving = threading.Thread(target=httpd.serve_forever, daemon=True)
    serving.start()
    assert get(httpd, "/x") == (200, b"ok /x")
    httpd.shutdown()
    serving.join(timeout=5)
    assert not serving.is_alive()
    assert pool_threads(httpd) == 0
    httpd.server_close()
    with pytest.raises(OSError):
        get(httpd, "/y", timeout=2)
