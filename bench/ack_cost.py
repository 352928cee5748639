"""What one Slack acknowledgement costs, counted rather than timed (load-proof A/B evidence).

    python -m bench.ack_cost [--bursts 10] [--concurrency 20] [--database-url URL] [--work]

`serve slack`'s Bolt app (a real Container, the inbox on PostgreSQL) behind the threaded WSGI server
of `bot.slack.server`, in this process; bursts of `--concurrency` signed mentions POSTed at once.
Reported per acknowledgement: CPU time of the request thread (`time.thread_time`, unaffected by
other processes), SQL statements sent by SQLAlchemy, round trips to the database (statements PostgreSQL logged with
`log_statement = all`: BEGIN, COMMIT and the pool's pings included), connections opened, and
wall-clock latency (which depends on the machine's load: compare only runs made side by side).
By default the work after each acknowledgement is not run (the turns would be CPU noise in the
same process); `--work` runs it with `serve slack`'s thread pool. Without `--database-url` a
throwaway PostgreSQL (pgserver) is started.
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Any

from pydantic import SecretStr
from sqlalchemy import event

from bench.common import emit, machine, percentiles
from bench.slack_bench import SECRET, TOKEN, ack_round, wait_answers


class DiscardingExecutor(Executor):
    """Takes the work after an acknowledgement and drops it (only the ack is measured)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        done: Future[Any] = Future()
        done.set_result(None)
        return done


class Counters:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.cpu: list[float] = []
        self.statements = 0
        self.connects = 0

    def add(self, field: str) -> None:
        with self.lock:
            setattr(self, field, getattr(self, field) + 1)


def measured(app: Callable[..., Iterable[bytes]], counters: Counters) -> Callable[..., Iterable[bytes]]:
    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        cpu0 = time.thread_time()
        out = list(app(environ, start_response))
        with counters.lock:
            counters.cpu.append(time.thread_time() - cpu0)
        return out

    return application


def statements_logged(log: Path | None) -> int:
    """Statements PostgreSQL received (each one a round trip: BEGIN, COMMIT and pings included),
    counted in its log (`log_statement = all`, set when this bench starts the server)."""
    if log is None or not log.exists():
        return 0
    with log.open(errors="replace") as f:
        return sum(1 for line in f if "LOG:  statement:" in line or "LOG:  execute" in line)


def run(database_url: str, bursts: int, concurrency: int, work: bool, log: Path | None = None) -> dict[str, Any]:
    from wsgiref.simple_server import make_server

    from bot.container import Container
    from bot.settings import Settings
    from bot.slack.app import build_app
    from bot.slack.server import PooledWSGIServer, _QuietHandler, wsgi_app
    from tests.support.fake_slack import FakeSlack

    fake = FakeSlack().start()
    with tempfile.TemporaryDirectory(prefix="ftadvisor-ack-cost-") as tmp:
        settings = Settings(
            data_dir=Path(tmp), database_url=database_url, slack_bot_token=SecretStr(TOKEN),
            slack_signing_secret=SecretStr(SECRET), slack_api_url=fake.api_url,
        )  # type: ignore[call-arg]
        c = Container(settings, chat_model=None)
        counters = Counters()
        engine = c.db.engine
        event.listen(engine, "before_cursor_execute", lambda *a: counters.add("statements"))
        event.listen(engine.pool, "connect", lambda *a: counters.add("connects"))
        app = build_app(c, executor=None if work else DiscardingExecutor())
        httpd = make_server("127.0.0.1", 0, measured(wsgi_app(app), counters), PooledWSGIServer, _QuietHandler)
        server = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
        server.start()
        url = f"http://127.0.0.1:{httpd.server_address[1]}/slack/events"
        try:
            ack_round(url, concurrency, "warm")  # the first burst opens the pool's connections
            counters.cpu.clear()
            counters.statements = counters.connects = 0
            logged0 = statements_logged(log)
            samples: list[float] = []
            for b in range(bursts):
                samples += ack_round(url, concurrency, f"B{b}")
                if work:
                    wait_answers(fake, f"CACKB{b}x", concurrency)
            n = len(samples)
            logged = statements_logged(log) - logged0
            return {
                "acks": n,
                "ack": percentiles(samples),
                "cpu_ms_per_ack": round(1000 * sum(counters.cpu) / n, 3),
                "cpu_ms_p50": round(1000 * sorted(counters.cpu)[n // 2], 3),
                "statements_per_ack": round(counters.statements / n, 2),
                "round_trips_per_ack": round(logged / n, 2) if log is not None else None,
                "connections_opened": counters.connects,
                "work": work,
            }
        finally:
            httpd.shutdown()
            httpd.server_close()
            fake.stop()
            c.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bursts", type=int, default=10)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--work", action="store_true", help="run the turns after each acknowledgement")
    args = parser.parse_args()
    if args.database_url:
        result = run(args.database_url, args.bursts, args.concurrency, args.work)
    else:
        import pgserver

        with tempfile.TemporaryDirectory(prefix="ftadvisor-ack-pg-") as tmp:
            pg = pgserver.get_server(Path(tmp), cleanup_mode="stop")
            try:
                pg.psql("ALTER SYSTEM SET log_statement = 'all';")
                pg.psql("SELECT pg_reload_conf();")
                url = pg.get_uri().replace("postgresql://", "postgresql+psycopg://", 1)
                result = run(url, args.bursts, args.concurrency, args.work, log=Path(tmp) / "log")
            finally:
                pg.cleanup()
    import os

    result = {**result, "loadavg_1m": round(os.getloadavg()[0], 2), "machine": machine()}
    human = (
        f"{result['acks']} acks | CPU {result['cpu_ms_per_ack']} ms/ack (p50 {result['cpu_ms_p50']}) | "
        f"{result['statements_per_ack']} statements, {result['round_trips_per_ack']} round trips per ack, "
        f"{result['connections_opened']} connections opened | ack p50 {result['ack']['p50_ms']} ms, "
        f"p99 {result['ack']['p99_ms']} ms | load {result['loadavg_1m']}"
    )
    emit("ack_cost", result, human)


if __name__ == "__main__":
    main()
