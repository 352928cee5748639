"""An uploaded file is read in a bounded way: the body is streamed and refused as soon as it is
larger than the limit; the request carries the headers it was given."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bot.train.upload_fetch import read_capped

BODY = b"text,intent\n" + b"x,y\n" * 1000


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            return None

        def do_GET(self) -> None:
            seen.append(self.headers.get("authorization", ""))
            self.send_response(200)
            self.send_header("content-length", str(len(BODY)))
            self.end_headers()
            self.wfile.write(BODY)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/f.csv", seen
    httpd.shutdown()


def test_a_file_within_the_limit_is_read_whole_with_the_given_headers(server: tuple[str, list[str]]) -> None:
    url, seen = server
    assert read_capped(url, limit=len(BODY), headers={"Authorization": "Bearer t"}) == BODY
    assert seen == ["Bearer t"]


def test_a_file_over_the_limit_is_refused(server: tuple[str, list[str]]) -> None:
    url, _ = server
    with pytest.raises(ValueError, match="file too large"):
        read_capped(url, limit=len(BODY) - 1)
