"""No traceback reaches a CLI user: whatever a command raises becomes one clear line on stderr and
a non-zero exit (2: fix your input or settings, 1: something failed), with the traceback and a
reference id in the log file.

`SafeGroup` is the click group class of the `ftadvisor` app, so the same handling applies to the
installed command, `python -m bot` and typer's test runner.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

import typer
from typer.core import TyperGroup
from typer.exceptions import Abort, Exit, TyperException

from handlers.errors import AdvisorError, BadInput, ConfigError
from handlers.models import new_reference_id

log = logging.getLogger("bot.cli")


def describe(exc: BaseException) -> tuple[str, int]:
    """(one line for the user, exit code) for an exception a command did not handle."""
    if isinstance(exc, ConfigError):
        return str(exc), 2
    if isinstance(exc, BadInput):
        return exc.user_message, 2
    if isinstance(exc, AdvisorError):
        return exc.user_message, 1
    if isinstance(exc, RecursionError):
        return "The input is nested too deeply to read (JSON or HTML nested thousands of levels).", 2
    line = _database(exc) or _slack(exc) or _index(exc)
    if line:
        return line, 1
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror}: {exc.filename}" if exc.filename else exc.strerror, 1
    return "", 1


def _first_line(exc: BaseException, limit: int = 200) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    line = text[0] if text else type(exc).__name__
    return line if len(line) <= limit else line[: limit - 1] + "\u2026"


def _database(exc: BaseException) -> str:
    module = type(exc).__module__
    if not module.startswith("sqlalchemy"):
        return ""
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

    if isinstance(exc, (ArgumentError, NoSuchModuleError)):
        return f"DATABASE_URL cannot be used: {_first_line(exc)}"
    if isinstance(exc, OperationalError) and "chroma" not in str(exc).lower():
        return (
            f"Cannot use the database ({_first_line(exc)}). Check DATABASE_URL and that the database server is "
            "running and reachable."
        )
    return ""


def _slack(exc: BaseException) -> str:
    if not type(exc).__module__.startswith("slack_sdk"):
        return ""
    from slack_sdk.errors import SlackApiError

    if isinstance(exc, SlackApiError):
        error = str(exc.response.get("error", "error"))
        hint = " (check SLACK_BOT_TOKEN)" if error in ("invalid_auth", "not_authed", "token_revoked",
                                                       "account_inactive", "token_expired") else ""
        return f"Slack refused the request: {error}{hint}."
    return f"Cannot reach Slack ({_first_line(exc)}); check SLACK_API_URL and the network."


def _index(exc: BaseException) -> str:
    module = type(exc).__module__
    if module.startswith("chromadb") or isinstance(exc, sqlite3.DatabaseError):
        return (
            f"The search index could not be opened ({_first_line(exc)}). If it is damaged, move the 'chroma' "
            "folder in the data dir aside and run `ftadvisor reindex`."
        )
    return ""


def report(exc: BaseException) -> int:
    """Print one line for `exc` on stderr, log the details; returns the exit code."""
    from bot.cli.output import complain

    line, code = describe(exc)
    ref = new_reference_id()
    if logging.getLogger().handlers:  # configured: the traceback goes to the log file only
        log.error("command failed ref=%s: %r", ref, exc, exc_info=exc, extra={"file_only": True})
    where = "the log (ftadvisor.log in the data dir)"
    if not line:
        line = f"Sorry, something went wrong ({type(exc).__name__}); the details are in {where}"
    complain(f"{line} (reference {ref})" if code == 1 else line)
    return code


class SafeGroup(TyperGroup):
    """The app's command group: unexpected exceptions end as one line and an exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (Exit, Abort, TyperException):  # typer's own control flow (exits, usage errors)
            raise
        except Exception as exc:
            raise typer.Exit(report(exc)) from None
