"""The HTTP server under `serve slack`: pre-started threads that each accept connections themselves.

Why not `socketserver.ThreadingMixIn` (a thread started per connection by one accepting thread):
under a burst of Slack requests (20 at once) that one thread is the bottleneck. For each connection
it waits for the GIL three times - after `select`, after `accept`, and in `Thread.start()`, which
blocks until the new thread has run - and each wait may last a whole switch interval (5 ms) while
the request threads and the workers' turns hold the interpreter. Measured with the turns running
(BENCHMARKS.md, "Round 5: acknowledgement CPU and the accept loop"): most of a slow
acknowledgement was spent in the listen backlog, before the server had even accepted it.

Here `workers` threads are started once and each blocks in `accept()` on the listening socket; the
kernel hands every new connection to an idle one, so a burst is accepted at once and no request
waits for another's thread to start. Nothing is capped: when the last idle thread takes a
connection it starts one more first (as the thread-per-connection server did), and a thread that
finds `workers` others idle after its request exits, so a slow or stuck client never stops the
server from accepting. Responses are buffered and written with one `send` (wsgiref otherwise
writes the status line, each header block and the body separately: a GIL hand-off each; see
`BufferedResponses`).
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from typing import Any
from wsgiref.simple_server import WSGIServer

DEFAULT_WORKERS = 32


class PooledWSGIServer(WSGIServer):
    """A `WSGIServer` served by an elastic pool of accepting threads (see the module docstring).
    `serve_forever` blocks until `shutdown()`, as with `socketserver`."""

    workers = DEFAULT_WORKERS
    request_queue_size = 128  # the listen backlog: a burst waits here only if every thread is busy

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._lock = threading.Lock()
        self._all_done = threading.Condition(self._lock)
        self._stopping = threading.Event()
        self._idle = 0  # threads blocked in accept (or about to be)
        self._running = 0

    def serve_forever(self, poll_interval: float = 0.5) -> None:  # poll_interval: unused, nothing polls
        for _ in range(self.workers):
            self._spawn()
        with self._all_done:
            while self._running:
                self._all_done.wait()

    def shutdown(self) -> None:
        """Stop accepting, wait for the requests in flight. On Linux `shutdown` of the listening
        socket wakes every thread blocked in `accept`; elsewhere a connection to ourselves wakes one."""
        self._stopping.set()
        with contextlib.suppress(OSError):
            self.socket.shutdown(socket.SHUT_RDWR)
        while True:
            with self._all_done:
                if self._running:
                    self._all_done.wait(timeout=0.1)
                if not self._running:
                    return
            self._wake_one()

    def _wake_one(self) -> None:
        host, port = str(self.server_address[0]), int(self.server_address[1])
        with contextlib.suppress(OSError):  # refused once the socket is shut down: nobody to wake
            socket.create_connection(("127.0.0.1" if host in ("", "0.0.0.0") else host, port), timeout=0.2).close()

    def _spawn(self) -> None:
        with self._lock:
            self._running += 1
            self._idle += 1
        name = f"slack-http:{self.server_address[1]}"
        threading.Thread(target=self._serve, name=name, daemon=True).start()

    def _serve(self) -> None:
        try:
            while not self._stopping.is_set():
                try:
                    request, address = self.socket.accept()
                except OSError:
                    if not self._stopping.is_set():
                        time.sleep(0.05)  # e.g. out of file descriptors: try again shortly
                    continue
                if self._stopping.is_set():
                    request.close()  # shutdown()'s wake-up call, or a request just too late
                    break
                with self._lock:
                    self._idle -= 1
                    last = self._idle == 0
                if last:
                    self._spawn()  # never leave the socket without a thread accepting on it
                self._handle(request, address)
                with self._lock:
                    if self._idle >= self.workers:
                        return  # enough idle threads: this one retires
                    self._idle += 1
        finally:
            with self._all_done:
                self._running -= 1
                self._all_done.notify_all()

    def _handle(self, request: Any, address: Any) -> None:
        try:
            self.finish_request(request, address)
        except Exception:
            self.handle_error(request, address)
        finally:
            self.shutdown_request(request)


class BufferedResponses:
    """Mixin for a `StreamRequestHandler`: the response is written to the socket once, when the
    request is finished, instead of once per `write` (status line, headers, body)."""

    wbufsize = -1  # io.DEFAULT_BUFFER_SIZE; StreamRequestHandler.finish() flushes it
