"""Builds the Bolt app: the Web API client (base URL from settings, retry handlers for 429 / 5xx /
connection errors), signature verification, the worker pool, then one listener module per surface.
Wiring only: the behaviour lives in the listener modules."""

from __future__ import annotations

import logging
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.settings import Settings
from bot.slack.inbox import record_accepted_work
from bot.slack.listeners import actions, assistant, commands, events, home, messages, shortcuts, train
from bot.slack.middleware import QuietRequestVerification
from bot.slack.runtime import SlackRuntime
from handlers.errors import ConfigError
from handlers.home import HomeService
from handlers.models import new_reference_id
from knowledge.rubric.model import shipped_rubric

if TYPE_CHECKING:
    from bot.container import Container

log = logging.getLogger(__name__)

MAX_RETRIES = 2
SURFACES = (assistant, events, messages, commands, actions, shortcuts, home, train)


def secret(settings: Settings, field: str, env: str) -> str:
    """A required secret setting, or a ConfigError naming its environment variable."""
    value = getattr(settings, field)
    raw = value.get_secret_value() if value is not None else ""
    if not raw:
        raise ConfigError(f"{env} is not set: it is required to run the Slack app (see README, 'Slack setup').")
    return str(raw)


def build_client(settings: Settings) -> WebClient:
    """The Web API client: `SLACK_API_URL` honoured, 429 (Retry-After), 5xx and connection errors retried."""
    return WebClient(
        token=secret(settings, "slack_bot_token", "SLACK_BOT_TOKEN"),
        base_url=settings.slack_api_url,
        retry_handlers=[
            RateLimitErrorRetryHandler(max_retry_count=MAX_RETRIES),
            ServerErrorRetryHandler(max_retry_count=MAX_RETRIES),
            ConnectionErrorRetryHandler(max_retry_count=MAX_RETRIES),
        ],
    )


def build_app(
    container: Container,
    *,
    socket_mode: bool = False,
    client: WebClient | None = None,
    executor: Executor | None = None,
) -> App:
    """The Bolt app for `container`. HTTP mode verifies every request's signature (stale timestamps
    rejected); Socket Mode needs no signing secret. `executor` runs the work after each
    acknowledgement (default: a pool of `FTADVISOR_SLACK_WORKERS` threads)."""
    settings = container.settings
    signing_secret = "" if socket_mode else secret(settings, "slack_signing_secret", "SLACK_SIGNING_SECRET")
    app = App(
        name="ft-advisor",
        client=client or build_client(settings),
        signing_secret=signing_secret,
        request_verification_enabled=False,  # replaced by the quiet variant below (same check)
        before_authorize=None if socket_mode else QuietRequestVerification(signing_secret),
        process_before_response=False,
        listener_executor=executor
        or ThreadPoolExecutor(max_workers=settings.slack_workers, thread_name_prefix="slack-work"),
    )
    rt = slack_runtime(container)
    app.use(record_accepted_work(rt))  # before the listeners (and the assistant's middleware)
    for surface in SURFACES:
        surface.register(app, rt)
    app.error(handle_error)
    return app


def slack_runtime(container: Container) -> SlackRuntime:
    """The services the Slack listeners share, from the composition root."""
    return SlackRuntime(
        router_factory=lambda: container.router,
        receipts=container.event_receipts,
        conversations=container.conversations,
        home=HomeService(assessments=container.assessments_store, notes=container.notes_store, rubric=shipped_rubric()),
        allowed_hosts=tuple(container.settings.link_allowlist),
        inbox=container.inbox,
        heartbeats=container.inbox_heartbeats,
        owner=container.replica_id,
        stream_answers=container.chat_model is not None,
        train=train.TrainDeps.of(container),
    )


def handle_error(error: Exception, body: dict[str, Any]) -> None:
    """Last resort for a listener that raised (listeners answer users themselves)."""
    log.error("unhandled Slack listener error ref=%s type=%s: %r", new_reference_id(), body.get("type"), error)
