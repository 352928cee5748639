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
    """A language-model call failed (timeout, HTTP error, unusable output)."""

    user_message = "The language model did not answer usefully."


class ModelTimeout(ModelError):
    user_message = "The language model did not answer in time."


class IntegrityError(AdvisorError):
    """A shipped file (model, adapter) does not match its pinned hash."""
