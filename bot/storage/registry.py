"""Imports every store module so that `Database.create_schema` sees all tables.
Add a line here when you add a store module."""

from bot.storage import conversations, notes  # noqa: F401
