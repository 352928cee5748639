"""A hostile 'OpenAI-compatible' server on 127.0.0.1: it answers every POST with 200 and its
headers at once, then sends one byte (a space, valid JSON whitespace) every `interval_s`
seconds, for ever. Per-read timeouts never fire; only a total deadline that closes the
connection ends a call. It records how many requests are still being served (`open`), so a
test can check that the client really hung up."""

from __future__ import annotations

import socket
import threading
import time

from tests.support.local_server import LocalServer, QuietHandler


class DrippingServer(LocalServer):
    def __init__(self, interval_s: float = 3.0) -> None:
        self.interval_s = interval_s
        self.open = 0
        self.served = 0
        self.lock = threading.Lock()
        server = self

        class Handler(QuietHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                self.body()
                with server.lock:
                    server.open += 1
                    server.served += 1
                try:
                    self.send_response(200)
                    self.send_header("content-type", "application/json")
                    self.send_header("transfer-encoding", "chunked")
                    self.end_headers()
                    self.wfile.flush()
                    while True:
                        self.wfile.write(b"1\r\n \r\n")  # one chunk of one byte
                        self.wfile.flush()
                        time.sleep(server.interval_s)
                except (BrokenPipeError, ConnectionResetError, OSError):
                    pass
                finally:
                    with server.lock:
                        server.open -= 1
                    self.close_connection = True

            def do_GET(self) -> None:
                self.do_POST()

        self.serve(Handler)

    def wait_until_closed(self, timeout_s: float) -> bool:
        """True once no request is being served any more (the client closed its connection)."""
        ends = time.monotonic() + timeout_s
        while time.monotonic() < ends:
            with self.lock:
                if self.open == 0:
                    return True
            time.sleep(0.05)
        return False


def free_port() -> int:
    """A port nothing listens on (connections to it are refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
