"""Two Slack replicas on one database, in one process, for the inbox tests: replica A is the real
Bolt app over HTTP whose death the tests stage; replica B is only the sweeper of another container
on the same database (nothing is sent to it), which takes A's work over once A's lease (1 s) expires.

"Dying" is `ProcessDied` (a BaseException nothing in the app catches, as SIGKILL) raised at a seam
of A's container: the router (`dies_mid_turn`), the inbox's lease check right before a post
(`dies_at_post`) or its `done` after posting (`dies_before_done`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.container import Container
from bot.inbox_worker import InboxSweeper
from bot.slack.app import build_app, build_client, slack_runtime
from bot.slack.inbox import inbox_sweeper
from bot.slack.server import SlackHttpServer
from bot.storage.inbox import SqlInbox
from bot.storage.schema import inbox_table
from tests.bot.slack.conftest import SlackEnv, slack_settings, wait_until
from tests.support.fake_slack import FakeSlack
from tests.support.tracking_executor import TrackingExecutor


class ProcessDied(BaseException):
    """Stands for SIGKILL: nothing in the app catches it."""


class DiesMidTurn:
    def __init__(self, features: Any = ()) -> None:
        self.features = features  # which buttons the app answers (the real router's)

    def handle(self, *args: Any, **kwargs: Any) -> Any:
        raise ProcessDied


class MortalInbox(SqlInbox):
    """The inbox of replica A: while `dies_before_done` is set, A dies right after posting; while
    `posts_left` is set, A dies at the lease check before that many more posts (0: the next one)."""

    dies_before_done = False
    posts_left: int | None = None

    def hold(self, key: str, *, owner: str, token: int) -> bool:  # the heart-beat stays SqlInbox.hold
        if self.posts_left is not None:
            self.posts_left -= 1
            if self.posts_left < 0:
                raise ProcessDied
        return super().hold(key, owner=owner, token=token)

    def done(self, key: str, *, owner: str, token: int) -> bool:
        if self.dies_before_done:
            raise ProcessDied
        return super().done(key, owner=owner, token=token)


def start_replica_a(data_dir: Path, fake: FakeSlack) -> SlackEnv:
    settings = slack_settings(data_dir, fake, inbox_lease_s=1)
    container = Container(settings, chat_model=None)
    container.__dict__["inbox"] = MortalInbox(container.db, lease=timedelta(seconds=settings.inbox_lease_s))
    container.router  # noqa: B018 - warm up like `serve slack` does
    container.retriever  # noqa: B018
    executor = TrackingExecutor()
    server = SlackHttpServer(build_app(container, executor=executor), host="127.0.0.1", port=0).start()
    return SlackEnv(fake=fake, container=container, server=server, executor=executor)


@contextmanager
def replica_b_of(a: SlackEnv) -> Iterator[InboxSweeper]:
    """A second replica on A's database: only its sweeper."""
    container = Container(a.container.settings, chat_model=None)
    assert container.replica_id != a.container.replica_id
    try:
        yield inbox_sweeper(slack_runtime(container), build_client(container.settings), every_s=60)
    finally:
        container.close()


@contextmanager
def dies(replica: SlackEnv) -> Iterator[None]:
    """The work the block hands `replica` ends with its death (checked when the block ends)."""
    yield
    with pytest.raises(AssertionError, match="ProcessDied"):
        replica.idle()


@contextmanager
def dies_mid_turn(replica: SlackEnv) -> Iterator[None]:
    """Replica `replica` dies in the middle of the turn the block hands it (after its placeholder)."""
    container = replica.container
    router = container.router
    container.__dict__["router"] = DiesMidTurn(router.features)
    try:
        with dies(replica):
            yield
    finally:
        container.__dict__["router"] = router


@contextmanager
def dies_at_post(replica: SlackEnv, posted: int = 0) -> Iterator[None]:
    """Replica `replica` dies right before its post number `posted` + 1 (after `posted` posts)."""
    inbox = mortal_inbox(replica)
    inbox.posts_left = posted
    try:
        with dies(replica):
            yield
    finally:
        inbox.posts_left = None


@contextmanager
def dies_before_done(replica: SlackEnv) -> Iterator[None]:
    """Replica `replica` posts the answer of the turn the block hands it, then dies before recording it done."""
    inbox = mortal_inbox(replica)
    inbox.dies_before_done = True
    try:
        with dies(replica):
            yield
    finally:
        inbox.dies_before_done = False


def mortal_inbox(replica: SlackEnv) -> MortalInbox:
    inbox = replica.container.inbox
    assert isinstance(inbox, MortalInbox)
    return inbox


def take_over(sweeper: InboxSweeper) -> None:
    """Sweep until the expired work was taken over and redone (A's lease is 1 s)."""
    wait_until(lambda: sweeper.sweep_once() > 0, timeout=30)


def open_work(inbox: SqlInbox, kind: str) -> list[str]:
    """The keys of `kind`'s work still leased (accepted, not done)."""
    with inbox.db.begin() as conn:
        rows = conn.execute(inbox_table.select().where(inbox_table.c.kind == kind, inbox_table.c.status == "leased"))
        return [r.key for r in rows]
