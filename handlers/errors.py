"""The small exception family. Users see `user_message` (polite, no internals); logs get the rest."""

from __future__ import annotations


class AdvisorError(Exception):
    """Base of every error this project raises on purpose."""

    user_message = "Sorry, something went wrong on my side while handling that."


class ConfigError(AdvisorError):
    """A setting is missing or invalid; the message names the variable to set."""

    user_message = "The advisor is not configured correctly; an administrator has been told in the logs."


class BadInput(AdvisorError):
    """The user's input cannot be used; the message says why, in words meant for the user."""

    def __init__(self, user_message: str) -> None:
        super().__init__(user_message)
        self.user_message = user_message


class ModelError(AdvisorError):
    """A language-model call failed (timeout, HTTP error, unusable output).

    `reason` is the cause in one word (timeout, unreachable, refused, unusable): what `ask --json`
    reports as `notice_reason` and what every renderer's notice is worded from."""

    user_message = "The language model did not answer usefully."
    reason = "unusable"


class ModelTimeout(ModelError):
    user_message = "The language model did not answer in time."
    reason = "timeout"


class ModelUnreachable(ModelError):
    """No connection to the model server (refused connection, unknown host, broken connection)."""

    user_message = "The language model server could not be reached."
    reason = "unreachable"


class ModelRefused(ModelError):
    """The server answered with an error status (401, 404 unknown model, 429, 500...)."""

    user_message = "The language model server refused the request."
    reason = "refused"

    def __init__(self, message: str, *, status: int) -> None:
        super().__init__(message)
        self.status = status


class IntegrityError(AdvisorError):
    """A shipped file (model, adapter) does not match its pinned hash."""
