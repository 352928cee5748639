"""Keeps Teams secrets out of the logs, at every level: the app password (client secret) and any
bearer token / JWT a library might print are replaced by `[redacted]` on every root handler."""

from __future__ import annotations

import logging
import re

from bot.settings import Settings

_JWT = re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*")
_BEARER = re.compile(r"(?i)\bbearer\s+[A-Za-z0-9._~+/=-]{12,}")


class RedactTeamsSecrets(logging.Filter):
    def __init__(self, secrets: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if len(s) >= 6)

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "[redacted]")
        text = _BEARER.sub("Bearer [redacted]", text)
        return _JWT.sub("[redacted]", text)

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            return True
        clean = self.redact(message)
        if clean != message:
            record.msg = clean
            record.args = None
        return True


def install_redaction(settings: Settings, logger: logging.Logger | None = None) -> RedactTeamsSecrets:
    """Add the filter to every handler of `logger` (default: root) and to the logger itself."""
    target = logger or logging.getLogger()
    password = settings.teams_app_password.get_secret_value() if settings.teams_app_password else ""
    flt = RedactTeamsSecrets((password,))
    for existing in [*target.filters, *(f for h in target.handlers for f in h.filters)]:
        if isinstance(existing, RedactTeamsSecrets):
            existing.secrets = tuple({*existing.secrets, *flt.secrets})
    for handler in target.handlers:
        if not any(isinstance(f, RedactTeamsSecrets) for f in handler.filters):
            handler.addFilter(flt)
    if not any(isinstance(f, RedactTeamsSecrets) for f in target.filters):
        target.addFilter(flt)
    return flt


TOKEN_CLIENT_LOGGER = "microsoft_agents.hosting.core.connector.client.user_token_client"
_NO_APP_ID = "App ID is not provided"


class OnceOnly(logging.Filter):
    """Lets the first record containing `text` through and drops the repeats (the SDK warns about
    the missing app id on every turn in anonymous mode: dozens of lines in a short conversation)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.seen = False

    def filter(self, record: logging.LogRecord) -> bool:
        if self.text not in record.getMessage():
            return True
        if self.seen:
            return False
        self.seen = True
        return True


def quiet_missing_app_id(logger: logging.Logger | None = None) -> OnceOnly:
    """Log the SDK's "App ID is not provided" warning once per process (anonymous mode)."""
    target = logger or logging.getLogger(TOKEN_CLIENT_LOGGER)
    for existing in target.filters:
        if isinstance(existing, OnceOnly) and existing.text == _NO_APP_ID:
            return existing
    flt = OnceOnly(_NO_APP_ID)
    target.addFilter(flt)
    return flt
