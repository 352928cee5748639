"""A real multi-replica deployment on loopback, as separate processes: PostgreSQL (pgserver), a
Chroma server (`chroma run`, from the chromadb wheel), two `serve slack` replicas and two `clock`
processes, all against the fake Slack Web API served over HTTP by the test process; and, for the
Teams tests (`teams_replicas`), two `serve teams` replicas (anonymous mode) on the same database,
replying to a fake Bot Connector run by the test process.

Every process gets its own data folder; they share only what production replicas share: the
database and the Chroma server. Start-up and every wait are bounded; the processes are killed at
the end (their logs are printed when a test fails, see `Cluster.logs`).
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.bot.teams.fake_connector import FakeConnector, Posted
from tests.support.database import empty_database
from tests.support.fake_slack import FakeSlack

REPO = Path(__file__).resolve().parents[2]
SECRET = "system-test-signing-secret"
TOKEN = "xoxb-system-test-token"
START_TIMEOUT_S = 300.0
LEASE_S = 15  # short enough for the SIGKILL test, long enough for a heart-beat on a loaded CI machine
SWEEP_S = 1


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def at_once(urls: Sequence[str], send: Callable[[str], int]) -> list[int]:
    """Deliver the same thing to every replica at the same moment; their status codes."""
    codes: list[int] = []
    senders = [threading.Thread(target=lambda url=url: codes.append(send(url))) for url in urls]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join()
    return codes


def wait_http(url: str, timeout: float, proc: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{url}: the process exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise TimeoutError(f"{url} not up after {timeout:.0f} s")


@dataclass
class Process:
    name: str
    proc: subprocess.Popen[bytes]
    log: Path
    url: str = ""
    args: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)

    def restart(self) -> None:
        """Start it again (after `kill`), on the same port and data folder, and wait until it serves."""
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(self.args, cwd=REPO, env=self.env, stdout=out, stderr=subprocess.STDOUT)
        wait_http(self.url.rsplit("/", 2)[0] + "/healthz", START_TIMEOUT_S, self.proc)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=30)


@dataclass
class Cluster:
    fake: FakeSlack
    database_url: str
    chroma_port: int
    env: dict[str, str]
    slack: list[Process] = field(default_factory=list)
    others: list[Process] = field(default_factory=list)

    def logs(self) -> str:
        out = []
        for p in [*self.slack, *self.others]:
            text = p.log.read_text(errors="replace") if p.log.exists() else ""
            out.append(f"--- {p.name} (exit {p.proc.poll()}) ---\n{text[-4000:]}")
        return "\n".join(out)


def _spawn(name: str, args: list[str], env: dict[str, str], folder: Path) -> Process:
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / f"{name}.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(args, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    return Process(name, proc, log, args=args, env=env)


@pytest.fixture(scope="session")
def cluster(postgres_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    root = tmp_path_factory.mktemp("system")
    empty_database(postgres_url)
    fake = FakeSlack().start()
    chroma_port = free_port()
    base_env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "TEAMS_", "OPENAI_", "FTADVISOR_"))},
        "PYTHONPATH": str(REPO),
        "DATABASE_URL": postgres_url,
        "CHROMA_HOST": "127.0.0.1",
        "CHROMA_PORT": str(chroma_port),
        "SLACK_BOT_TOKEN": TOKEN,
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": fake.api_url,
        "FTADVISOR_INBOX_LEASE": str(LEASE_S),
        "FTADVISOR_INBOX_SWEEP": str(SWEEP_S),
        "FTADVISOR_DIGEST_SWEEP": "2",
        "FTADVISOR_LOG_LEVEL": "INFO",
    }
    c = Cluster(fake, postgres_url, chroma_port, base_env)
    chroma_bin = str(Path(sys.executable).with_name("chroma"))
    chroma = _spawn(
        "chroma",
        [chroma_bin, "run", "--path", str(root / "chroma"), "--host", "127.0.0.1", "--port", str(chroma_port)],
        base_env,
        root,
    )
    c.others.append(chroma)
    try:
        wait_http(f"http://127.0.0.1:{chroma_port}/api/v2/heartbeat", 60, chroma.proc)
        for i in range(2):  # the two replicas start together: migrations and corpus indexing race
            port = free_port()
            env = {**base_env, "FTADVISOR_DATA_DIR": str(root / f"slack{i}")}
            p = _spawn(
                f"slack{i}",
                [sys.executable, "-m", "bot", "serve", "slack", "--host", "127.0.0.1", "--port", str(port)],
                env,
                root / f"slack{i}",
            )
            p.url = f"http://127.0.0.1:{port}/slack/events"
            c.slack.append(p)
        for i in range(2):
            env = {**base_env, "FTADVISOR_DATA_DIR": str(root / f"clock{i}")}
            c.others.append(_spawn(f"clock{i}", [sys.executable, "-m", "bot", "clock"], env, root / f"clock{i}"))
        for p in c.slack:
            wait_http(p.url.replace("/slack/events", "/healthz"), START_TIMEOUT_S, p.proc)
        yield c
    except BaseException:
        print(c.logs())
        raise
    finally:
        for p in [*c.slack, *c.others]:
            p.kill()
        fake.stop()


class ThreadedConnector:
    """The fake Bot Connector (tests/bot/teams) served from its own event-loop thread."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="fake-connector", daemon=True)
        self.thread.start()
        self.connector = FakeConnector()
        asyncio.run_coroutine_threadsafe(self.connector.start(), self.loop).result(timeout=30)

    @property
    def url(self) -> str:
        return self.connector.url

    def messages(self) -> list[Posted]:
        return list(self.connector.messages())

    def posted(self) -> list[Posted]:
        """Everything posted: messages and typing indicators."""
        return list(self.connector.posted)

    def stall(self, seconds: float, *, activity_type: str = "typing") -> None:
        """The next post of `activity_type` is recorded at once, but answered `seconds` later."""
        self.loop.call_soon_threadsafe(lambda: self.connector.stall(seconds, activity_type=activity_type))

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self.connector.close(), self.loop).result(timeout=30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)


@dataclass
class TeamsReplicas:
    connector: ThreadedConnector
    replicas: list[Process]


@pytest.fixture(scope="session")
def teams_replicas(cluster: Cluster, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TeamsReplicas]:
    root = tmp_path_factory.mktemp("teams")
    connector = ThreadedConnector()
    procs: list[Process] = []
    try:
        for i in range(2):
            port = free_port()
            env = {**cluster.env, "TEAMS_ANONYMOUS": "true", "FTADVISOR_DATA_DIR": str(root / f"teams{i}")}
            p = _spawn(
                f"teams{i}",
                [sys.executable, "-m", "bot", "serve", "teams", "--host", "127.0.0.1", "--port", str(port)],
                env,
                root / f"teams{i}",
            )
            p.url = f"http://127.0.0.1:{port}/api/messages"
            procs.append(p)
            cluster.others.append(p)  # its log is printed with the others' when a test fails
        for p in procs:
            wait_http(p.url.replace("/api/messages", "/healthz"), START_TIMEOUT_S, p.proc)
        yield TeamsReplicas(connector, procs)
    except BaseException:
        print(cluster.logs())
        raise
    finally:
        for p in procs:
            p.kill()
        connector.stop()
