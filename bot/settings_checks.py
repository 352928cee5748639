"""Checks of the settings that a type alone cannot express, run at start-up by `bot.settings`.

Each function is a pydantic validator: it returns the cleaned value or raises ValueError with a
message meant for the person setting the variable (`load_settings` prefixes the variable's name).
"""

from __future__ import annotations

import json
import logging
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from handlers.links import normalize_host

LOG_LEVELS = ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG")


def split_list(value: Any) -> Any:
    """A list setting from the environment: a JSON list (`["a", "b"]`) or a comma-separated one
    (`a, b`); anything else passes through for the type check."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if not text:
        return []
    if text.startswith("["):
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"not a JSON list ({exc.msg}); write a JSON list or a comma-separated list") from None
        return parsed
    return [part.strip() for part in text.split(",") if part.strip()]


def link_hosts(value: list[str]) -> list[str]:
    """Every allowlist entry is a host name (`github.com`); normalized to what browsers compare."""
    out = []
    for entry in value:
        host = normalize_host(str(entry))
        if host is None:
            raise ValueError(f"{str(entry)[:80]!r} is not a host name (write e.g. github.com, docs.example.org)")
        out.append(host)
    return out


def database_url(value: str) -> str:
    """Empty (SQLite in the data dir) or a SQLAlchemy URL whose database kind is known."""
    if not value.strip():
        return ""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        url = make_url(value.strip())
        url.get_dialect()
    except ArgumentError:
        raise ValueError("not a database URL (e.g. postgresql+psycopg://user:pass@host/db)") from None
    except NoSuchModuleError:
        raise ValueError(
            "unknown database kind (use sqlite:///path or postgresql+psycopg://user:pass@host/db)"
        ) from None
    return value.strip()


def http_url(value: str) -> str:
    """Empty or an http(s) URL with a host."""
    text = value.strip()
    if not text:
        return ""
    from urllib.parse import urlsplit

    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("must be an http:// or https:// URL")
    return text


def time_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError("not an IANA time zone (e.g. UTC, Europe/Berlin)") from None
    return value


def log_level(value: str) -> str:
    level = value.strip().upper()
    if level not in LOG_LEVELS or not isinstance(logging.getLevelName(level), int):
        raise ValueError(f"must be one of {', '.join(LOG_LEVELS)}")
    return level
