"""Alembic migration scripts of the storage schema (run by `bot.storage.migrate`)."""
