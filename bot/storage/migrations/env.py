"""Alembic environment: migrates the connection `bot.storage.migrate` hands over (online only)."""

from __future__ import annotations

from alembic import context

from bot.storage.migrate import include_object
from bot.storage.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations with `ftadvisor db upgrade` (bot.storage.migrate), which passes the connection")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
    compare_type=True,
    include_object=include_object,
)
with context.begin_transaction():
    context.run_migrations()
